-- @metadata {"zeroDowntime": true, "phase": "blue-green-create"}
CREATE TABLE "Accounts_green" (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  profile jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO "Accounts_green" (id, email, profile)
SELECT id, email, jsonb_build_object('first', "First", 'last', "Last") FROM "Accounts";
-- @metadata {"zeroDowntime": true, "phase": "blue-green-switch"}
BEGIN;
ALTER TABLE "Accounts" RENAME TO "Accounts_old";
ALTER TABLE "Accounts_green" RENAME TO "Accounts";
COMMIT;
DROP TABLE "Accounts_old";
