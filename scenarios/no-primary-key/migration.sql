-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE events_log RENAME COLUMN kind TO event_kind;
