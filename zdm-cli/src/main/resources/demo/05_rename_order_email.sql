-- The strategy guide's dual-write example, written as its intent: rename orders.user_email to
-- customer_email while the application keeps writing. zdm adds the new column, syncs it from the old
-- one by change data capture (no trigger), backfills in batches, waits for the release that reads the
-- new column (shop@v1.1), syncs back new to old, waits for the release that writes only the new one
-- (shop@v1.2), verifies by checksum, then drops the old column.
-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
