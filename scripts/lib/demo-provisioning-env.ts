import path from "node:path";
import { SEEDED_BILLING_ACCOUNT } from "../../emulators/gcp/billing-api";
import { DEMO_PROJECT_PARENT } from "../../emulators/seed-hand-built";

const FIXTURES = path.resolve("emulators/terraform-fixtures");

/**
 * What makes provisioning in demo mode differ from production: configuration only. The
 * module sources are the offline fixtures (they create the emulated resources through the
 * GCP emulator's API), deployments are committed to a bare repository under the data
 * directory (DEPLOYMENTS_REPO unset: `<DATA_DIR>/deployments.git`, made on first use), and billing is linked to the emulator's account (set BILLING_ACCOUNT="" to get
 * the runbook's "ask @beyang" human task instead). Values already in the environment win.
 */
export function demoProvisioningEnv(dataDir: string): Record<string, string> {
  const env = process.env;
  return {
    INSTANCE_MODULE_SOURCE: env.INSTANCE_MODULE_SOURCE ?? path.join(FIXTURES, "instance"),
    DEPLOYMENT_MODULE_SOURCE: env.DEPLOYMENT_MODULE_SOURCE ?? path.join(FIXTURES, "deployment"),
    STATE_BUCKET_MODULE_SOURCE: env.STATE_BUCKET_MODULE_SOURCE ?? path.join(FIXTURES, "state-bucket"),
    DATA_DIR: dataDir,
    // The fleet's folder: new projects go there, and import lists the hand-built ones found there.
    GCP_PROJECT_PARENT: env.GCP_PROJECT_PARENT ?? DEMO_PROJECT_PARENT,
    BILLING_ACCOUNT: env.BILLING_ACCOUNT ?? SEEDED_BILLING_ACCOUNT.replace(/^billingAccounts\//, ""),
  };
}
