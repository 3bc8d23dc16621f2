import { randomInt } from "node:crypto";
import { db } from "../../db/client";
import {
  addIamBinding,
  createProject,
  createServiceAccount,
  enableService,
  getBillingInfo,
  linkBilling,
  serviceAccountEmail,
  storeServiceAccountKey,
} from "../../gcp";
import { secretStoreFromEnv } from "../../secrets";
import { StepError, type StepContext, type StepWork } from "../../runbooks/types";
import { provisioningSettings } from "../settings";
import { instanceOf, saveSecretRef, secretName, secretRefOf } from "../step-helpers";

const DEPLOY_ROLES = ["roles/compute.admin", "roles/storage.admin"];

/** RUNBOOK steps 1–5: project, billing, deploy service account and key, admin password, Compute API. */
export const gcpProjectSteps: StepWork[] = [
  {
    key: "create-project",
    async run(ctx) {
      const i = instanceOf(ctx);
      const { operatorMember, projectParent } = provisioningSettings();
      ctx.log(`creating GCP project ${i.gcpProjectId} ("${i.displayName}")${projectParent ? ` under ${projectParent}` : ""}`);
      const project = await createProject({
        projectId: i.gcpProjectId,
        displayName: `Managed ${i.slug}`.slice(0, 30),
        labels: { customer: i.slug },
        ...(projectParent ? { parent: projectParent } : {}),
      });
      ctx.log(project.created ? `created project ${project.projectId} (number ${project.projectNumber})` : `project ${project.projectId} already exists; reusing it`);
      const grant = await addIamBinding({ projectId: i.gcpProjectId, role: "roles/editor", member: operatorMember });
      ctx.log(`${operatorMember}: roles/editor ${grant.changed ? "granted" : "already granted"}`);
      return { detail: { projectId: project.projectId, projectNumber: project.projectNumber, created: project.created } };
    },
  },
  {
    key: "link-billing",
    // Automatic when a billing account is configured, or when billing is already linked.
    async needed(ctx) {
      if (provisioningSettings().billingAccount) return false;
      const info = await getBillingInfo(instanceOf(ctx).gcpProjectId);
      return !info.billingEnabled;
    },
  },
  {
    key: "confirm-billing",
    async run(ctx) {
      const i = instanceOf(ctx);
      const { billingAccount } = provisioningSettings();
      if (billingAccount) {
        const linked = await linkBilling({ projectId: i.gcpProjectId, billingAccount });
        ctx.log(`billing account ${linked.billingAccountName}: ${linked.changed ? "linked" : "already linked"}`);
        return { detail: { billingAccountName: linked.billingAccountName } };
      }
      const info = await getBillingInfo(i.gcpProjectId);
      if (!info.billingEnabled) {
        throw new StepError(
          `billing is not enabled on ${i.gcpProjectId}`,
          "Link the project to the billing account in the GCP console (or set BILLING_ACCOUNT on the workers), then retry the job.",
        );
      }
      ctx.log(`billing enabled (${info.billingAccountName})`);
      return { detail: { billingAccountName: info.billingAccountName } };
    },
  },
  {
    key: "service-account",
    run: async (ctx) => ({ detail: await ensureDeployKey(ctx) }),
  },
  {
    key: "admin-password",
    async run(ctx) {
      const i = instanceOf(ctx);
      const existing = secretRefOf(i, "adminPassword");
      if (existing) {
        ctx.log(`admin password already stored (${existing})`);
        return { detail: { secretRef: existing } };
      }
      const password = generatePassword();
      ctx.addSecret(password);
      const ref = await secretStoreFromEnv().put(secretName(i.slug, "admin-password"), password);
      await saveSecretRef(i.id, "adminPassword", ref);
      ctx.log(`40-character password (letters, digits, symbols) stored as ${ref}`);
      return { detail: { secretRef: ref } };
    },
  },
  {
    key: "enable-compute",
    async run(ctx) {
      const i = instanceOf(ctx);
      const r = await enableService({ projectId: i.gcpProjectId, service: "compute.googleapis.com" });
      ctx.log(`compute.googleapis.com: ${r.state}`);
      return { detail: r };
    },
  },
];

/**
 * RUNBOOK step 3: the `deploy` service account with its roles, and its JSON key in the secret
 * store (minted once: GCP allows 10 keys per account). Also what a hand-built instance needs
 * before its first upgrade through Terraform.
 */
export async function ensureDeployKey(ctx: StepContext): Promise<{ email: string; keyId?: string; secretRef: string }> {
  const i = instanceOf(ctx);
  const sa = await createServiceAccount({ projectId: i.gcpProjectId, accountId: "deploy", displayName: "deploy" });
  ctx.log(`service account ${sa.email} ${sa.created ? "created" : "already exists"}`);
  for (const role of DEPLOY_ROLES) {
    const g = await addIamBinding({ projectId: i.gcpProjectId, role, member: `serviceAccount:${sa.email}` });
    ctx.log(`${role}: ${g.changed ? "granted" : "already granted"}`);
  }
  const existing = secretRefOf(i, "serviceAccountKey");
  if (existing) {
    ctx.log(`JSON key already stored (${existing}); not minting another (GCP allows 10 per account)`);
    return { email: sa.email, secretRef: existing };
  }
  const { secretRef, key } = await storeServiceAccountKey(
    { projectId: i.gcpProjectId, email: serviceAccountEmail(i.gcpProjectId, "deploy"), secretName: secretName(i.slug, "deploy-key") },
    secretStoreFromEnv(),
  );
  await saveSecretRef(i.id, "serviceAccountKey", secretRef);
  ctx.instance = await db.instance.findUniqueOrThrow({ where: { id: i.id } });
  ctx.log(`JSON key ${key.keyId} stored as ${secretRef}`);
  return { email: sa.email, keyId: key.keyId, secretRef };
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

/** 1Password's "length 40, symbols and digits on", from a CSPRNG; at least one of each class. */
export function generatePassword(length = 40): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let n = chars.length - 1; n > 0; n--) {
    const k = randomInt(n + 1);
    [chars[n], chars[k]] = [chars[k], chars[n]];
  }
  return chars.join("");
}
