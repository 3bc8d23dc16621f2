import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { instancePath, type VmRef } from "./vm";

/**
 * The guest attributes a VM published under `namespace/` (`instances.getGuestAttributes`,
 * no SSH): key → value. Null when it published nothing there (GCP answers 404: guest
 * attributes disabled, or nothing on the VM writes them).
 */
export async function getGuestAttributes(
  ref: VmRef & { namespace: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<Map<string, string> | null> {
  const resource = `${instancePath(ref)}/guestAttributes/${ref.namespace}/`;
  try {
    const [attributes] = await callGcp(clients, resource, () =>
      clients.instances.getGuestAttributes(
        { project: ref.project, zone: ref.zone, instance: ref.vmName ?? "prod", queryPath: `${ref.namespace}/` },
        clients.callOptions,
      ),
    );
    return new Map((attributes.queryValue?.items ?? []).map((i) => [i.key ?? "", i.value ?? ""]));
  } catch (e) {
    if (e instanceof GcpError && e.kind === "not-found") return null;
    throw e;
  }
}
