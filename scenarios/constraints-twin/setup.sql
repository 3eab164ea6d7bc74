CREATE TABLE "Twin" (id bigserial PRIMARY KEY, "Email" text NOT NULL);
INSERT INTO "Twin" ("Email") SELECT 'u' || g || '@example.com' FROM generate_series(1, 5000) g;
CREATE TABLE twin (id bigserial PRIMARY KEY, "Email" text NOT NULL);
INSERT INTO twin ("Email") SELECT 'same@example.com' FROM generate_series(1, 100) g;
CREATE TABLE "Orders" (id bigserial PRIMARY KEY, "TwinId" bigint NOT NULL, "Total" int NOT NULL);
INSERT INTO "Orders" ("TwinId", "Total") SELECT 1 + g % 5000, g FROM generate_series(1, 8000) g;
CREATE TABLE orders (id bigserial PRIMARY KEY, "TwinId" bigint NOT NULL, "Total" int NOT NULL);
INSERT INTO orders ("TwinId", "Total") SELECT 999999, -1 FROM generate_series(1, 100) g;
ANALYZE;
