import { callApi, apiTarget } from "./call-api";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

/** The ACTIVE projects directly under a folder or organization (Resource Manager `projects.list`). */
export async function listProjectsUnder(parent: string, clients: ProvisioningClients = defaultProvisioningClients()): Promise<{ projectId: string; displayName: string }[]> {
  const target = apiTarget(clients, "Cloud Resource Manager API", "cloudresourcemanager.googleapis.com");
  return callApi(target, parent, async () => {
    const out: { projectId: string; displayName: string }[] = [];
    for await (const p of clients.projects.listProjectsAsync({ parent }, clients.callOptions)) out.push({ projectId: p.projectId ?? "", displayName: p.displayName ?? "" });
    return out;
  });
}
