CREATE TABLE "Accounts" (id bigserial PRIMARY KEY, email text NOT NULL, "First" text, "Last" text);
INSERT INTO "Accounts" (email, "First", "Last") SELECT 'a' || g || '@example.com', 'F' || g, 'L' || g FROM generate_series(1, 4000) g;
CREATE TABLE "Orders" (id bigserial PRIMARY KEY, "AccountId" bigint NOT NULL REFERENCES "Accounts" (id), total int);
INSERT INTO "Orders" ("AccountId", total) SELECT 1 + g % 4000, g FROM generate_series(1, 2000) g;
CREATE VIEW "Active Accounts" AS SELECT id, email FROM "Accounts";
ANALYZE;
