CREATE TABLE "Searches" (id bigserial PRIMARY KEY, "UserId" int NOT NULL, "Algorithm" text);
INSERT INTO "Searches" ("UserId", "Algorithm") SELECT g, 'old' FROM generate_series(1, 1000) g;
