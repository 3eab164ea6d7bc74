-- A whole-table UPDATE with the guide's progressive options.
-- @metadata {"zeroDowntime": true, "progressive": true, "batchSize": 10000, "delayMs": 100, "maxDuration": 3600000, "rolloutPercentage": 10}
UPDATE orders SET status = 'archived' WHERE status IS NULL;
