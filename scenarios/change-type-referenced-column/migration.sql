-- @metadata {"zeroDowntime": true, "service": "bank", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE accounts ALTER COLUMN number TYPE bigint;
