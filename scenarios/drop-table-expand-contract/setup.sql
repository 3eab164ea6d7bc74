CREATE TABLE "Legacy Sessions" (id bigserial PRIMARY KEY, token text NOT NULL, seen int NOT NULL DEFAULT 0);
INSERT INTO "Legacy Sessions" (token) SELECT md5(g::text) FROM generate_series(1, 3000) g;
CREATE TABLE sessions (id bigserial PRIMARY KEY, token text NOT NULL, seen int NOT NULL DEFAULT 0);
INSERT INTO sessions (token) SELECT md5(g::text) FROM generate_series(1, 3000) g;
ANALYZE;
