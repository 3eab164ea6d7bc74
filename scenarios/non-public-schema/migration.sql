-- @metadata {"zeroDowntime": true, "service": "billing", "deploymentVersions": ["v2", "v3"]}
ALTER TABLE billing.invoices RENAME COLUMN amount_cents TO total_cents;
