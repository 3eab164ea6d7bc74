-- @metadata {"zeroDowntime": true, "service": "meter", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE meters ALTER COLUMN b TYPE bigint;
