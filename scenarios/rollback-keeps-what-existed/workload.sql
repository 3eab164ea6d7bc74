UPDATE "Items" SET label = 'w' || ? WHERE id = ?;
