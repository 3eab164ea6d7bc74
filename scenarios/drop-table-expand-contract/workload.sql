-- v1.0 still touches the legacy table
UPDATE "Legacy Sessions" SET seen = seen + 1 WHERE id = ? AND ? > 0;
UPDATE sessions SET seen = seen + 1 WHERE id = ? AND ? > 0;
-- @after app@v1.1
UPDATE sessions SET seen = seen + 1 WHERE id = ? AND ? > 0;
