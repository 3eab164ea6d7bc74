-- The strategy guide's progressive index example, verbatim. PostgreSQL rejects CREATE INDEX
-- CONCURRENTLY inside a DO block; zdm runs the builds as their own steps instead. PostgreSQL also refuses
-- the partial index's NOW() predicate (not IMMUTABLE), so the plan builds the full index only.
-- @metadata {"zeroDowntime": true, "progressive": true, "batchSize": 10000}
DO $$
DECLARE
  batch_count INTEGER;
BEGIN
  -- Create partial index first
  CREATE INDEX CONCURRENTLY idx_orders_date_partial 
  ON orders(created_at) 
  WHERE created_at > NOW() - INTERVAL '30 days';

  -- Monitor impact
  PERFORM pg_sleep(60);

  -- Create full index if metrics are good
  IF (SELECT avg(lock_wait_time) FROM pg_stat_activity) < 100 THEN
    CREATE INDEX CONCURRENTLY idx_orders_date ON orders(created_at);
    DROP INDEX idx_orders_date_partial;
  END IF;
END $$;
