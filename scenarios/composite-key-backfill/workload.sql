UPDATE line_items SET qty = qty + 1 WHERE tenant_id = (? % 20) AND id = ?;
