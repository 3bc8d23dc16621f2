import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "../db/client";
import { generateToken, hashToken } from "../auth/api-tokens";
import { ROLES, type Role } from "../auth/permissions";
import { createJob } from "../jobs/create-job";
import { makeActor, makeInstance } from "../testing/factories";
import type { DiscoveredRoute } from "./discover-routes";

export interface Credential {
  role: Role;
  userId: string;
  email: string;
  /** A real bearer token stored (hashed) in the database. */
  token: string;
}

export interface SecurityFixtures {
  instanceSlug: string;
  jobId: string;
  /** A user whose role the users:manage routes may change. */
  targetUserId: string;
  /** A notification channel the PATCH/DELETE routes can find. */
  channelId: string;
  byRole: Record<Role, Credential>;
}

/** A user of `role` with an API token, stored the way real ones are. */
export async function createCredential(role: Role): Promise<Credential> {
  const actor = await makeActor(role);
  const token = await addToken(actor.userId);
  return { role, userId: actor.userId, email: actor.email, token: token.value };
}

export async function addToken(userId: string, name = "security test") {
  const value = generateToken();
  const row = await db.apiToken.create({ data: { userId, name, tokenHash: hashToken(value), prefix: value.slice(0, 7) } });
  return { id: row.id, value };
}

/** Real rows for the routes' parameters, so an allowed call fails for no other reason. */
export async function createSecurityFixtures(): Promise<SecurityFixtures> {
  // Creating a notification channel stores its URL in the secret store: a local one here.
  // A test fixture: it configures the test's process as a test sets any variable.
  // eslint-disable-next-line no-restricted-properties
  process.env.SECRETS_DIR ??= mkdtempSync(path.join(tmpdir(), "security-secrets-"));
  const instance = await makeInstance();
  const admin = await createCredential("admin");
  const job = await createJob({ userId: admin.userId, email: admin.email, name: "admin", role: "admin", via: "api", sourceIp: null }, { kind: "selftest" });
  const target = await makeActor("viewer");
  const byRole = { admin } as Record<Role, Credential>;
  for (const role of ROLES) if (role !== "admin") byRole[role] = await createCredential(role);
  const channel = await db.notificationChannel.create({
    data: { name: "Security fixture", kind: "webhook", eventKinds: [], instanceIds: [], urlHint: "https://example.com/…", secretRefs: {}, createdBy: admin.email },
  });
  return { instanceSlug: instance.slug, jobId: job.id, targetUserId: target.userId, channelId: channel.id, byRole };
}

/**
 * Path parameters for a route: an existing instance, job or user, a step key, and for
 * `DELETE /api/tokens/[id]` a spare token of the caller (never the one it authenticates with).
 */
export async function sampleParams(route: DiscoveredRoute, fx: SecurityFixtures, caller?: Credential): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const name of route.paramNames) {
    if (name === "slug") params.slug = fx.instanceSlug;
    else if (name === "key") params.key = "approve";
    else if (name === "version") params.version = "5.10.2";
    else if (name === "id" && route.pattern.startsWith("/api/jobs/")) params.id = fx.jobId;
    else if (name === "id" && route.pattern.startsWith("/api/users/")) params.id = fx.targetUserId;
    else if (name === "id" && route.pattern.startsWith("/api/notification-channels/")) params.id = fx.channelId;
    else if (name === "id" && route.pattern.startsWith("/api/tokens/")) params.id = caller ? (await addToken(caller.userId, "spare")).id : randomUUID();
    else params[name] = randomUUID();
  }
  return params;
}

/** A valid body for each route that takes one (unique values where a second call would conflict). */
export function sampleBody(key: string): unknown {
  const unique = randomBytes(3).toString("hex");
  const bodies: Record<string, unknown> = {
    "POST /api/tokens": { name: "security test" },
    "POST /api/users": { email: `new-${unique}@example.com`, name: "New User", role: "viewer" },
    "PATCH /api/users/[id]": { role: "viewer" },
    "POST /api/instances/[slug]/jobs": { kind: "refresh" },
    "POST /api/instances": validInstanceBody(`sec-${unique}`),
    "POST /api/waves/[id]/approvals": { stepKey: "approve-destroy" },
    "POST /api/notification-channels": { name: "Security test", kind: "webhook", url: "https://example.com/hooks/security" },
    "PATCH /api/notification-channels/[id]": { name: "Security fixture" },
    "POST /api/releases": { version: `9.${parseInt(unique.slice(0, 3), 16) % 1000}.${parseInt(unique.slice(3), 16) % 1000}`, databaseChanges: false },
    "PATCH /api/releases/[version]": { deployRef: "v5.10.2" },
    "POST /api/instances/[slug]/admin-password/reveal": { reason: "security test: ticket 1234" },
    "POST /api/instances/[slug]/password-reset-links": { username: "nobody", reason: "security test: ticket 1234" },
    "PUT /api/instances/[slug]/backup-policy": { everyDays: 7 },
    "PUT /api/settings/backup-policy": { everyDays: 7, retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 },
    // A well-formed id whose slug is not valid: refused before GCP is asked (no emulator here).
    "POST /api/instances/import": { projectId: "sourcegraph-managed-a--b" },
  };
  return key in bodies ? bodies[key] : {};
}

export function validInstanceBody(slug: string) {
  return {
    slug,
    displayName: "Security Test Corp",
    version: "5.9.0",
    machineType: "n1-standard-8",
    dataDiskSizeGb: 500,
    zone: "us-central1-f",
    accessMode: "ip_allowlist",
    allowlistCidrs: ["10.0.0.0/8"],
  };
}

/** Query strings that keep a GET from streaming forever. */
export function sampleQuery(key: string): string {
  return key === "GET /api/jobs/[id]/logs" ? "format=json" : "";
}
