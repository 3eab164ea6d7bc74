UPDATE "Sales Data"."order lines; ""v2"".x" SET "Größe" = 'w' || ?, "menge; qty" = "menge; qty" + 1 WHERE id = ?;
-- @after shop@v1.1
UPDATE "Sales Data"."order lines; ""v2"".x" SET "Größe" = s.v, "Größe (neu)" = s.v FROM (SELECT 'v' || ?::int AS v) s WHERE id = ?;
