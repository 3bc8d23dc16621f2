import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { listProjectsUnder, GcpError } from "../gcp";
import { provisioningSettings } from "../provisioning/settings";
import { MANAGED_PROJECT_PREFIX, slugOfProject } from "./import-schema";

export interface ImportCandidate {
  projectId: string;
  displayName: string;
  /** The slug the instance would get. */
  slug: string;
}

/**
 * Projects under the fleet's parent (GCP_PROJECT_PARENT) that look like managed instances
 * (`sourcegraph-managed-*`) and that the control plane does not manage yet.
 */
export async function listImportCandidates(): Promise<{ parent: string | null; candidates: ImportCandidate[]; problem?: string }> {
  const parent = provisioningSettings().projectParent;
  if (!parent) return { parent: null, candidates: [], problem: "GCP_PROJECT_PARENT is not set: the control plane does not know where the fleet's projects live" };
  let projects: { projectId: string; displayName: string }[];
  try {
    projects = await listProjectsUnder(parent);
  } catch (e) {
    if (e instanceof GcpError) throw new AppError("unavailable", `the projects under ${parent} could not be listed: ${e.message}`);
    throw e;
  }
  const looksManaged = projects.filter((p) => p.projectId.startsWith(MANAGED_PROJECT_PREFIX));
  const managed = new Set((await db.instance.findMany({ where: { gcpProjectId: { in: looksManaged.map((p) => p.projectId) } }, select: { gcpProjectId: true } })).map((i) => i.gcpProjectId));
  return {
    parent,
    candidates: looksManaged.filter((p) => !managed.has(p.projectId)).map((p) => ({ projectId: p.projectId, displayName: p.displayName, slug: slugOfProject(p.projectId) })),
  };
}
