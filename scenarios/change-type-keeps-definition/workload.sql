-- v1.0 writes b, and inserts without it (its default)
UPDATE meters SET b = ? % 1000 WHERE id = ?;
INSERT INTO meters (code, note) VALUES ('i' || ?, 'n' || ?);
-- @after meter@v1.1
-- v1.1 writes both
UPDATE meters SET b = s.v, b_new = s.v FROM (SELECT ?::int % 1000 AS v) s WHERE id = ?;
INSERT INTO meters (code, note) VALUES ('j' || ?, 'n' || ?);
