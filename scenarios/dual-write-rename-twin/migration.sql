-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE "Twin" RENAME COLUMN "Email" TO "Contact";
