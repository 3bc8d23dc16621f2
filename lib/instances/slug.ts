import { createHash } from "node:crypto";
import { z } from "zod";

export const PROJECT_PREFIX = "sourcegraph-managed-";
/** GCP project IDs are 6–30 characters; the prefix leaves this many for the slug. */
const ROOM_FOR_SLUG = 30 - PROJECT_PREFIX.length;

/**
 * A customer slug becomes a GCP project ID, a DNS label (`<slug>.sourcegraph.com`) and an
 * argument on operators' command lines, so it is held to the strictest of those rules:
 * lowercase ASCII letters, digits and single hyphens, starting with a letter, not ending
 * with a hyphen, 3–40 characters.
 */
export const slugSchema = z
  .string({ error: "slug is required" })
  .min(3, "slug must be at least 3 characters")
  .max(40, "slug must be at most 40 characters")
  .regex(/^[a-z]/, "slug must start with a lowercase letter")
  .regex(/^[a-z0-9-]+$/, "slug may contain only lowercase letters a-z, digits and hyphens")
  .regex(/[a-z0-9]$/, "slug must not end with a hyphen")
  .refine((s) => !s.includes("--"), "slug must not contain consecutive hyphens");

/**
 * `sourcegraph-managed-<slug>` when it fits in 30 characters (slugs up to 10). A longer slug
 * keeps its first three characters and adds six hex digits of its SHA-256, e.g.
 * `globex-corporation` → `sourcegraph-managed-glo-4f1c2a`: still valid, still recognisable,
 * deterministic. The database's unique constraint on the project ID rejects the rare
 * collision with a clear error instead of sharing a project.
 */
export function projectIdForSlug(slug: string): string {
  if (slug.length <= ROOM_FOR_SLUG) return PROJECT_PREFIX + slug;
  const head = slug.slice(0, 3).replace(/-+$/, "");
  const hash = createHash("sha256").update(slug).digest("hex").slice(0, 6);
  return `${PROJECT_PREFIX}${head}-${hash}`;
}

export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function domainForSlug(slug: string): string {
  return `${slug}.sourcegraph.com`;
}
