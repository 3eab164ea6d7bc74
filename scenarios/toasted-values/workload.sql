UPDATE documents SET views = views + 1 WHERE id = ? AND ? > 0;
UPDATE documents SET views = views + 1 WHERE id = ? AND ? > 0;
UPDATE documents SET body = repeat(md5(?::text), 640) WHERE id = ?;
-- @after docs@v1.1
UPDATE documents SET views = views + 1 WHERE id = ? AND ? > 0;
UPDATE documents SET body = s.v, content = s.v FROM (SELECT repeat(md5(?::text), 641) AS v) s WHERE id = ?;
