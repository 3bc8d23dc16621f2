import { z } from "zod";

export const MANAGED_PROJECT_PREFIX = "sourcegraph-managed-";

/** A GCP project id (6–30 lowercase letters, digits, hyphens) of the runbook's form `sourcegraph-managed-<slug>`. */
export const importProjectIdSchema = z
  .string({ error: "projectId is required" })
  .max(30, "projectId is at most 30 characters (GCP's limit)")
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "projectId must be a GCP project id (lowercase letters, digits and hyphens)")
  .refine((p) => p.startsWith(MANAGED_PROJECT_PREFIX) && p.length > MANAGED_PROJECT_PREFIX.length + 2, `projectId must be a managed instance's project, ${MANAGED_PROJECT_PREFIX}<slug>`);

/**
 * The instance's `managed-instances` access token (RUNBOOK: created with the admin account,
 * kept in 1Password): what upgrades use to put up the notice and make the database read-only.
 */
export const sourcegraphTokenSchema = z
  .string()
  .trim()
  .regex(/^(sgp_[A-Za-z0-9_]{20,80}|[0-9a-f]{40})$/, "sourcegraphToken must be a Sourcegraph access token (sgp_… or 40 hex characters)");

/** `POST /api/instances/import`. */
export const startImportSchema = z.object({ projectId: importProjectIdSchema, sourcegraphToken: sourcegraphTokenSchema.optional() }).strict();

/** The slug a hand-built project implies: what follows the prefix. */
export const slugOfProject = (projectId: string) => projectId.slice(MANAGED_PROJECT_PREFIX.length);
