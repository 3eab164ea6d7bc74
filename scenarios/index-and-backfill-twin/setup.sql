CREATE TABLE "Twin" (id bigserial PRIMARY KEY, "Score" int, score int, note text);
INSERT INTO "Twin" (score, note) SELECT g, 'n' FROM generate_series(1, 30000) g;
CREATE TABLE twin (id bigserial PRIMARY KEY, "Score" int);
INSERT INTO twin ("Score") SELECT NULL FROM generate_series(1, 100) g;
ANALYZE;
