UPDATE "Twin" SET "Amount" = ? / 4.0 WHERE id = ?;
-- @after shop@v1.1
UPDATE "Twin" SET "Amount" = s.v, "Amount_new" = s.v FROM (SELECT ?::int / 4.0 AS v) s WHERE id = ?;
