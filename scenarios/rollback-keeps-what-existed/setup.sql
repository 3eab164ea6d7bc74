CREATE TABLE "Items" (id bigserial PRIMARY KEY, label text NOT NULL, keepme int);
INSERT INTO "Items" (label, keepme) SELECT 'i' || g, g FROM generate_series(1, 1000) g;
CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text NOT NULL);
INSERT INTO audit_log (entry) SELECT 'e' || (g % 250) FROM generate_series(1, 500) g;
ANALYZE;
