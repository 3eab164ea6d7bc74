-- FK with validation under SHARE ROW EXCLUSIVE on both tables: NOT VALID, then VALIDATE.
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (user_id) REFERENCES customers (id);
