import { deploymentOfVm } from "../sourcegraph/deployment-ref";
import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { loadDeployment } from "../sourcegraph/instance-state";

/**
 * The VM a gcloud call names, as `instances.get` would find it. The GCP emulator's rows
 * (schema gcp_emulator, same database) are the truth: the VM must exist in that project and
 * zone, under whatever name it has (`prod-red`, `prod-black`, …). A project the GCP emulator
 * has no row for at all is one seeded only in the Sourcegraph emulator (the demo fleet and
 * older tests): its VM is `prod`, in any zone, as before the GCP side existed.
 *
 * `instance` is the Sourcegraph deployment running on the VM, null when there is none (a VM
 * still booting: nothing listens on its ports yet): the VM's own (it booted a release: its
 * containers, checkout and data disk), else the project's legacy instance (seeded by slug,
 * whatever the VM is called), as before VMs were modelled.
 */
export type VmLookup =
  | { found: false }
  | { found: true; source: "gcp" | "legacy"; status: string; instance: EmulatedInstance | null };

export interface VmRef {
  project: string;
  zone: string;
  vm: string;
}

export const LEGACY_VM = "prod";
// undefined_table, invalid_schema_name: the GCP emulator never ran against this database.
const NO_GCP_STATE = new Set(["42P01", "3F000"]);

export async function lookUpVm(db: Db, ref: VmRef): Promise<VmLookup> {
  const gcp = await gcpVm(db, ref);
  if (gcp.projectKnown) {
    if (gcp.status === null) return { found: false };
    return { found: true, source: "gcp", status: gcp.status, instance: await instanceOn(db, ref) };
  }
  if (ref.vm !== LEGACY_VM) return { found: false };
  const instance = await instanceOn(db, ref);
  return instance?.ref.kind === "legacy" ? { found: true, source: "legacy", status: "RUNNING", instance } : { found: false };
}

/** What `gcloud` prints when `instances.get` answers 404 (exit 1). */
export function notFoundLines(command: string, ref: VmRef): string[] {
  return [
    `ERROR: (${command}) Could not fetch resource:`,
    ` - The resource 'projects/${ref.project}/zones/${ref.zone}/instances/${ref.vm}' was not found`,
  ];
}

async function gcpVm(db: Db, ref: VmRef): Promise<{ projectKnown: boolean; status: string | null }> {
  try {
    const { rows } = await db.query<{ known: boolean; status: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM gcp_emulator.resource WHERE project = $1) AS known,
              (SELECT coalesce(data->>'status', 'RUNNING') FROM gcp_emulator.resource
                WHERE project = $1 AND kind = 'instance' AND location = $2 AND name = $3) AS status`,
      [ref.project, `zones/${ref.zone}`, ref.vm],
    );
    return { projectKnown: rows[0].known, status: rows[0].status };
  } catch (error) {
    if (NO_GCP_STATE.has((error as { code?: string }).code ?? "")) return { projectKnown: false, status: null };
    throw error;
  }
}

async function instanceOn(db: Db, ref: VmRef): Promise<EmulatedInstance | null> {
  const deployment = await deploymentOfVm(db, ref);
  return deployment ? loadDeployment(db, deployment) : null;
}
