-- Statements that are safe as written run directly, each with lock_timeout.
ALTER TABLE orders ADD COLUMN note text;
COMMENT ON COLUMN orders.note IS 'free text from support';
CREATE TABLE order_events (id bigserial PRIMARY KEY, order_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE INDEX order_events_order_id ON order_events (order_id);
