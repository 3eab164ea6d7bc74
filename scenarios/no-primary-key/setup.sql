CREATE TABLE events_log (happened_at timestamptz NOT NULL DEFAULT now(), kind text, payload text);
INSERT INTO events_log (kind, payload) SELECT 'k' || (g % 5), 'p' || g FROM generate_series(1, 3000) g;
ANALYZE;
