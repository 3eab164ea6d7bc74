-- UNIQUE built under ACCESS EXCLUSIVE: concurrent unique index, then USING INDEX.
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
