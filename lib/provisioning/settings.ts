import path from "node:path";

/**
 * Provisioning configuration from the environment, read when a step runs (the worker's env).
 * Production points INSTANCE_MODULE_SOURCE / STATE_BUCKET_MODULE_SOURCE at the
 * deploy-sourcegraph-managed modules; demo mode and tests use the offline fixtures.
 */
export interface ProvisioningSettings {
  /** XXXXXX-XXXXXX-XXXXXX: link billing automatically; unset: a person does it (human task). */
  billingAccount: string | null;
  /** Who gets Editor on the new project (RUNBOOK step 1: "grant you IAM Editor"). */
  operatorMember: string;
  /** Where `<slug>.sourcegraph.com` records live. */
  dnsProject: string;
  dnsManagedZone: string;
  /** Per-instance Terraform working directories: <deploymentsDir>/<slug>/{gcp-tfstate,infrastructure}. */
  deploymentsDir: string;
  instanceModuleSource: string;
  stateBucketModuleSource: string;
  /** The managed certificate took 1h41m in practice (BRIEF §7): wait hours, not minutes. */
  certificateTimeoutMs: number;
  certificatePollMs: number;
  /** Containers and frontend coming up after the VM boots (startup script < 10 minutes). */
  bootTimeoutMs: number;
  bootPollMs: number;
  demo: boolean;
}

const FIXTURES = path.resolve("lib/terraform/fixtures/instance");
const STATE_FIXTURE = path.resolve("lib/provisioning/templates/modules/state-bucket");

export function provisioningSettings(env: Record<string, string | undefined> = process.env): ProvisioningSettings {
  const demo = env.DEMO_MODE === "1";
  const dataDir = path.resolve(/* turbopackIgnore: true */ env.DATA_DIR ?? ".data");
  return {
    billingAccount: env.BILLING_ACCOUNT?.trim() || null,
    operatorMember: env.PROVISIONING_OPERATOR_MEMBER?.trim() || "group:managed-instances-operators@sourcegraph.com",
    dnsProject: env.DNS_PROJECT?.trim() || "sourcegraph-infrastructure",
    dnsManagedZone: env.DNS_MANAGED_ZONE?.trim() || "sourcegraph-com",
    deploymentsDir: path.resolve(/* turbopackIgnore: true */ env.DEPLOYMENTS_DIR ?? path.join(dataDir, "deployments")),
    instanceModuleSource: env.INSTANCE_MODULE_SOURCE?.trim() || FIXTURES,
    stateBucketModuleSource: env.STATE_BUCKET_MODULE_SOURCE?.trim() || STATE_FIXTURE,
    certificateTimeoutMs: Number(env.CERTIFICATE_TIMEOUT_MS ?? 4 * 3600_000),
    certificatePollMs: Number(env.CERTIFICATE_POLL_MS ?? (demo ? 1_000 : 60_000)),
    bootTimeoutMs: Number(env.BOOT_TIMEOUT_MS ?? 20 * 60_000),
    bootPollMs: Number(env.BOOT_POLL_MS ?? (demo ? 500 : 15_000)),
    demo,
  };
}
