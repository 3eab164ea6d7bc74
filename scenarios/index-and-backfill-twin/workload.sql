UPDATE "Twin" SET note = 'w' || ? WHERE id = ?;
