import { projectIdForSlug } from "../../lib/instances/slug";
import { freshContainers } from "./containers";
import { hashPassword, sha256 } from "./credentials";
import { defaultSiteConfig } from "./defaults";
import type { Db, Faults } from "./instance-record";

export interface InstanceSeed {
  slug: string;
  version: string;
  /** GCP project the fake gcloud maps to this instance. Default: the control plane's rule. */
  project?: string;
  /** A fresh instance waiting for its first admin (default false: an instance already set up). */
  needsSiteInit?: boolean;
  /** The first site admin of an initialised instance; defaults to the runbook's account. */
  admin?: { email: string; username: string; password?: string };
  /** The customer's users besides the site admin, numbered User:2, User:3, … in this order. */
  users?: Array<{ username: string; email: string }>;
  /** Access tokens that work on this instance (e.g. the one demo mode keeps for it). */
  accessTokens?: string[];
  /** Default `https://<slug>.sourcegraph.com` once initialised; none on a fresh instance. */
  externalUrl?: string;
  siteConfig?: string;
  settings?: string;
  databaseReadOnly?: boolean;
  faults?: Faults;
}

/**
 * Creates or resets one legacy instance: the project's single `prod` deployment, VM and
 * database in one row, at `version` (its checkout, containers and schema). Instances built
 * as VMs (red/black colours) come from the GCP emulator instead: see testing/colours.ts.
 */
export function seedInstance(db: Db, seed: InstanceSeed): Promise<void> {
  return seedInstances(db, [seed]);
}

/**
 * The bulk path (demo fleet, benchmark): a few statements per chunk of instances, not a round
 * trip per instance. Re-seeding an instance resets it, tokens and faults included.
 */
export async function seedInstances(db: Db, seeds: InstanceSeed[], chunkSize = 2_000): Promise<void> {
  const unique = [...new Map(seeds.map((s) => [s.slug, s])).values()];
  for (let i = 0; i < unique.length; i += chunkSize) {
    const rows = unique.slice(i, i + chunkSize).map(toRow);
    await db.query(
      `INSERT INTO sourcegraph_emulator.instance
         (slug, version, needs_site_init, admin, site_config, site_config_id, settings, settings_id, containers, db_read_only, pending_restart, faults, updated_at, users)
       SELECT slug, version, needs_site_init, admin, site_config, 1, settings, CASE WHEN settings IS NULL THEN NULL ELSE 1 END,
              containers, db_read_only, false, faults, now(), users
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::jsonb[], $5::text[], $6::text[], $7::jsonb[], $8::boolean[], $9::jsonb[], $10::jsonb[])
         AS t(slug, version, needs_site_init, admin, site_config, settings, containers, db_read_only, faults, users)
       ON CONFLICT (slug) DO UPDATE SET
         version = excluded.version, needs_site_init = excluded.needs_site_init, admin = excluded.admin, users = excluded.users,
         site_config = excluded.site_config, site_config_id = excluded.site_config_id, settings = excluded.settings,
         settings_id = excluded.settings_id, containers = excluded.containers, db_read_only = excluded.db_read_only,
         pending_restart = false, faults = excluded.faults, compose_version = NULL, schema_version = NULL, updated_at = now()`,
      [
        rows.map((r) => r.slug),
        rows.map((r) => r.version),
        rows.map((r) => r.needsSiteInit),
        rows.map((r) => r.admin),
        rows.map((r) => r.siteConfig),
        rows.map((r) => r.settings),
        rows.map((r) => r.containers),
        rows.map((r) => r.databaseReadOnly),
        rows.map((r) => r.faults),
        rows.map((r) => r.users),
      ],
    );
    const slugs = rows.map((r) => r.slug);
    await db.query(
      `INSERT INTO sourcegraph_emulator.project (project, slug) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (project) DO UPDATE SET slug = excluded.slug`,
      [rows.map((r) => r.project), slugs],
    );
    await db.query("DELETE FROM sourcegraph_emulator.credential WHERE slug = ANY($1)", [slugs]);
    const tokens = rows.flatMap((r) => r.accessTokens.map((t) => ({ slug: r.slug, hash: sha256(t) })));
    if (tokens.length > 0) {
      await db.query(
        `INSERT INTO sourcegraph_emulator.credential (secret_sha256, slug, kind, note, scopes)
         SELECT h, s, 'token', 'seeded', '{user:all,site-admin:sudo}' FROM unnest($1::text[], $2::text[]) AS t(h, s)
         ON CONFLICT (secret_sha256) DO UPDATE SET slug = excluded.slug`,
        [tokens.map((t) => t.hash), tokens.map((t) => t.slug)],
      );
    }
  }
}

function toRow(seed: InstanceSeed) {
  const needsSiteInit = seed.needsSiteInit ?? false;
  const admin = needsSiteInit
    ? null
    : (() => {
        const a = seed.admin ?? { email: `managed+${seed.slug}@sourcegraph.com`, username: "sourcegraph-admin" };
        return JSON.stringify({ email: a.email, username: a.username, passwordHash: hashPassword(a.password ?? sha256(seed.slug)) });
      })();
  const externalUrl = seed.externalUrl ?? (needsSiteInit ? undefined : `https://${seed.slug}.sourcegraph.com`);
  return {
    slug: seed.slug,
    version: seed.version,
    project: seed.project ?? projectIdForSlug(seed.slug),
    needsSiteInit,
    admin,
    siteConfig: seed.siteConfig ?? defaultSiteConfig(externalUrl),
    settings: seed.settings ?? null,
    containers: JSON.stringify(freshContainers()),
    databaseReadOnly: seed.databaseReadOnly ?? false,
    faults: JSON.stringify(seed.faults ?? {}),
    accessTokens: needsSiteInit ? [] : (seed.accessTokens ?? []),
    users: JSON.stringify((seed.users ?? []).map((u, n) => ({ id: n + 2, username: u.username, email: u.email }))),
  };
}
