-- @metadata {"zeroDowntime": true, "phase": "expand"}
COMMENT ON COLUMN "Twin"."Legacy" IS 'DEPRECATED: Will be removed in v2.0';
INSERT INTO _migration_deprecations (table_name, column_name, removal_date)
VALUES ('Twin', 'Legacy', NOW() + INTERVAL '30 days');
-- @metadata {"zeroDowntime": true, "phase": "contract"}
ALTER TABLE "Twin" DROP COLUMN "Legacy";
