-- Phase 1: Deprecate column (Expand)
-- @metadata {"zeroDowntime": true, "phase": "expand"}
COMMENT ON COLUMN users.legacy_field IS 'DEPRECATED: Will be removed in v2.0';
INSERT INTO _migration_deprecations (table_name, column_name, removal_date)
VALUES ('users', 'legacy_field', NOW() + INTERVAL '30 days');

-- Phase 2: Application stops reading column (Deploy app v1.1)
-- No database changes

-- Phase 3: Drop column (Contract)
-- @metadata {"zeroDowntime": true, "phase": "contract"}
ALTER TABLE users DROP COLUMN legacy_field;
