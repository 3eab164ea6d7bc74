CREATE TABLE measurements (id bigint NOT NULL, taken_on date NOT NULL, reading numeric, sensor text, PRIMARY KEY (id, taken_on)) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2026_11 PARTITION OF measurements FOR VALUES FROM ('2026-11-01') TO ('2026-12-01');
CREATE TABLE measurements_2026_12 PARTITION OF measurements FOR VALUES FROM ('2026-12-01') TO ('2027-01-01');
CREATE TABLE measurements_default PARTITION OF measurements DEFAULT;
INSERT INTO measurements SELECT g, date '2026-11-01' + (g % 60), g / 10.0, 's' || (g % 50) FROM generate_series(1, 6000) g;
ANALYZE;
