-- The strategy guide's "Adding NOT NULL column" pattern, verbatim.
-- Phase 1: Add nullable column
ALTER TABLE users ADD COLUMN status VARCHAR(50);

-- Phase 2: Backfill with default
UPDATE users SET status = 'active' WHERE status IS NULL;

-- Phase 3: Add NOT NULL constraint
ALTER TABLE users ALTER COLUMN status SET NOT NULL;
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
