import { notFound } from "next/navigation";
import { JobDetail } from "@/components/jobs/job-detail";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getJob } from "@/lib/jobs/get-job";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor("jobs:read", `/jobs/${encodeURIComponent(id)}`);
  const job = await getJob(id, { includeIps: can(actor.role, "ips:read") }).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return <JobDetail initial={job} canControl={can(actor.role, "jobs:control")} canReadLogs={can(actor.role, "logs:read")} />;
}
