import type pg from "pg";
import { inUse } from "./errors";
import { resourcePath, selfLink } from "./resources";
import { natLinks } from "./routers";
import { listResources, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * Refuses to delete a group a backend service points at, a security policy attached to a
 * backend service, an address a Cloud NAT egresses from, or a disk a VM has attached, with
 * GCP's `resourceInUseByAnotherResource`. This is the error behind the RUNBOOK's NEG
 * FAQ, and what a red/black upgrade hits if it drops the old colour before retargeting.
 */
export async function assertNotInUse(pool: pg.Pool, key: ResourceKey): Promise<void> {
  const link = selfLink(key.project, key.kind, key.location, key.name);
  const path = resourcePath(key.project, key.kind, key.location, key.name);
  if (key.kind === "networkEndpointGroup" || key.kind === "instanceGroup") {
    const services = await listResources(pool, { project: key.project, kind: "backendService", location: "global" });
    const user = services.find((s) => backendsOf(s).some((b) => b.group === link));
    if (user) throw inUse(key.kind === "instanceGroup" ? "instance_group" : "network_endpoint_group", path, String(user.selfLink));
  }
  if (key.kind === "securityPolicy") {
    const services = await listResources(pool, { project: key.project, kind: "backendService", location: "global" });
    const user = services.find((s) => s.securityPolicy === link);
    if (user) throw inUse("security_policy", path, String(user.selfLink));
  }
  if (key.kind === "address" && key.location !== "global") {
    const routers = await listResources(pool, { project: key.project, kind: "router", location: key.location });
    const user = routers.find((r) => natLinks(r).includes(link));
    if (user) throw inUse("address", path, String(user.selfLink));
  }
  if (key.kind === "disk") {
    const vms = await listResources(pool, { project: key.project, kind: "instance", location: key.location });
    const user = vms.find((vm) => disksOf(vm).some((d) => d.source === link));
    if (user) throw inUse("disk", path, String(user.selfLink));
  }
}

const backendsOf = (doc: Doc) => (Array.isArray(doc.backends) ? (doc.backends as { group?: string }[]) : []);
const disksOf = (doc: Doc) => (Array.isArray(doc.disks) ? (doc.disks as { source?: string }[]) : []);
