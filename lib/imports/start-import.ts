import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { getProject, GcpError } from "../gcp";
import { domainForSlug, slugSchema } from "../instances/slug";
import { createJobInTransaction } from "../jobs/create-job";
import { secretStoreFromEnv } from "../secrets";
import { secretName } from "../provisioning/step-helpers";
import { slugOfProject } from "./import-schema";

const refuse = (code: "conflict" | "bad_request", message: string) => new AppError(code, message, [{ field: "projectId", message }]);

/**
 * `POST /api/instances/import`: checks the project is not managed yet and that the control
 * plane can read it (each refusal a 4xx that writes nothing), then records the instance as
 * `importing` and starts its import job, in one transaction. The job discovers the rest.
 */
export async function startImport(actor: Actor, projectId: string, opts: { sourcegraphToken?: string } = {}) {
  const slug = slugOfProject(projectId);
  if (!slugSchema.safeParse(slug).success) throw refuse("bad_request", `${projectId} does not name a valid instance slug (${slug})`);
  const managed = await db.instance.findFirst({ where: { OR: [{ gcpProjectId: projectId }, { slug }, { domain: domainForSlug(slug) }] }, select: { slug: true, gcpProjectId: true } });
  if (managed) throw refuse("conflict", managed.gcpProjectId === projectId ? `${projectId} is already managed (instance ${managed.slug})` : `the slug ${slug} is already used by instance ${managed.slug}`);
  try {
    const project = await getProject(projectId);
    if (project.state !== "ACTIVE") throw refuse("bad_request", `${projectId} is ${project.state}, not ACTIVE`);
  } catch (e) {
    if (e instanceof GcpError && (e.kind === "permission-denied" || e.kind === "not-found")) throw refuse("bad_request", `the control plane cannot read project ${projectId} (GCP: ${e.message}); grant its service account access, or check the id`);
    if (e instanceof GcpError) throw new AppError("unavailable", `GCP could not be asked about ${projectId}: ${e.message}`);
    throw e;
  }
  const domain = domainForSlug(slug);
  // The token goes to the secret store, never into the job's params or the audit.
  const secretRefs = opts.sourcegraphToken ? { sourcegraphToken: await secretStoreFromEnv().put(secretName(slug, "sourcegraph-token"), opts.sourcegraphToken) } : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.instance.create({
        data: {
          slug, displayName: slug, gcpProjectId: projectId, status: "importing",
          // Unknown until the job has discovered them (approved before they are recorded).
          region: "", zone: "", machineType: "", dataDiskSizeGb: 0, version: "0.0.0", versionOrder: 0,
          accessMode: "public_sso", domain, externalUrl: `https://${domain}`, createdBy: actor.email,
          ...(secretRefs ? { secretRefs } : {}),
        },
      });
      await recordAudit(tx, actor, { action: "instance.import", targetType: "instance", targetId: row.id, instanceSlug: slug, params: { projectId, sourcegraphToken: secretRefs ? "given" : "none" } });
      const job = await createJobInTransaction(tx, actor, { kind: "import", instanceSlug: slug, params: {} });
      return { instance: { id: row.id, slug, gcpProjectId: projectId, status: row.status, domain }, job };
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw refuse("conflict", `${projectId} is already being imported`);
    throw e;
  }
}
