UPDATE devices SET label = 'w' || ? WHERE serial = 'sn' || ?;
-- @after fleet@v1.1
UPDATE devices SET label = s.v, display_name = s.v FROM (SELECT 'v' || ?::int AS v) s WHERE serial = 'sn' || ?;
