-- Each instance's own answer to Sourcegraph's update check (`site.updateCheck`), read by the
-- refresh job through IAP: { pending, checkedAt, errorMessage, updateVersionAvailable, readAt }.
ALTER TABLE "instance" ADD COLUMN "update_check" JSONB;
