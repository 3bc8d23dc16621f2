import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { versionOrder } from "../instances/versions";
import { listReleases, type ReleaseView } from "./list-releases";
import type { CreateReleaseBody } from "./release-schema";

const duplicate = (version: string) => new AppError("conflict", `release ${version} already exists; edit it instead`, [{ field: "version", message: "already exists" }]);

/** Adds a release (admins): upgrades and waves may target it at once. Audited with the release. */
export async function createRelease(actor: Actor, body: CreateReleaseBody): Promise<ReleaseView> {
  try {
    await db.$transaction(async (tx) => {
      if (await tx.release.findUnique({ where: { version: body.version }, select: { version: true } })) throw duplicate(body.version);
      await tx.release.create({
        data: {
          version: body.version,
          versionOrder: versionOrder(body.version),
          deployRef: body.deployRef ?? `v${body.version}`,
          databaseChanges: body.databaseChanges,
          changedSchemas: body.changedSchemas,
          publishedAt: body.publishedAt ? new Date(`${body.publishedAt}T00:00:00Z`) : null,
          notesUrl: body.notesUrl ?? null,
          createdBy: actor.email,
        },
      });
      await recordAudit(tx, actor, { action: "release.create", targetType: "release", targetId: body.version, params: { ...body } });
    });
  } catch (e) {
    // Two adds racing for one version: the loser hits the primary key.
    if ((e as { code?: string }).code === "P2002") throw duplicate(body.version);
    throw e;
  }
  return (await listReleases()).find((r) => r.version === body.version)!;
}
