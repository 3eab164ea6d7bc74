UPDATE measurements SET sensor = 's' || ?, reading = reading + 1 WHERE id = ?;
-- @after iot@v1.1
UPDATE measurements SET sensor = s.v, sensor_id = s.v FROM (SELECT 'v' || ?::int AS v) s WHERE id = ?;
