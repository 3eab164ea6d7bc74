UPDATE line_items SET sku = 'w' || ? WHERE tenant_id = (? % 20) AND id = ?;
-- @after shop@v1.1
UPDATE line_items SET sku = s.v, product_code = s.v FROM (SELECT 'v' || ?::int AS v) s WHERE id = ?;
