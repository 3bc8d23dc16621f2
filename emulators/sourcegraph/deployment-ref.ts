import type { Db } from "./instance-record";

/**
 * Where a Sourcegraph deployment's state lives, as in the real system (REALITY.md, "The
 * Sourcegraph deployment"): what runs is the VM's (the deploy repo's checkout and the
 * containers), the database is the data disk's. Red/black is two VMs (`prod-red`,
 * `prod-black`), each with a data disk of its own (`prod-<colour>-data`), the second made
 * from a snapshot of the first, so each colour has its own release and its own database.
 *
 * - VM state: table `vm`, keyed (project, zone, VM name), written when the GCP emulator
 *   boots a VM (vm-lifecycle.ts) and by the fake gcloud's docker/git commands.
 * - Database state: table `database_state`, keyed like the GCP resource holding it:
 *   (project, 'disk', 'zones/<zone>', disk) or (project, 'snapshot', 'global', snapshot).
 *   A VM finds its data disk through the GCP emulator's instance document: the `disks[]`
 *   entry that is not the boot disk (else the boot disk), by its `source` URL.
 * - Legacy: instances seeded by slug (`seedInstance`, the demo fleet, older tests) keep one
 *   row in table `instance` holding both; they are the project's single `prod` deployment.
 */
export type DeploymentRef = { kind: "legacy"; slug: string } | { kind: "vm"; project: string; zone: string; vm: string };

export type DatabaseKey =
  | { kind: "legacy"; slug: string }
  | { kind: "disk"; project: string; zone: string; disk: string }
  | { kind: "snapshot"; project: string; snapshot: string };

export interface VmAddress {
  project: string;
  zone: string;
  vm: string;
}

/** A table and the WHERE clause (placeholders $1…) selecting one deployment's or one database's row. */
export interface RowTarget {
  table: string;
  where: string;
  params: unknown[];
  /** The number of the first free placeholder. */
  next: number;
}

export const LEGACY_TABLE = "sourcegraph_emulator.instance";
export const VM_TABLE = "sourcegraph_emulator.vm";
export const DATABASE_TABLE = "sourcegraph_emulator.database_state";
export const DATABASE_CREDENTIAL_TABLE = "sourcegraph_emulator.database_credential";

export function vmTarget(ref: DeploymentRef): RowTarget {
  if (ref.kind === "legacy") return { table: LEGACY_TABLE, where: "slug = $1", params: [ref.slug], next: 2 };
  return { table: VM_TABLE, where: "project = $1 AND zone = $2 AND name = $3", params: [ref.project, ref.zone, ref.vm], next: 4 };
}

export function databaseTarget(key: DatabaseKey): RowTarget {
  if (key.kind === "legacy") return { table: LEGACY_TABLE, where: "slug = $1", params: [key.slug], next: 2 };
  const [location, name] = databaseLocation(key);
  return { table: DATABASE_TABLE, where: "project = $1 AND kind = $2 AND location = $3 AND name = $4", params: [key.project, key.kind, location, name], next: 5 };
}

/** (location, name) of a disk's or snapshot's database row, as the GCP emulator keys the resource. */
export function databaseLocation(key: Exclude<DatabaseKey, { kind: "legacy" }>): [string, string] {
  return key.kind === "disk" ? [`zones/${key.zone}`, key.disk] : ["global", key.snapshot];
}

