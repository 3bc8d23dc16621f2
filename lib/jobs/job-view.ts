import type { Job, JobStep } from "../generated/prisma/client";
import { runbookMetadata } from "../runbooks/metadata";

export interface StepView {
  key: string;
  name: string;
  kind: JobStep["kind"];
  status: JobStep["status"];
  detail: unknown;
  error: string | null;
  completedBy: string | null;
  instructions: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobView {
  id: string;
  kind: string;
  title: string;
  status: Job["status"];
  instance: { slug: string; displayName: string } | null;
  params: unknown;
  createdBy: string;
  error: string | null;
  attempts: number;
  lastSeq: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number; current: string | null };
  steps?: StepView[];
}

type JobRow = Job & { instance?: { slug: string; displayName: string } | null; steps?: JobStep[] };

export function toJobView(job: JobRow): JobView {
  const steps = job.steps?.slice().sort((a, b) => a.position - b.position);
  const definitions = steps ? stepInstructions(job) : new Map<string, string | undefined>();
  const done = steps?.filter((s) => s.status === "succeeded" || s.status === "skipped").length ?? 0;
  const current = steps?.find((s) => s.status === "running" || s.status === "waiting" || s.status === "failed");
  return {
    id: job.id,
    kind: job.kind,
    title: titleOf(job.kind),
    status: job.status,
    instance: job.instance ? { slug: job.instance.slug, displayName: job.instance.displayName } : null,
    params: job.params,
    createdBy: job.createdBy,
    error: job.error,
    attempts: job.attempts,
    lastSeq: job.lastSeq,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    progress: { done, total: steps?.length ?? 0, current: current?.name ?? null },
    steps: steps?.map((s) => ({
      key: s.key,
      name: s.name,
      kind: s.kind,
      status: s.status,
      detail: s.detail,
      error: s.error,
      completedBy: s.completedBy,
      instructions: definitions.get(s.key) ?? null,
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
    })),
  };
}

function titleOf(kind: string) {
  try {
    return runbookMetadata(kind).title;
  } catch {
    return kind;
  }
}

/** What each step of the job tells the person who must approve or do it, by step key. */
export function stepInstructions(job: Pick<Job, "kind" | "params">): Map<string, string | undefined> {
  try {
    return new Map(runbookMetadata(job.kind).steps(job.params as never).map((s) => [s.key, s.instructions]));
  } catch {
    return new Map();
  }
}
