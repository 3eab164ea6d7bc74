-- The strategy guide's "Creating Index on Large Table": already safe as written.
-- Use CONCURRENTLY to avoid locks
CREATE INDEX CONCURRENTLY idx_orders_user_date 
ON orders(user_id, created_at);
