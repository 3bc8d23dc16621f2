import { config, type Config } from "../config/load-config";
import { DEFAULT_ZONE, ZONES } from "./options";

/**
 * Provisioning configuration from the worker's configuration (lib/config), read when a step runs.
 * Production and demo mode differ only in these values: demo mode (`npm start`) points the
 * module sources at the offline fixtures and the GCP endpoint at the emulator; nothing here
 * knows which is which. `provisioningConfigProblems` lists what is missing, so a process can
 * refuse to start with every problem named at once.
 */
export interface ProvisioningSettings {
  /** XXXXXX-XXXXXX-XXXXXX: link billing automatically; unset: a person does it (human task). */
  billingAccount: string | null;
  /** Who gets Editor on the new project (RUNBOOK step 1: "grant you IAM Editor"). */
  operatorMember: string;
  /** `folders/<id>` or `organizations/<id>`: where new projects are created. */
  projectParent: string | null;
  /** Where `<slug>.sourcegraph.com` records live. */
  dnsProject: string;
  dnsManagedZone: string;
  /** The zone a create request gets when it names none. */
  defaultZone: (typeof ZONES)[number];
  /** Terraform module sources written into each deployment (a git URL with a ref, or a path). */
  modules: { instance: string | null; deployment: string | null; stateBucket: string | null };
  /** This worker's scratch space for Terraform (`.terraform/`, plan files); state is in the bucket. */
  terraformWorkDir: string;
  /** The managed certificate took 1h41m in practice (BRIEF §7): wait hours, not minutes. */
  certificateTimeoutMs: number;
  certificatePollMs: number;
  /** Containers and frontend coming up after the VM boots (startup script < 10 minutes). */
  bootTimeoutMs: number;
  bootPollMs: number;
}

const PARENT = /^(folders|organizations)\/\d{1,20}$/;

export function provisioningSettings(c: Config = config()): ProvisioningSettings {
  return {
    billingAccount: c.BILLING_ACCOUNT ?? null,
    operatorMember: c.PROVISIONING_OPERATOR_MEMBER,
    projectParent: c.GCP_PROJECT_PARENT ?? null,
    dnsProject: c.DNS_PROJECT,
    dnsManagedZone: c.DNS_MANAGED_ZONE,
    defaultZone: ZONES.find((z) => z === c.DEFAULT_ZONE) ?? DEFAULT_ZONE,
    modules: {
      instance: c.INSTANCE_MODULE_SOURCE ?? null,
      deployment: c.DEPLOYMENT_MODULE_SOURCE ?? null,
      stateBucket: c.STATE_BUCKET_MODULE_SOURCE ?? null,
    },
    terraformWorkDir: c.TERRAFORM_WORK_DIR,
    certificateTimeoutMs: c.CERTIFICATE_TIMEOUT_MS,
    certificatePollMs: c.CERTIFICATE_POLL_MS,
    bootTimeoutMs: c.BOOT_TIMEOUT_MS,
    bootPollMs: c.BOOT_POLL_MS,
  };
}

/**
 * What a process that provisions must have, each with the remedy. Outside demo mode a
 * missing module source or project parent stops the worker at start: the alternative is a
 * job that fails (or worse, builds something else) an hour into provisioning.
 */
export function provisioningConfigProblems(c: Config = config()): string[] {
  const s = provisioningSettings(c);
  const demo = c.DEMO_MODE;
  const problems: string[] = [];
  const moduleHint = (name: string) =>
    `point it at this project's terraform/modules/${name} at a release, e.g. git::https://github.com/<org>/managed-instances.git//terraform/modules/${name}?ref=<tag>`;
  if (!s.modules.instance) problems.push(`INSTANCE_MODULE_SOURCE is not set: ${moduleHint("instance")}`);
  if (!s.modules.deployment) problems.push(`DEPLOYMENT_MODULE_SOURCE is not set: ${moduleHint("deployment")}`);
  if (!s.modules.stateBucket) problems.push(`STATE_BUCKET_MODULE_SOURCE is not set: ${moduleHint("state-bucket")}`);
  if (!demo) {
    const sources = [["INSTANCE_MODULE_SOURCE", s.modules.instance], ["DEPLOYMENT_MODULE_SOURCE", s.modules.deployment], ["STATE_BUCKET_MODULE_SOURCE", s.modules.stateBucket]] as const;
    for (const [name, source] of sources) {
      // The offline fixtures model GCP in the emulator; outside demo mode they would build nothing real.
      if (source && /terraform-fixtures/.test(source)) problems.push(`${name} points at an offline fixture (${source}); outside demo mode it must be the real module`);
    }
    if (!s.projectParent) problems.push("GCP_PROJECT_PARENT is not set: new projects need a parent, e.g. folders/123456789012 or organizations/123456789012");
  }
  if (s.projectParent && !PARENT.test(s.projectParent)) problems.push(`GCP_PROJECT_PARENT must look like folders/<id> or organizations/<id>, not ${JSON.stringify(s.projectParent)}`);
  const zone = c.DEFAULT_ZONE;
  if (zone && !(ZONES as readonly string[]).includes(zone)) problems.push(`DEFAULT_ZONE ${JSON.stringify(zone)} is not one of ${ZONES.join(", ")}`);
  if (!demo && !c.DEPLOYMENTS_REPO) problems.push("DEPLOYMENTS_REPO is not set: the git repository every deployment's Terraform is committed to (e.g. git@github.com:<org>/deploy-sourcegraph-managed.git)");
  return problems;
}
