import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../errors/app-error";
import { listReleases, type ReleaseView } from "./list-releases";
import type { UpdateReleaseBody } from "./release-schema";

/**
 * Edits a release, or retires it (no longer offered as a target) or restores it. A release an
 * instance runs cannot be retired: the fleet page, health and upgrades still need it. Audited.
 */
export async function updateRelease(actor: Actor, version: string, body: UpdateReleaseBody): Promise<ReleaseView> {
  await db.$transaction(async (tx) => {
    const release = await tx.release.findUnique({ where: { version } });
    if (!release) throw notFound(`release ${version}`);
    if (body.databaseChanges === false && (body.changedSchemas ?? release.changedSchemas).length) {
      throw new AppError("bad_request", "invalid body: changedSchemas: a release without database changes migrates no schema", [{ field: "changedSchemas", message: "must be empty without database changes" }]);
    }
    if (body.retired === true && release.retiredAt === null) {
      const running = await tx.instance.count({ where: { version, status: { not: "deleted" } } });
      if (running) {
        throw new AppError("conflict", `release ${version} cannot be retired: ${running} instance${running === 1 ? " runs" : "s run"} it; upgrade ${running === 1 ? "it" : "them"} first`, [{ field: "retired", message: `${running} instance(s) run ${version}` }]);
      }
    }
    await tx.release.update({
      where: { version },
      data: {
        deployRef: body.deployRef,
        databaseChanges: body.databaseChanges,
        changedSchemas: body.changedSchemas,
        publishedAt: body.publishedAt === undefined ? undefined : body.publishedAt ? new Date(`${body.publishedAt}T00:00:00Z`) : null,
        notesUrl: body.notesUrl,
        retiredAt: body.retired === undefined ? undefined : body.retired ? (release.retiredAt ?? new Date()) : null,
      },
    });
    const action = body.retired === true ? "release.retire" : body.retired === false && release.retiredAt ? "release.restore" : "release.update";
    await recordAudit(tx, actor, { action, targetType: "release", targetId: version, params: { ...body } });
  });
  return (await listReleases()).find((r) => r.version === version)!;
}
