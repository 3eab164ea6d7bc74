-- the application does not change: it inserts users (ids from the sequence) and their orders
UPDATE users SET visits = visits + 1 WHERE id = ?;
INSERT INTO users (email) VALUES ('new' || ? || '@example.com');
INSERT INTO orders (user_id, total) SELECT id, ?::int FROM users WHERE id = ?;
