-- @metadata {"zeroDowntime": true, "phase": "blue-green-create"}
CREATE TABLE users_green (
  id bigint PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  profile JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ DEFAULT NOW()
);
INSERT INTO users_green (id, email, profile, created_at)
SELECT id, email, jsonb_build_object('firstName', first_name, 'lastName', last_name, 'phone', phone), created_at FROM users;
BEGIN;
ALTER TABLE users RENAME TO users_old;
ALTER TABLE users_green RENAME TO users;
COMMIT;
DROP TABLE users_old;