const PROJECT_PREFIX = "sourcegraph-managed-";
const DISK_LINK = /(?:^|\/)projects\/([^/]+)\/zones\/([^/]+)\/disks\/([^/?#]+)$/;
const GROUP_LINK = /(?:^|\/)projects\/([^/]+)\/zones\/([^/]+)\/networkEndpointGroups\/([^/?#]+)$/;
// undefined_table, invalid_schema_name: the GCP emulator never ran against this database.
const NO_GCP_STATE = new Set(["42P01", "3F000"]);

export function isMissingGcpState(error: unknown): boolean {
  return NO_GCP_STATE.has((error as { code?: string }).code ?? "");
}

/** A disk's `selfLink`/`source` URL (or `projects/p/zones/z/disks/d`) as a database key. */
export function diskFromLink(link: string): Extract<DatabaseKey, { kind: "disk" }> | null {
  const m = DISK_LINK.exec(link);
  return m ? { kind: "disk", project: m[1], zone: m[2], disk: decodeURIComponent(m[3]) } : null;
}

/**
 * The VM's data disk, from its instance document in the GCP emulator: the attached disk that
 * is not the boot disk; a VM with only a boot disk keeps its data there; a VM created
 * without any disks (hand-made in tests) is taken to have a boot disk named after it, as GCP
 * names boot disks.
 */
export async function dataDiskOf(db: Db, vm: VmAddress): Promise<Extract<DatabaseKey, { kind: "disk" }>> {
  const fallback = { kind: "disk" as const, project: vm.project, zone: vm.zone, disk: vm.vm };
  try {
    const { rows } = await db.query<{ disks: { source?: string; boot?: boolean }[] | null }>(
      `SELECT data->'disks' AS disks FROM gcp_emulator.resource WHERE project = $1 AND kind = 'instance' AND location = $2 AND name = $3`,
      [vm.project, `zones/${vm.zone}`, vm.vm],
    );
    const disks = Array.isArray(rows[0]?.disks) ? rows[0].disks : [];
    const chosen = disks.find((d) => d.boot !== true && typeof d.source === "string") ?? disks.find((d) => typeof d.source === "string");
    return (chosen && diskFromLink(String(chosen.source))) || fallback;
  } catch (error) {
    if (isMissingGcpState(error)) return fallback;
    throw error;
  }
}

/**
 * What runs on a VM the GCP emulator has (or a legacy project's `prod`): the VM's own
 * deployment when it booted one, else the project's legacy instance (one seeded by slug,
 * whatever its VM is called), else nothing (a VM still booting, or never given a release).
 */
export async function deploymentOfVm(db: Db, vm: VmAddress): Promise<DeploymentRef | null> {
  const { rows } = await db.query<{ booted: boolean; slug: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM ${VM_TABLE} WHERE project = $1 AND zone = $2 AND name = $3) AS booted,
            (SELECT slug FROM sourcegraph_emulator.project WHERE project = $1
             UNION ALL SELECT slug FROM ${LEGACY_TABLE} WHERE 'sourcegraph-managed-' || slug = $1 LIMIT 1) AS slug`,
    [vm.project, vm.zone, vm.vm],
  );
  if (rows[0].booted) return { kind: "vm", ...vm };
  return rows[0].slug ? { kind: "legacy", slug: rows[0].slug } : null;
}

/**
 * What an IAP tunnel to `vm` of `project` reaches (the tunnel prefix names no zone: a VM name
 * is all but unique in a project): that VM's deployment, else the project's legacy instance.
 */
export async function deploymentOfTunnel(db: Db, project: string, vm: string): Promise<DeploymentRef | null> {
  const { rows } = await db.query<{ zone: string }>(`SELECT zone FROM ${VM_TABLE} WHERE project = $1 AND name = $2 ORDER BY zone LIMIT 1`, [project, vm]);
  if (rows[0]) return { kind: "vm", project, zone: rows[0].zone, vm };
  return deploymentOfVm(db, { project, zone: "", vm });
}

/** The slug a VM's deployment answers to: its `deployment` label, else read from the project id. */
export function slugOfVm(project: string, labels: Record<string, string> | undefined): string {
  return labels?.deployment ?? (project.startsWith(PROJECT_PREFIX) ? project.slice(PROJECT_PREFIX.length) : project);
}

/** The backend service's serving group, as the public edge read it (public-edge.ts). */
export interface BackendRoute {
  project: string;
  /** `backends[0].group` of `prod-backend-service` (a NEG URL); null when it has no backend. */
  group: string | null;
}

export interface RouteOptions {
  /**
   * How long a load balancer change takes to reach users (REALITY.md: about a minute): until
   * then the public URL keeps serving the group it served before. 0 = at once.
   */
  propagationMs?: number;
}

/**
 * Which deployment the public URL of `slug` reaches, as the load balancer routes it:
 * `prod-backend-service` → its NEG → the VM behind it (the NEG's endpoint, else the VM the
 * NEG is named after: `prod-<colour>-neg` → `prod-<colour>`) → that VM's deployment. When
 * that VM has no deployment of its own (the seeded demo fleet's `prod-red-neg` stands for a
 * legacy instance's `prod`), the legacy instance serves. Without a backend service (a
 * project seeded without the GCP side, or one whose front end is not built yet) the legacy
 * instance, else the first VM that booted for the slug.
 *
 * Null: nothing serves (the load balancer points at a group without a live deployment).
 */
export async function routePublic(db: Db, slug: string, backend: BackendRoute | null, options: RouteOptions = {}): Promise<DeploymentRef | null> {
  if (backend?.group) {
    const group = await servingGroup(db, backend, options.propagationMs ?? 0);
    const behind = group ? await deploymentBehindGroup(db, group) : null;
    if (behind) return behind;
  }
  const { rows } = await db.query<{ legacy: boolean; project: string | null; zone: string | null; name: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM ${LEGACY_TABLE} WHERE slug = $1) AS legacy, v.project, v.zone, v.name
     FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT project, zone, name FROM ${VM_TABLE} WHERE slug = $1 ORDER BY booted_at, name LIMIT 1) v ON true`,
    [slug],
  );
  if (rows[0].legacy) return { kind: "legacy", slug };
  if (backend?.group || !rows[0].project) return null;
  return { kind: "vm", project: rows[0].project, zone: rows[0].zone!, vm: rows[0].name! };
}

/** The backend service of the slug's project, for callers that have not read it with the edge. */
export async function backendOf(db: Db, slug: string): Promise<BackendRoute | null> {
  try {
    const { rows } = await db.query<{ project: string; grp: string | null }>(
      `SELECT project, data->'backends'->0->>'group' AS grp FROM gcp_emulator.resource
       WHERE project IN (${PROJECTS_OF_SLUG}) AND kind = 'backendService' AND location = 'global' AND name = 'prod-backend-service'
       ORDER BY project LIMIT 1`,
      [slug],
    );
    return rows[0] ? { project: rows[0].project, group: rows[0].grp } : null;
  } catch (error) {
    if (isMissingGcpState(error)) return null;
    throw error;
  }
}

/** The GCP projects a slug may live in (SQL, slug as $1): its mapping row, the naming rule, its VMs. */
export const PROJECTS_OF_SLUG = `SELECT project FROM sourcegraph_emulator.project WHERE slug = $1
  UNION SELECT 'sourcegraph-managed-' || $1::text
  UNION SELECT project FROM ${VM_TABLE} WHERE slug = $1`;

/** The deployment the public path of a slug resolves to (no propagation delay): what `getInstance(slug)` reads. */
export async function deploymentForSlug(db: Db, slug: string): Promise<DeploymentRef | null> {
  return routePublic(db, slug, await backendOf(db, slug));
}

/** The database of the deployment a slug's public URL reaches (the legacy row, or the VM's data disk). */
export async function databaseForSlug(db: Db, slug: string): Promise<DatabaseKey | null> {
  const ref = await deploymentForSlug(db, slug);
  if (!ref) return null;
  return ref.kind === "legacy" ? { kind: "legacy", slug: ref.slug } : dataDiskOf(db, ref);
}

async function servingGroup(db: Db, backend: BackendRoute, propagationMs: number): Promise<string | null> {
  if (propagationMs <= 0) return backend.group;
  const { rows } = await db.query<{ previous_group: string | null }>(
    `SELECT previous_group FROM sourcegraph_emulator.lb_switch
     WHERE project = $1 AND current_group IS NOT DISTINCT FROM $2 AND switched_at > now() - make_interval(secs => $3::double precision / 1000)`,
    [backend.project, backend.group, propagationMs],
  );
  return rows[0] ? rows[0].previous_group : backend.group;
}

async function deploymentBehindGroup(db: Db, group: string): Promise<DeploymentRef | null> {
  const m = GROUP_LINK.exec(group);
  if (!m) return null;
  const [, project, zone, neg] = m;
  const { rows } = await db.query<{ endpoint: string | null }>(
    `SELECT data->'endpoints'->0->>'instance' AS endpoint FROM gcp_emulator.resource
     WHERE project = $1 AND kind = 'networkEndpoints' AND location = $2 AND name = $3`,
    [project, `zones/${zone}`, neg],
  );
  const vm = rows[0]?.endpoint ?? (neg.endsWith("-neg") ? neg.slice(0, -"-neg".length) : null);
  if (!vm) return null;
  const { rowCount } = await db.query(`SELECT 1 FROM ${VM_TABLE} WHERE project = $1 AND zone = $2 AND name = $3`, [project, zone, vm]);
  return rowCount ? { kind: "vm", project, zone, vm } : null;
}
