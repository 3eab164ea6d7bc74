-- A safe change: a nullable column with a constant default is metadata-only since PostgreSQL 11.
ALTER TABLE users ADD COLUMN status varchar(50) DEFAULT 'active';
COMMENT ON COLUMN users.status IS 'account status';
