-- Drift detection (issue 15, point 3): the last `terraform plan -detailed-exitcode` of each
-- instance's roots. `not_managed`: built by hand, no Terraform of ours to compare with.
CREATE TYPE "DriftStatus" AS ENUM ('in_sync', 'drifted', 'failed', 'not_managed');

ALTER TABLE "instance"
  ADD COLUMN "drift_status" "DriftStatus",
  ADD COLUMN "drift_changes" INTEGER,
  ADD COLUMN "drift_summary" JSONB,
  ADD COLUMN "drift_checked_at" TIMESTAMPTZ(3),
  ADD COLUMN "drift_error" TEXT;

CREATE INDEX "instance_drift_status_idx" ON "instance"("drift_status");
