import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURES = path.join(ROOT, "emulators/terraform-fixtures");

/**
 * A worker's environment for provisioning against the emulators: what `npm start` sets in
 * demo mode (lib/config/demo-defaults.ts), pointed at this test's emulators and
 * scratch directory. Only configuration; the worker runs the production code path.
 */
export function provisioningTestEnv(o: { gcpUrl: string; sourcegraphUrl: string; tmp: string }): Record<string, string> {
  return {
    DEMO_MODE: "1",
    GCP_API_ENDPOINT: o.gcpUrl,
    GCP_ACCESS_TOKEN: "test",
    SOURCEGRAPH_BASE_URL_TEMPLATE: `${o.sourcegraphUrl}/i/{slug}`,
    SOURCEGRAPH_EMULATOR_URL: o.sourcegraphUrl,
    SECRETS_DIR: path.join(o.tmp, "secrets"),
    DATA_DIR: o.tmp,
    INSTANCE_MODULE_SOURCE: path.join(FIXTURES, "instance"),
    DEPLOYMENT_MODULE_SOURCE: path.join(FIXTURES, "deployment"),
    STATE_BUCKET_MODULE_SOURCE: path.join(FIXTURES, "state-bucket"),
    PATH: `${path.join(ROOT, "emulators/fake-gcloud")}${path.delimiter}${process.env.PATH}`,
    CERTIFICATE_POLL_MS: "100",
    BOOT_POLL_MS: "100",
  };
}
