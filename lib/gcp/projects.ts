import type { protos } from "@google-cloud/resource-manager";
import { resourceManagerLibrary } from "./load-client-libraries";
import { GcpError } from "./errors";
import { enumName } from "./proto-enum";
import { apiTarget, callApi } from "./call-api";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";
import { waitForLongRunning } from "./wait-for-long-running";

type Project = protos.google.cloud.resourcemanager.v3.IProject;

export interface ProjectInfo {
  projectId: string;
  /** GCP's numeric id, which other APIs use in resource names. */
  projectNumber: string;
  displayName: string;
  /** organizations/<id>, folders/<id>, or "" for none. */
  parent: string;
  /** ACTIVE, or DELETE_REQUESTED for a project pending deletion. */
  state: string;
  labels: Record<string, string>;
}

const target = (clients: ProvisioningClients) => apiTarget(clients, "Cloud Resource Manager API", "cloudresourcemanager.googleapis.com");

/**
 * Creates the instance's project (RUNBOOK step 1, `sourcegraph-managed-<slug>`) and waits for
 * the create operation. Safe to run again: if the id is taken by a project this caller can
 * read, that project is returned with `created: false` (a retried step after a crash). Project
 * ids are unique across all of GCP, so an id taken by someone else (which Resource Manager
 * hides behind 403) and a project under a different parent are "already-exists" errors.
 */
export async function createProject(
  ref: { projectId: string; displayName: string; parent?: string; labels?: Record<string, string> },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ProjectInfo & { created: boolean }> {
  const resource = `projects/${ref.projectId}`;
  const t = target(clients);
  try {
    const [op] = await callApi(t, resource, () =>
      clients.projects.createProject(
        { project: { projectId: ref.projectId, displayName: ref.displayName, parent: ref.parent ?? "", labels: ref.labels ?? {} } },
        clients.callOptions,
      ),
    );
    const project = await waitForLongRunning(t, resource, op, "project creation");
    return { ...toProjectInfo(project), created: true };
  } catch (err) {
    if (!(err instanceof GcpError && err.kind === "already-exists")) throw err;
  }
  const existing = await getProject(ref.projectId, clients).catch((err: unknown) => {
    if (err instanceof GcpError && err.kind === "permission-denied") {
      throw new GcpError("already-exists", resource, `GCP project id ${ref.projectId} is taken by a project this account cannot see`, undefined, undefined, { cause: err });
    }
    throw err;
  });
  if (ref.parent !== undefined && existing.parent !== ref.parent) {
    throw new GcpError("already-exists", resource, `GCP project ${ref.projectId} already exists under ${existing.parent || "no parent"}, not ${ref.parent}`);
  }
  if (existing.state !== "ACTIVE") throw new GcpError("already-exists", resource, `GCP project ${ref.projectId} exists but is ${existing.state}`);
  return { ...existing, created: false };
}

/**
 * A project by id. Resource Manager answers 403 both for a project the caller may not read and
 * for one that does not exist, so a missing project is a "permission-denied" GcpError.
 */
export async function getProject(projectId: string, clients: ProvisioningClients = defaultProvisioningClients()): Promise<ProjectInfo> {
  const resource = `projects/${projectId}`;
  const [project] = await callApi(target(clients), resource, () => clients.projects.getProject({ name: resource }, clients.callOptions));
  return toProjectInfo(project);
}

function toProjectInfo(p: Project): ProjectInfo {
  return {
    projectId: p.projectId ?? "",
    projectNumber: (p.name ?? "").replace(/^projects\//, ""),
    displayName: p.displayName ?? "",
    parent: p.parent ?? "",
    state: enumName(resourceManagerLibrary().protos.google.cloud.resourcemanager.v3.Project.State, p.state),
    labels: { ...(p.labels ?? {}) },
  };
}

/**
 * Schedules the project for deletion (the last step of deleting an instance): GCP moves it to
 * DELETE_REQUESTED and purges it, with everything in it, after 30 days; until then
 * `gcloud projects undelete` brings it back. Safe to run again: a project already
 * DELETE_REQUESTED stays so.
 */
export async function deleteProject(projectId: string, clients: ProvisioningClients = defaultProvisioningClients()): Promise<ProjectInfo> {
  const resource = `projects/${projectId}`;
  const t = target(clients);
  const [op] = await callApi(t, resource, () => clients.projects.deleteProject({ name: resource }, clients.callOptions));
  await waitForLongRunning(t, resource, op, "project deletion");
  return getProject(projectId, clients);
}
