-- v1.0 writes number; a new account gets its first payment in the same statement
UPDATE accounts SET balance = balance + ? WHERE id = ?;
INSERT INTO payments (account_number, amount) SELECT number, ?::int FROM accounts WHERE id = ?;
WITH a AS (INSERT INTO accounts (number) VALUES (nextval('account_numbers')) RETURNING number) INSERT INTO payments (account_number, amount) SELECT number, ?::int FROM a;
-- @after bank@v1.1
-- v1.1 writes both
UPDATE accounts SET balance = balance + ? WHERE id = ?;
INSERT INTO payments (account_number, amount) SELECT number, ?::int FROM accounts WHERE id = ?;
WITH a AS (INSERT INTO accounts (number, number_new) SELECT n, n FROM (SELECT nextval('account_numbers') AS n) s RETURNING number) INSERT INTO payments (account_number, amount) SELECT number, ?::int FROM a;
