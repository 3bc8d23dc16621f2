import type pg from "pg";
import { imageOf, specOf, type ContainerHealth, type ContainerRecord, type ContainerState } from "./containers";

/** Anything that runs queries: the server's pool, a transaction's client, fake gcloud's client. */
export type Db = pg.Pool | pg.PoolClient | pg.Client;

/** Failures to inject, per instance. All default to off. */
export interface Faults {
  /** Caddy answers 502 for everything (/healthz included) and the frontend container is unhealthy. */
  frontendDown?: boolean;
  /** `/__version` reports this instead of the deployed version (an upgrade that did not take). */
  reportedVersion?: string | null;
  /** These containers report `(unhealthy)` whatever else happens to them. */
  unhealthyContainers?: string[];
  /** `gcloud compute ssh` to this instance fails like an IAP tunnel that cannot connect. */
  sshUnreachable?: boolean;
}

export interface EmulatedInstance {
  slug: string;
  version: string;
  needsSiteInit: boolean;
  admin: { email: string; username: string; passwordHash: string } | null;
  siteConfig: { id: number; contents: string };
  /** id null: the site has never saved global settings. */
  settings: { id: number | null; contents: string | null };
  containers: Record<string, ContainerRecord>;
  databaseReadOnly: boolean;
  /** Set when a site configuration change asked for a restart; cleared by restarting the frontend. */
  pendingRestart: boolean;
  faults: Faults;
  updatedAt: Date;
}

export interface EffectiveContainer extends ContainerRecord {
  name: string;
  image: string;
}

export const INSTANCE_COLUMNS = `slug, version, needs_site_init, admin, site_config, site_config_id, settings, settings_id,
  containers, db_read_only, pending_restart, faults, updated_at`;

export function rowToInstance(row: Record<string, unknown>): EmulatedInstance {
  return {
    slug: row.slug as string,
    version: row.version as string,
    needsSiteInit: row.needs_site_init as boolean,
    admin: (row.admin as EmulatedInstance["admin"]) ?? null,
    siteConfig: { id: row.site_config_id as number, contents: row.site_config as string },
    settings: { id: (row.settings_id as number | null) ?? null, contents: (row.settings as string | null) ?? null },
    containers: row.containers as Record<string, ContainerRecord>,
    databaseReadOnly: row.db_read_only as boolean,
    pendingRestart: row.pending_restart as boolean,
    faults: (row.faults as Faults) ?? {},
    updatedAt: row.updated_at as Date,
  };
}

/** Containers as `docker ps` should show them: stored state with the injected faults applied. */
export function effectiveContainers(instance: EmulatedInstance): EffectiveContainer[] {
  const unhealthy = new Set(instance.faults.unhealthyContainers ?? []);
  if (instance.faults.frontendDown) unhealthy.add("sourcegraph-frontend-0");
  return Object.entries(instance.containers).map(([name, record]) => {
    let health: ContainerHealth = record.health;
    const state: ContainerState = record.state;
    if (unhealthy.has(name) && state === "running") health = specOf(name)?.healthcheck === false ? "none" : "unhealthy";
    if (state !== "running") health = "none";
    const exited = state === "running" ? {} : { exitCode: record.exitCode ?? 1 };
    return { name, state, health, startedAt: record.startedAt, image: imageOf(name, instance.version), ...exited };
  });
}

/** Whether the frontend answers at all (Caddy gives 502 otherwise). */
export function frontendServing(instance: EmulatedInstance): boolean {
  const frontend = instance.containers["sourcegraph-frontend-0"];
  return !instance.faults.frontendDown && (frontend === undefined || frontend.state === "running");
}

export function reportedVersion(instance: EmulatedInstance): string {
  return instance.faults.reportedVersion ?? instance.version;
}
