INSERT INTO "Orders" ("TwinId", "Total") VALUES (?, ? + 1);
