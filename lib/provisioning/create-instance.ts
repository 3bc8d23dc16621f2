import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { createJobInTransaction } from "../jobs/create-job";
import type { JobView } from "../jobs/job-view";
import { domainForSlug, projectIdForSlug } from "../instances/slug";
import { versionOrder } from "../instances/versions";
import { targetVersions } from "../releases/list-releases";
import type { CreateInstanceInput } from "./create-instance-schema";
import { regionOfZone } from "./options";

export interface CreatedInstance {
  instance: { id: string; slug: string; displayName: string; status: string; gcpProjectId: string; domain: string; version: string };
  job: JobView;
}

/**
 * Records the instance as `provisioning` and launches its provision job: the instance row,
 * the job (with its queue entry) and both audit events commit together or not at all.
 */
export async function createInstance(actor: Actor, requested: CreateInstanceInput): Promise<CreatedInstance> {
  const input = { ...requested, version: await resolveRelease(requested.version) };
  const gcpProjectId = projectIdForSlug(input.slug);
  const domain = domainForSlug(input.slug);
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.instance.findFirst({ where: { OR: [{ slug: input.slug }, { gcpProjectId }, { domain }] }, select: { slug: true } });
      if (taken) throw slugTaken(input.slug);
      const row = await tx.instance.create({
        data: {
          slug: input.slug,
          displayName: input.displayName,
          gcpProjectId,
          region: regionOfZone(input.zone),
          zone: input.zone,
          machineType: input.machineType,
          dataDiskSizeGb: input.dataDiskSizeGb,
          version: input.version,
          versionOrder: versionOrder(input.version),
          status: "provisioning",
          accessMode: input.accessMode,
          allowlistCidrs: input.allowlistCidrs,
          domain,
          externalUrl: `https://${domain}`,
          createdBy: actor.email,
        },
      });
      await recordAudit(tx, actor, {
        action: "instance.create",
        targetType: "instance",
        targetId: row.id,
        instanceSlug: row.slug,
        params: { ...input },
      });
      const job = await createJobInTransaction(tx, actor, { kind: "provision", instanceSlug: row.slug, params: {} });
      const { id, slug, displayName, status, version } = row;
      return { instance: { id, slug, displayName, status, gcpProjectId, domain, version }, job };
    });
  } catch (e) {
    // Two creates racing for one slug: the loser hits the unique index.
    if ((e as { code?: string }).code === "P2002") throw slugTaken(input.slug);
    throw e;
  }
}

function slugTaken(slug: string) {
  return new AppError("conflict", `an instance "${slug}" already exists (or its GCP project id is taken)`, [
    { field: "slug", message: "this slug is already used by another instance" },
  ]);
}

/** "latest" is the newest release that is not retired; any other version must be such a release. */
async function resolveRelease(version: string): Promise<string> {
  const targets = await targetVersions();
  if (version === "latest" && targets.length) return targets[targets.length - 1];
  if (targets.includes(version)) return version;
  const message = `must be "latest" or a release that is not retired (${targets.join(", ")})`;
  throw new AppError("bad_request", `invalid body: version: ${message}`, [{ field: "version", message }]);
}
