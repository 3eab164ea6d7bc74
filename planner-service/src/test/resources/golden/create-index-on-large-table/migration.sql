-- A plain CREATE INDEX on a 3 GB table, with the guide's progressive options: built concurrently,
-- a partial index over recent rows first.
-- @metadata {"progressive": true, "partialIndexWhere": "created_at > '2024-01-01'"}
CREATE INDEX idx_orders_user_date ON orders (user_id, created_at);
