-- The strategy guide's blue-green example, verbatim: zdm replaces its trigger with CDC, its
-- one-shot copy with batches, keeps the foreign key from orders pointing at the live table,
-- and never drops with CASCADE.
-- Phase 1: Create green table
-- @metadata {"zeroDowntime": true, "phase": "blue-green-create"}
CREATE TABLE users_green (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email VARCHAR(255) UNIQUE NOT NULL,
  profile JSONB NOT NULL DEFAULT '{}',
  -- New structure with JSONB instead of separate columns
  created_at TIMESTAMPTZ DEFAULT NOW()
);

-- Phase 2: Sync data with trigger
-- @metadata {"zeroDowntime": true, "phase": "blue-green-sync"}
CREATE FUNCTION sync_users_to_green() RETURNS TRIGGER AS $$
BEGIN
  INSERT INTO users_green (id, email, profile)
  VALUES (
    NEW.id, 
    NEW.email,
    jsonb_build_object(
      'firstName', NEW.first_name,
      'lastName', NEW.last_name,
      'phone', NEW.phone
    )
  )
  ON CONFLICT (id) DO UPDATE SET
    email = EXCLUDED.email,
    profile = EXCLUDED.profile;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sync_to_green 
AFTER INSERT OR UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION sync_users_to_green();

-- Initial data copy
INSERT INTO users_green (id, email, profile)
SELECT id, email, jsonb_build_object(
  'firstName', first_name,
  'lastName', last_name,
  'phone', phone
) FROM users;

-- Phase 3: Atomic switch
-- @metadata {"zeroDowntime": true, "phase": "blue-green-switch"}
BEGIN;
ALTER TABLE users RENAME TO users_old;
ALTER TABLE users_green RENAME TO users;
COMMIT;

-- Phase 4: Cleanup (after verification)
DROP TABLE users_old CASCADE;
