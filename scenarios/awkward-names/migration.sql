-- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
ALTER TABLE "Sales Data"."order lines; ""v2"".x" RENAME COLUMN "Größe" TO "Größe (neu)";
