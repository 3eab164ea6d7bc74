CREATE TABLE levels (level int PRIMARY KEY);
INSERT INTO levels SELECT g FROM generate_series(0, 999) g;
CREATE TABLE meters (id bigserial PRIMARY KEY, code text NOT NULL,
  b int NOT NULL DEFAULT 5 CONSTRAINT b_not_negative CHECK (b >= 0) CONSTRAINT meters_b_level REFERENCES levels (level), note text);
COMMENT ON COLUMN meters.b IS 'the meter''s level';
DO $$ BEGIN CREATE ROLE "meter reader"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT SELECT (id, b), UPDATE (b) ON meters TO "meter reader";
CREATE INDEX meters_b_idx ON meters (b);
INSERT INTO meters (code, b) SELECT 'm' || g, g % 1000 FROM generate_series(1, 6000) g;
ANALYZE;
