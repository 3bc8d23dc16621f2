import type { protos } from "@google-cloud/resource-manager";
import { GcpError } from "./errors";
import { apiTarget, callApi } from "./call-api";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";

type Policy = protos.google.iam.v1.IPolicy;

export interface IamBinding {
  role: string;
  members: string[];
  /** Set for conditional bindings, which this code never adds but keeps. */
  condition?: { title?: string; expression?: string };
}

export interface IamPolicy {
  version: number;
  /** base64; changes on every write. */
  etag: string;
  bindings: IamBinding[];
}

const target = (clients: ProvisioningClients) => apiTarget(clients, "Cloud Resource Manager API", "cloudresourcemanager.googleapis.com");
// Version 3 so conditional bindings come back whole; writing a policy read at version 1 would drop their conditions.
const POLICY_VERSION = 3;
const MAX_ATTEMPTS = 5;

export async function getIamPolicy(projectId: string, clients: ProvisioningClients = defaultProvisioningClients()): Promise<IamPolicy> {
  return toIamPolicy(await readPolicy(projectId, clients));
}

/**
 * Grants `role` to `member` on the project (RUNBOOK: Editor for the operator; Compute Admin
 * and Storage Admin for the deploy account). Idempotent: a member who already has the role
 * (unconditionally) is left alone and `changed` is false. The write is a read-modify-write
 * guarded by the policy's etag; a concurrent change (ABORTED) is retried from a fresh read.
 */
export async function addIamBinding(
  ref: { projectId: string; role: string; member: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<{ changed: boolean }> {
  const resource = `projects/${ref.projectId}`;
  for (let attempt = 1; ; attempt++) {
    const policy = await readPolicy(ref.projectId, clients);
    const bindings = [...(policy.bindings ?? [])];
    const i = bindings.findIndex((b) => b.role === ref.role && !b.condition);
    if (i >= 0 && (bindings[i].members ?? []).includes(ref.member)) return { changed: false };
    if (i >= 0) bindings[i] = { ...bindings[i], members: [...(bindings[i].members ?? []), ref.member] };
    else bindings.push({ role: ref.role, members: [ref.member] });
    try {
      await callApi(target(clients), resource, () =>
        clients.projects.setIamPolicy({ resource, policy: { ...policy, version: POLICY_VERSION, bindings } }, clients.callOptions),
      );
      return { changed: true };
    } catch (err) {
      if (!(err instanceof GcpError && err.kind === "conflict") || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt * Math.random()));
    }
  }
}

async function readPolicy(projectId: string, clients: ProvisioningClients): Promise<Policy> {
  const resource = `projects/${projectId}`;
  const [policy] = await callApi(target(clients), resource, () =>
    clients.projects.getIamPolicy({ resource, options: { requestedPolicyVersion: POLICY_VERSION } }, clients.callOptions),
  );
  return policy;
}

function toIamPolicy(p: Policy): IamPolicy {
  return {
    version: p.version ?? 1,
    etag: typeof p.etag === "string" ? p.etag : p.etag ? Buffer.from(p.etag).toString("base64") : "",
    bindings: (p.bindings ?? []).map((b) => ({
      role: b.role ?? "",
      members: [...(b.members ?? [])],
      ...(b.condition ? { condition: { title: b.condition.title ?? undefined, expression: b.condition.expression ?? undefined } } : {}),
    })),
  };
}
