-- An instance being imported (issue 15): the control plane has found its project and is
-- discovering what runs there; the import job records the rest once a person approved.
ALTER TYPE "InstanceStatus" ADD VALUE IF NOT EXISTS 'importing' AFTER 'provisioning';
