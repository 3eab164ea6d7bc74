CREATE TABLE documents (id bigserial PRIMARY KEY, body text NOT NULL, views int NOT NULL DEFAULT 0);
ALTER TABLE documents ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO documents (body) SELECT repeat(md5(g::text), 640) FROM generate_series(1, 1500) g;
ANALYZE;
