"use client";
import Link from "next/link";
import { useActiveJobs } from "./use-active-jobs";

/** "provisioning: step n of m", linking to the job, while an instance's provision job runs. */
export function ProvisioningProgress({ slug }: { slug: string }) {
  const { data } = useActiveJobs(slug);
  const job = data?.items.find((j) => j.kind === "provision");
  if (!job) return null;
  const { done, total, current } = job.progress;
  const step = Math.min(done + 1, total);
  return (
    <Link href={`/jobs/${job.id}`} className="text-xs text-sky-800 hover:underline" data-testid="provisioning-progress" title={current ?? undefined}>
      provisioning: step {step} of {total}
      {job.status === "waiting" ? " (waiting on a person)" : ""}
    </Link>
  );
}
