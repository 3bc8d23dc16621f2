-- A suspended instance: its VM stopped by a `suspend` job (the customer paused), its data
-- disk kept. The health loop skips it and the fleet shows it as suspended, not down;
-- `resume` starts the VM again and makes it `active`.
ALTER TYPE "InstanceStatus" ADD VALUE IF NOT EXISTS 'suspended' AFTER 'maintenance';
