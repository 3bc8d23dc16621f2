import type pg from "pg";
import { imageOf, specOf, type ContainerHealth, type ContainerRecord, type ContainerState } from "./containers";
import type { DatabaseKey, DeploymentRef } from "./deployment-ref";

/** Anything that runs queries: the server's pool, a transaction's client, fake gcloud's client. */
export type Db = pg.Pool | pg.PoolClient | pg.Client;

/** Failures to inject, per deployment (a legacy instance, or one VM). All default to off. */
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

/**
 * One Sourcegraph deployment as it runs: a VM's containers and checkout (or a legacy
 * instance's), joined with the database on its data disk.
 */
export interface EmulatedInstance {
  /** Whose containers these are: a legacy instance (its `prod`) or one VM. */
  ref: DeploymentRef;
  /** Where the database lives: the legacy row, or the VM's data disk; null when the disk holds none. */
  database: DatabaseKey | null;
  slug: string;
  /** The release the frontend runs (what `/__version` reports, faults aside). */
  version: string;
  /** The release tag the deployment's docker-compose.yaml is at. */
  composeVersion: string;
  /** The release the migrator last brought the database to. */
  schemaVersion: string;
  needsSiteInit: boolean;
  admin: { email: string; username: string; passwordHash: string } | null;
  /** The customer's users besides the site admin (who is always User:1). */
  users: EmulatedUser[];
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

export interface EmulatedUser {
  /** The number in the GraphQL ID `User:<id>`; 2 and up (1 is the site admin). */
  id: number;
  username: string;
  email: string;
}

export interface EffectiveContainer extends ContainerRecord {
  name: string;
  image: string;
}

export const INSTANCE_COLUMNS = `slug, version, needs_site_init, admin, site_config, site_config_id, settings, settings_id,
  containers, db_read_only, pending_restart, faults, updated_at, compose_version, schema_version, users`;

export const VM_COLUMNS = "project, zone, name, slug, compose_version, containers, pending_restart, faults, updated_at";
export const DATABASE_COLUMNS = "needs_site_init, admin, site_config, site_config_id, settings, settings_id, db_read_only, schema_version, updated_at, users";

/** A legacy row: VM and database in one. */
export function rowToInstance(row: Record<string, unknown>): EmulatedInstance {
  const version = row.version as string;
  return {
    ref: { kind: "legacy", slug: row.slug as string },
    database: { kind: "legacy", slug: row.slug as string },
    slug: row.slug as string,
    version,
    composeVersion: (row.compose_version as string | null) ?? version,
    ...databaseFields(row, version),
    containers: row.containers as Record<string, ContainerRecord>,
    pendingRestart: row.pending_restart as boolean,
    faults: (row.faults as Faults) ?? {},
    updatedAt: row.updated_at as Date,
  };
}

/** A VM's row with its data disk's database row (null: the disk holds no database). */
export function vmRowToInstance(vm: Record<string, unknown>, database: DatabaseKey, db: Record<string, unknown> | null): EmulatedInstance {
  const containers = vm.containers as Record<string, ContainerRecord>;
  const composeVersion = vm.compose_version as string;
  const version = containers["sourcegraph-frontend-0"]?.version ?? composeVersion;
  const fields = db
    ? databaseFields(db, version)
    : { needsSiteInit: false, admin: null, users: [], siteConfig: { id: 0, contents: "{}" }, settings: { id: null, contents: null }, databaseReadOnly: false, schemaVersion: "" };
  const updated = [vm.updated_at as Date, db?.updated_at as Date | undefined].filter(Boolean) as Date[];
  return {
    ref: { kind: "vm", project: vm.project as string, zone: vm.zone as string, vm: vm.name as string },
    database: db ? database : null,
    slug: vm.slug as string,
    version,
    composeVersion,
    ...fields,
    containers,
    pendingRestart: vm.pending_restart as boolean,
    faults: (vm.faults as Faults) ?? {},
    updatedAt: new Date(Math.max(...updated.map((d) => d.getTime()))),
  };
}

function databaseFields(row: Record<string, unknown>, fallbackVersion: string) {
  return {
    needsSiteInit: row.needs_site_init as boolean,
    admin: (row.admin as EmulatedInstance["admin"]) ?? null,
    users: (row.users as EmulatedUser[] | undefined) ?? [],
    siteConfig: { id: row.site_config_id as number, contents: row.site_config as string },
    settings: { id: (row.settings_id as number | null) ?? null, contents: (row.settings as string | null) ?? null },
    databaseReadOnly: row.db_read_only as boolean,
    schemaVersion: (row.schema_version as string | null) ?? fallbackVersion,
  };
}

/** The release a container's image carries (its own record, else the deployment's version). */
export function containerVersion(instance: EmulatedInstance, name: string): string {
  return instance.containers[name]?.version ?? instance.version;
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
    const exited = state === "exited" || state === "restarting" ? { exitCode: record.exitCode ?? 1 } : {};
    return { name, state, health, startedAt: record.startedAt, image: imageOf(name, containerVersion(instance, name)), ...exited };
  });
}

/** Whether the frontend answers at all (Caddy gives 502 otherwise). */
export function frontendServing(instance: EmulatedInstance): boolean {
  const frontend = instance.containers["sourcegraph-frontend-0"];
  return !instance.faults.frontendDown && instance.database !== null && (frontend === undefined || frontend.state === "running");
}

/** Whether anything listens on the VM's port 80 (Caddy). */
export function caddyListening(instance: EmulatedInstance): boolean {
  const caddy = instance.containers.caddy;
  return caddy === undefined || caddy.state === "running";
}

export function reportedVersion(instance: EmulatedInstance): string {
  return instance.faults.reportedVersion ?? instance.version;
}
