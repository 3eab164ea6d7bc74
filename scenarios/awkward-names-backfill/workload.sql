UPDATE "Sales Data"."order lines; ""v2"".x" SET "menge; qty" = "menge; qty" + 1 WHERE id = ? AND ? > 0;
