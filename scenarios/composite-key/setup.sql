CREATE TABLE line_items (tenant_id int NOT NULL, id int NOT NULL, sku text NOT NULL, qty int, PRIMARY KEY (tenant_id, id));
INSERT INTO line_items SELECT g % 20, g, 'sku' || g, g % 9 FROM generate_series(1, 10000) g;
ANALYZE;
