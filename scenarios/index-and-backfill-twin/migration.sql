UPDATE "Twin" SET "Score" = score * 2 WHERE "Score" IS NULL;
CREATE INDEX "Twin_Score_idx" ON "Twin" ("Score");
