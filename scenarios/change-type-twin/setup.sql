CREATE TABLE "Twin" (id bigserial PRIMARY KEY, "Amount" double precision NOT NULL, note text);
INSERT INTO "Twin" ("Amount", note) SELECT g / 4.0, 'n' FROM generate_series(1, 6000) g;
CREATE TABLE twin (id bigserial PRIMARY KEY, "Amount" double precision NOT NULL);
INSERT INTO twin ("Amount") SELECT 0.5 FROM generate_series(1, 100) g;
ANALYZE;
