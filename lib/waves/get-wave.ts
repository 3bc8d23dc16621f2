import { db } from "../db/client";
import { hideAddresses } from "../auth/hide-addresses";
import { notFound } from "../errors/app-error";
import { stepInstructions } from "../jobs/job-view";

export interface WaveCounts {
  done: number;
  running: number;
  failed: number;
  pending: number;
  skipped: number;
}

/** A wave in lists (`GET /api/waves`): counts, start and ETA; times are ISO strings. */
export interface WaveSummaryView {
  id: string;
  targetVersion: string;
  strategy: string;
  /** Which approvals its upgrades get without asking (lib/waves/approval-policies.ts). */
  approvalPolicy: string;
  batchSize: number;
  status: string;
  window: { start: string; end: string } | null;
  pausedReason: string | null;
  driverJobId: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  startedAt: string | null;
  total: number;
  counts: WaveCounts;
  averageUpgradeMs: number | null;
  eta: string | null;
}

export interface WaveInstanceView {
  slug: string;
  batch: number;
  state: string;
  fromVersion: string;
  jobId: string | null;
  jobStatus: string | null;
  /** The step its job waits on (an approval or a human task), if it waits. */
  waitingOn: { key: string; name: string; kind: string; instructions: string | null } | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One wave (`GET /api/waves/{id}`): the summary and each instance's state. */
export interface WaveView extends WaveSummaryView {
  instances: WaveInstanceView[];
}

/** A wave as managers see it: counts, start, ETA from the durations observed so far, per-instance state. */
export async function getWave(id: string, opts: { includeIps: boolean }): Promise<WaveView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("wave");
  const wave = await db.wave.findUnique({ where: { id }, include: { instances: { orderBy: { position: "asc" } } } });
  if (!wave) throw notFound("wave");
  const jobs = await db.job.findMany({
    where: { id: { in: wave.instances.flatMap((i) => (i.jobId ? [i.jobId] : [])) } },
    select: { id: true, status: true, kind: true, params: true, steps: { where: { status: "waiting" }, select: { key: true, name: true, kind: true } } },
  });
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const waitingOn = (job: (typeof jobs)[number] | undefined) => {
    const step = job?.status === "waiting" ? job.steps[0] : undefined;
    return job && step ? { ...step, instructions: stepInstructions(job).get(step.key) ?? null } : null;
  };
  const view: WaveView = {
    ...summarize(wave),
    instances: wave.instances.map((i) => {
      const job = i.jobId ? jobById.get(i.jobId) : undefined;
      return {
        slug: i.slug,
        batch: i.batch,
        state: i.state,
        fromVersion: i.fromVersion,
        jobId: i.jobId,
        jobStatus: job?.status ?? null,
        waitingOn: waitingOn(job),
        error: i.error,
        startedAt: iso(i.startedAt),
        finishedAt: iso(i.finishedAt),
      };
    }),
  };
  // Errors and pause reasons quote failures, which may name an instance's addresses.
  return opts.includeIps ? view : hideAddresses(view);
}

/** Every wave, newest first, with counts and ETA. */
export async function listWaves(opts: { includeIps: boolean }): Promise<WaveSummaryView[]> {
  const waves = await db.wave.findMany({ orderBy: { createdAt: "desc" }, take: 100, include: { instances: { select: { state: true, startedAt: true, finishedAt: true } } } });
  const views = waves.map(summarize);
  return opts.includeIps ? views : hideAddresses(views);
}

type WaveRow = {
  id: string; targetVersion: string; strategy: string; approvalPolicy: string; batchSize: number; status: string; windowStart: string | null; windowEnd: string | null;
  pausedReason: string | null; driverJobId: string | null; createdBy: string; createdAt: Date; finishedAt: Date | null;
  instances: { state: string; startedAt: Date | null; finishedAt: Date | null }[];
};

function summarize(w: WaveRow): WaveSummaryView {
  const count = (s: string) => w.instances.filter((i) => i.state === s).length;
  const counts: WaveCounts = { done: count("succeeded"), running: count("running"), failed: count("failed"), pending: count("pending"), skipped: count("skipped") };
  const durations = w.instances.filter((i) => i.state === "succeeded" && i.startedAt && i.finishedAt).map((i) => i.finishedAt!.getTime() - i.startedAt!.getTime());
  const average = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  const batchesLeft = Math.ceil(counts.pending / w.batchSize) + (counts.running ? 1 : 0);
  const eta = w.status === "running" && average !== null && batchesLeft > 0 ? new Date(Date.now() + batchesLeft * average) : null;
  const startedAt = w.instances.reduce<Date | null>((min, i) => (i.startedAt && (!min || i.startedAt < min) ? i.startedAt : min), null);
  return {
    id: w.id, targetVersion: w.targetVersion, strategy: w.strategy, approvalPolicy: w.approvalPolicy, batchSize: w.batchSize, status: w.status,
    window: w.windowStart && w.windowEnd ? { start: w.windowStart, end: w.windowEnd } : null,
    pausedReason: w.pausedReason, driverJobId: w.driverJobId, createdBy: w.createdBy, createdAt: w.createdAt.toISOString(), finishedAt: iso(w.finishedAt),
    startedAt: iso(startedAt), total: w.instances.length, counts, averageUpgradeMs: average, eta: iso(eta),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
