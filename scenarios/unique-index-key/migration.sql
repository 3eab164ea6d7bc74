-- @metadata {"zeroDowntime": true, "service": "fleet", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE devices RENAME COLUMN label TO display_name;
