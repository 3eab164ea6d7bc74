-- @metadata {"zeroDowntime": true, "service": "iot", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE measurements RENAME COLUMN sensor TO sensor_id;
