INSERT INTO events_log (kind, payload) VALUES ('w' || ?, 'p' || ?);
