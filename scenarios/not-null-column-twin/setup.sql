CREATE TABLE "Twin" (id bigserial PRIMARY KEY, "Email" text NOT NULL, note text);
INSERT INTO "Twin" ("Email", note) SELECT 'u' || g || '@example.com', 'n' FROM generate_series(1, 20000) g;
CREATE TABLE twin (id bigserial PRIMARY KEY, "Email" text NOT NULL);
INSERT INTO twin ("Email") SELECT 'twin' || g FROM generate_series(1, 100) g;
ANALYZE;
