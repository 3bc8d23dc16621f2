import type pg from "pg";
import { awaitDnsThenReads, forgetCertificateScript } from "./certificate-script";
import { computeSettings } from "./compute-settings";
import { forgetNetworkEndpoints } from "./network-endpoints";
import { parseResourceRef } from "./resource-ref";
import { markNatAddresses } from "./routers";
import { deleteResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/** What GCP does beside storing a new resource: a certificate starts provisioning, NAT addresses go IN_USE. */
export async function afterInsert(pool: pg.Pool, key: ResourceKey, doc: Doc): Promise<void> {
  if (key.kind === "sslCertificate") {
    await awaitDnsThenReads(pool, { project: key.project, name: key.name, readsAfterDns: computeSettings(pool).certificateReadsAfterDns });
  }
  if (key.kind === "router") await markNatAddresses(pool, doc, true);
}

/** What goes with a deleted resource: a VM's auto-delete disks (its boot disk), a group's endpoints, scripts. */
export async function afterDelete(pool: pg.Pool, key: ResourceKey, doc: Doc): Promise<void> {
  switch (key.kind) {
    case "instance":
      for (const disk of Array.isArray(doc.disks) ? (doc.disks as Doc[]) : []) {
        if (disk.autoDelete === true && typeof disk.source === "string") await deleteResource(pool, parseResourceRef(disk.source, key.project, "source"));
      }
      return;
    case "networkEndpointGroup":
      return forgetNetworkEndpoints(pool, key);
    case "sslCertificate":
      return forgetCertificateScript(pool, key);
    case "router":
      return markNatAddresses(pool, doc, false);
    default:
      return;
  }
}
