CREATE SCHEMA "Sales Data";
CREATE TABLE "Sales Data"."order lines; ""v2"".x" (
  id bigserial PRIMARY KEY,
  "Prix unitaire €" numeric(10, 2) NOT NULL,
  "Größe" text,
  "menge; qty" int
);
INSERT INTO "Sales Data"."order lines; ""v2"".x" ("Prix unitaire €", "Größe", "menge; qty")
SELECT g / 100.0, 'g' || g, g % 7 FROM generate_series(1, 8000) g;
ANALYZE;
