-- v1.0 writes the old shape
UPDATE "Accounts" SET "First" = 'w' || ? WHERE id = ?;
-- @after app@v1.1
-- v1.1 works with either shape: it writes only what both have
UPDATE "Accounts" SET email = 'v' || ? || '@example.com' WHERE id = ?;
