-- The VM that serves the instance now. Instances built by hand have one VM called `prod`;
-- instances the control plane provisions have one VM per colour (`prod-red`, `prod-black`),
-- and a red/black upgrade moves this to the new colour's VM.
ALTER TABLE "instance" ADD COLUMN "vm_name" TEXT NOT NULL DEFAULT 'prod';
