ALTER TABLE "Sales Data"."order lines; ""v2"".x" ADD COLUMN "État" text;
UPDATE "Sales Data"."order lines; ""v2"".x" SET "État" = 'neu' WHERE "État" IS NULL;
ALTER TABLE "Sales Data"."order lines; ""v2"".x" ALTER COLUMN "État" SET NOT NULL;
CREATE INDEX "idx; ""état""" ON "Sales Data"."order lines; ""v2"".x" ("État", "menge; qty");
