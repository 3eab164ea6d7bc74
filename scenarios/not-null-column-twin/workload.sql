INSERT INTO "Twin" ("Email", note) VALUES ('i' || ? || '@example.com', 'inserted ' || ?);
UPDATE "Twin" SET note = 'w' || ? WHERE id = ?;
