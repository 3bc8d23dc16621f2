-- Which approvals of a wave's red/black upgrades are given without asking a person
-- (lib/waves/approval-policy.ts). Waves started before this column existed asked at every
-- step, so that is what they keep. A destructive Terraform plan always asks, whatever this says.
ALTER TABLE "wave" ADD COLUMN "approval_policy" TEXT NOT NULL DEFAULT 'ask-every-step';
