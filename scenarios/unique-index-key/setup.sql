CREATE TABLE devices (serial text NOT NULL, label text, seen int);
CREATE UNIQUE INDEX devices_serial_key ON devices (serial);
INSERT INTO devices SELECT 'sn' || g, 'l' || g, 0 FROM generate_series(1, 4000) g;
ANALYZE;
