CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, visits int NOT NULL DEFAULT 0);
INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 4000) g;
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int NOT NULL CONSTRAINT orders_user_fkey REFERENCES users (id), total int NOT NULL);
INSERT INTO orders (user_id, total) SELECT 1 + g % 4000, g FROM generate_series(1, 8000) g;
ANALYZE;
