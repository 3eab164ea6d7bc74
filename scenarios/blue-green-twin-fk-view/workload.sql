-- the application writes the old shape until it is switched
UPDATE "Accounts" SET "First" = 'w' || ? WHERE id = ?;
