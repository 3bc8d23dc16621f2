import type pg from "pg";
import { conditionNotMet, EmulatorError } from "./errors";
import { getOrNotFound } from "./lookup";
import { parseMachineType } from "./machine-types";
import { recordOperation } from "./operations";
import { requireResource } from "./request-body";
import { bareLocation, fingerprint, locationLink, resourcePath } from "./resources";
import { replaceResourceIf, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * instances.setMachineType: only on a stopped VM (REALITY.md: a resize is stop →
 * setMachineType → start, minutes of downtime). The google provider's
 * `allow_stopping_for_update` is exactly that sequence.
 */
export async function setMachineType(pool: pg.Pool, key: ResourceKey, body: unknown): Promise<Doc> {
  const zone = bareLocation(key.location);
  const machineType = parseMachineType(requireResource(body).machineType, key.project, zone);
  return replaceVm(pool, key, "setMachineType", (vm) => {
    if (vm.status !== "TERMINATED") {
      throw new EmulatorError(
        400,
        "FAILED_PRECONDITION",
        "resourceNotReady",
        `The instance '${resourcePath(key.project, "instance", key.location, key.name)}' must be stopped to change its machine type (status ${String(vm.status)}).`,
      );
    }
    return { ...vm, machineType: `${locationLink(key.project, key.location)}/machineTypes/${machineType}` };
  });
}

/**
 * instances.setMetadata: replaces every item; the caller sends the fingerprint it read, and a
 * stale one is GCP's 412, so two writers cannot silently drop each other's keys.
 */
export async function setMetadata(pool: pg.Pool, key: ResourceKey, body: unknown): Promise<Doc> {
  const metadata = requireResource(body);
  const items = Array.isArray(metadata.items) ? (metadata.items as { key?: unknown; value?: unknown }[]) : [];
  return replaceVm(pool, key, "setMetadata", (vm) => {
    const current = (vm.metadata ?? {}) as Doc;
    if (metadata.fingerprint !== current.fingerprint) throw conditionNotMet(resourcePath(key.project, "instance", key.location, key.name));
    return { ...vm, metadata: { kind: "compute#metadata", fingerprint: fingerprint(), items: items.map((i) => ({ key: i.key, value: i.value })) } };
  });
}

/** Read, change, write with a compare-and-swap on a version stamp the VM carries. */
async function replaceVm(pool: pg.Pool, key: ResourceKey, verb: string, change: (vm: Doc) => Doc): Promise<Doc> {
  for (;;) {
    const vm = await getOrNotFound(pool, key);
    const stamp = String(vm.fingerprint ?? "");
    const next = { ...change(vm), fingerprint: fingerprint() };
    if (await replaceIfStamp(pool, key, stamp, next)) return recordOperation(pool, key, verb, String(vm.id));
  }
}

async function replaceIfStamp(pool: pg.Pool, key: ResourceKey, stamp: string, next: Doc): Promise<boolean> {
  if (stamp) return replaceResourceIf(pool, key, stamp, next);
  // Seeded VMs have no instance fingerprint yet: match on "no fingerprint" instead.
  const { rowCount } = await pool.query(
    `UPDATE gcp_emulator.resource SET data = $5::jsonb WHERE project = $1 AND kind = $2 AND location = $3 AND name = $4 AND NOT data ? 'fingerprint'`,
    [key.project, key.kind, key.location, key.name, JSON.stringify(next)],
  );
  return rowCount === 1;
}
