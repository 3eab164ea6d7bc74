-- v1.0 writes the old column
UPDATE "Twin" SET "Email" = 'w' || ? || '@example.com' WHERE id = ?;
-- @after shop@v1.1
-- v1.1 reads the new column and writes both
UPDATE "Twin" SET "Email" = s.v, "Contact" = s.v FROM (SELECT 'v' || ?::int || '@example.com' AS v) s WHERE id = ?;
