-- @metadata {"zeroDowntime": true, "service": "docs", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE documents RENAME COLUMN body TO content;
