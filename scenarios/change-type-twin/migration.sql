-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE "Twin" ALTER COLUMN "Amount" TYPE numeric(12, 2);
