import type pg from "pg";
import { alreadyExists } from "./errors";
import { planDisks } from "./instance-disks";
import { validateLabels } from "./labels";
import { parseMachineType } from "./machine-types";
import { recordOperation } from "./operations";
import { pick } from "./request-body";
import { resourceLink } from "./resource-link";
import { bareLocation, instanceDoc, regionOfZone, resourcePath, zoneLocation } from "./resources";
import { deleteResource, insertResource, listResources, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;
type MetadataItem = { key?: string; value?: string };

/**
 * instances.insert: the VM gets the machine type, disks, network and metadata it was given
 * (REALITY.md: every form input must reach the resources), its boot disk is created beside
 * it, and a VM whose metadata names a Sourcegraph version boots that release.
 */
export async function insertInstance(pool: pg.Pool, key: ResourceKey, resource: Doc): Promise<Doc> {
  const { project, name } = key;
  const zone = bareLocation(key.location);
  const machineType = parseMachineType(resource.machineType, project, zone);
  const labels = validateLabels(resource.labels);
  const items = metadataItems(resource.metadata);
  const disks = resource.disks === undefined ? undefined : await planDisks(pool, project, zone, name, resource.disks);
  const doc: Doc = {
    ...resource,
    ...instanceDoc({ project, zone, name, labels, machineType, metadataItems: items }),
    ...pick(resource, ["description"]),
    networkInterfaces: await networkInterfaces(pool, project, zone, resource.networkInterfaces),
    ...(disks ? { disks: disks.attached } : {}),
  };

  if (!(await insertResource(pool, { ...key, data: doc }))) throw alreadyExists(resourcePath(project, "instance", key.location, name));
  for (const [i, created] of (disks?.created ?? []).entries()) {
    const diskKey: ResourceKey = { project, kind: "disk", location: key.location, name: created.name };
    if (!(await insertResource(pool, { ...diskKey, data: created.doc }))) {
      // GCP creates the VM and its new disks together or not at all.
      await deleteResource(pool, key);
      for (const earlier of disks!.created.slice(0, i)) await deleteResource(pool, { ...diskKey, name: earlier.name });
      throw alreadyExists(resourcePath(project, "disk", key.location, created.name));
    }
  }
  return recordOperation(pool, key, "insert", String(doc.id));
}

function metadataItems(metadata: unknown): MetadataItem[] | undefined {
  const items = (metadata as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as MetadataItem[]) : undefined;
}

/**
 * The caller's interfaces with GCP's defaults filled in: full network and subnetwork URLs,
 * and an internal IP of its own (the load balancer's endpoints are these IPs, so two VMs of
 * one project must not share one). Without interfaces, the emulator's historical default.
 */
async function networkInterfaces(pool: pg.Pool, project: string, zone: string, requested: unknown): Promise<Doc[] | undefined> {
  if (!Array.isArray(requested)) return undefined;
  const region = regionOfZone(zone);
  const taken = new Set(
    (await listResources(pool, { project, kind: "instance", location: zoneLocation(zone) })).flatMap((vm) =>
      Array.isArray(vm.networkInterfaces) ? (vm.networkInterfaces as Doc[]).map((n) => n.networkIP) : [],
    ),
  );
  let next = 2;
  const freeIp = () => {
    while (taken.has(`10.0.0.${next}`)) next++;
    taken.add(`10.0.0.${next}`);
    return `10.0.0.${next}`;
  };
  return (requested as Doc[]).map((nic, i) => ({
    ...nic,
    kind: "compute#networkInterface",
    name: `nic${i}`,
    network: resourceLink(project, typeof nic.network === "string" ? nic.network : "default", "global/networks"),
    subnetwork: resourceLink(project, typeof nic.subnetwork === "string" ? nic.subnetwork : "default", `regions/${region}/subnetworks`),
    networkIP: typeof nic.networkIP === "string" ? nic.networkIP : freeIp(),
  }));
}
