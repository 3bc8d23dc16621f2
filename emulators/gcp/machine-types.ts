import { invalid } from "./errors";
import { LINK_BASE } from "./resources";

/**
 * The predefined machine types the emulator knows, per family (Compute Engine docs,
 * "General-purpose machine family"): enough for every size Managed Instances offers, and a
 * typo such as n1-standard-3 fails at insert, as it does in GCP, instead of booting a VM
 * nobody asked for.
 */
const SIZES: Record<string, number[]> = {
  "n1-standard": [1, 2, 4, 8, 16, 32, 64, 96],
  "n2-standard": [2, 4, 8, 16, 32, 48, 64, 80, 96, 128],
  "e2-standard": [2, 4, 8, 16, 32],
};

export const DEFAULT_MACHINE_TYPE = "n2-standard-8";

export function isKnownMachineType(name: string): boolean {
  const m = /^([a-z0-9]+-[a-z]+)-(\d+)$/.exec(name);
  return !!m && (SIZES[m[1]] ?? []).includes(Number(m[2]));
}

/**
 * `resource.machineType` of instances.insert → the bare type name. GCP takes a full or
 * partial URL (`zones/<z>/machineTypes/<t>`) naming the VM's own zone; a bare name, another
 * zone or an unknown type is a 400.
 */
export function parseMachineType(raw: unknown, project: string, zone: string): string {
  if (raw === undefined) return DEFAULT_MACHINE_TYPE;
  const field = "resource.machineType";
  if (typeof raw !== "string") throw invalid(`Invalid value for field '${field}': '${String(raw)}'. The URL is malformed.`);
  let rest = raw.trim();
  for (const prefix of [`${LINK_BASE}/`, "https://compute.googleapis.com/compute/v1/"]) if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  const m = /^(?:projects\/([^/]+)\/)?zones\/([^/]+)\/machineTypes\/([^/]+)$/.exec(rest);
  if (!m) throw invalid(`Invalid value for field '${field}': '${raw}'. The URL is malformed.`);
  const [, refProject, refZone, name] = m;
  if ((refProject && refProject !== project) || refZone !== zone || !isKnownMachineType(name)) {
    throw invalid(`Invalid value for field '${field}': '${raw}'. Machine type with name '${name}' does not exist in zone '${zone}'.`);
  }
  return name;
}
