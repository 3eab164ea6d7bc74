-- A form zdm does not know is never treated as safe: the plan is refused with its location.
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ALTER COLUMN note SET MAGIC;
