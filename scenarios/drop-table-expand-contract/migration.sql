-- @metadata {"zeroDowntime": true, "phase": "expand"}
COMMENT ON TABLE "Legacy Sessions" IS 'DEPRECATED: replaced by sessions';
-- @metadata {"zeroDowntime": true, "phase": "contract"}
DROP TABLE "Legacy Sessions";
