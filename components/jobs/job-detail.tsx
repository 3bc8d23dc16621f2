"use client";
import Link from "next/link";
import type { JobView } from "@/lib/jobs/job-view";
import { Badge } from "../ui/badges";
import { Section } from "../ui/section";
import { JobControls } from "./job-controls";
import { JobLog } from "./job-log";
import { JobSteps } from "./job-steps";
import { useJob } from "./use-job";

export function JobDetail({ initial, canControl, canReadLogs }: { initial: JobView; canControl: boolean; canReadLogs: boolean }) {
  const { data: job } = useJob(initial.id, initial);
  if (!job) return null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{job.title}</h1>
        {job.instance && (
          <Link href={`/instances/${job.instance.slug}`} className="text-sky-800 underline">
            {job.instance.displayName}
          </Link>
        )}
        <span data-testid="job-status"><Badge value={job.status} /></span>
        <span className="text-sm text-slate-500">
          step {Math.min(job.progress.done + (job.status === "succeeded" ? 0 : 1), job.progress.total)} of {job.progress.total} · started by {job.createdBy}
        </span>
        <span className="ml-auto">{canControl && <JobControls job={job} />}</span>
      </div>
      {job.error && job.status !== "cancelled" && <p className="rounded bg-red-50 p-3 text-sm text-red-800" role="alert">{job.error}</p>}
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <Section title="Steps">
            <JobSteps job={job} canControl={canControl} />
          </Section>
        </div>
        <div className="lg:col-span-3">
          <Section title="Log">{canReadLogs ? <JobLog jobId={job.id} /> : <p className="text-sm text-slate-500">Your role cannot read job logs.</p>}</Section>
        </div>
      </div>
    </div>
  );
}
