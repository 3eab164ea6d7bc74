ALTER TABLE "Items" ADD COLUMN IF NOT EXISTS keepme int;
ALTER TABLE "Items" ADD COLUMN fresh text;
CREATE TABLE IF NOT EXISTS audit_log (id bigserial PRIMARY KEY, entry text NOT NULL);
CREATE TABLE IF NOT EXISTS brand_new (id bigserial PRIMARY KEY);
CREATE UNIQUE INDEX audit_log_entry_key ON audit_log (entry);
