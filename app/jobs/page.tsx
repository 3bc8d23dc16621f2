import { Suspense } from "react";
import { JobsBrowser } from "@/components/jobs/jobs-browser";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function JobsPage() {
  await requirePageActor("jobs:read", "/jobs");
  return (
    <div>
      <h1 className="mb-4 text-xl font-semibold">Jobs</h1>
      <Suspense>
        <JobsBrowser />
      </Suspense>
    </div>
  );
}
