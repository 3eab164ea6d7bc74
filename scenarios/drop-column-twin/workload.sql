UPDATE "Twin" SET "Legacy" = 'w' || ?, legacy = legacy WHERE id = ?;
-- @after app@v1.1
UPDATE "Twin" SET note = 'v' || ? WHERE id = ?;
