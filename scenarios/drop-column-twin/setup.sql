CREATE TABLE "Twin" (id bigserial PRIMARY KEY, "Legacy" text, legacy text, note text);
INSERT INTO "Twin" ("Legacy", legacy, note) SELECT 'L' || g, 'l' || g, 'n' FROM generate_series(1, 3000) g;
CREATE TABLE _migration_deprecations (table_name text, column_name text, removal_date timestamptz);
ANALYZE;
