-- The strategy guide's dual-write example renames orders.user_email to customer_email by hand
-- (with a trigger that is not valid PostgreSQL). Written as the intent, zdm plans the phases.
-- @metadata {"zeroDowntime": true, "phase": "dual-write-setup", "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
