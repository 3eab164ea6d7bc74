ALTER TABLE line_items ADD COLUMN status text;
UPDATE line_items SET status = 'open' WHERE status IS NULL;
ALTER TABLE line_items ALTER COLUMN status SET NOT NULL;
