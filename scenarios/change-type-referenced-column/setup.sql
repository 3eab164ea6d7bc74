CREATE SEQUENCE account_numbers START 100001;
CREATE TABLE accounts (id bigserial PRIMARY KEY, number int NOT NULL CONSTRAINT accounts_number_key UNIQUE, balance int NOT NULL DEFAULT 0);
CREATE TABLE payments (id bigserial PRIMARY KEY,
  account_number int NOT NULL CONSTRAINT payments_account_fkey REFERENCES accounts (number) ON DELETE CASCADE, amount int NOT NULL);
CREATE INDEX payments_account_number_idx ON payments (account_number);
INSERT INTO accounts (number) SELECT g FROM generate_series(1, 3000) g;
INSERT INTO payments (account_number, amount) SELECT g % 3000 + 1, g FROM generate_series(1, 6000) g;
ANALYZE;
