-- The strategy guide's "Changing Column Type" pattern, written as its intent.
-- @metadata {"batchSize": 5000, "delayMs": 50}
ALTER TABLE products ALTER COLUMN price TYPE DECIMAL(10,2);
