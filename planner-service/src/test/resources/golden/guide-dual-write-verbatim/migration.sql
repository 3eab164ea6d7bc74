-- The strategy guide's dual-write example, verbatim: its trigger has an inline BEGIN ... END body,
-- which is not PostgreSQL, so the file splits into fragments zdm refuses (see dual-write-rename-column
-- for the same change written as its intent).
-- Phase 1: Add new column with trigger
-- @metadata {"zeroDowntime": true, "phase": "dual-write-setup"}
ALTER TABLE orders ADD COLUMN customer_email VARCHAR(255);

-- Copy existing data
UPDATE orders SET customer_email = user_email WHERE customer_email IS NULL;

-- Create dual-write trigger
CREATE TRIGGER dual_write_email
BEFORE INSERT OR UPDATE ON orders
FOR EACH ROW
BEGIN
  NEW.customer_email := COALESCE(NEW.customer_email, NEW.user_email);
  NEW.user_email := COALESCE(NEW.user_email, NEW.customer_email);
END;

-- Phase 4: Cleanup
-- @metadata {"zeroDowntime": true, "phase": "dual-write-cleanup"}
DROP TRIGGER dual_write_email;
ALTER TABLE orders DROP COLUMN user_email;
