-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v2", "v2"]}
CREATE TABLE users_green (id bigserial PRIMARY KEY, email text NOT NULL, visits int NOT NULL DEFAULT 0);
