import { db } from "../db/client";
import { commitDeployment } from "../deployments/commit-deployment";
import type { Instance } from "../generated/prisma/client";
import type { StepContext } from "../runbooks/types";
import { deploymentsRepo } from "./deployment-terraform";

/**
 * Commits files of one instance's deployment (paths relative to `<slug>/`) to the deployments
 * repository, the message naming the job and who started it (RUNBOOK: "commit the result").
 * `replaceDirs` are the folders these files own: anything else in them is removed.
 */
export async function commitRendered(
  ctx: StepContext,
  instance: Instance,
  files: Record<string, string>,
  opts: { summary: string; replaceDirs: string[] },
): Promise<{ commit: string | null; changed: boolean }> {
  const job = await db.job.findUniqueOrThrow({ where: { id: ctx.jobId }, select: { kind: true, createdBy: true } });
  const user = await db.user.findUnique({ where: { email: job.createdBy }, select: { role: true } });
  const result = await commitDeployment({
    repo: deploymentsRepo(),
    slug: instance.slug,
    files,
    replaceDirs: opts.replaceDirs,
    message: { jobId: ctx.jobId, jobKind: job.kind, actor: { email: job.createdBy, role: user?.role ?? "system" }, summary: opts.summary },
  });
  ctx.log(result.changed ? `committed ${instance.slug}/{${opts.replaceDirs.join(",")}} as ${result.commit?.slice(0, 12)}: ${opts.summary}` : `${instance.slug}/{${opts.replaceDirs.join(",")}} already up to date in the deployments repository`);
  return result;
}
