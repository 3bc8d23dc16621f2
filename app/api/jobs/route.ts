import { listJobs, listJobsQuerySchema } from "@/lib/jobs/list-jobs";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "jobs:read", query: listJobsQuerySchema }, ({ query }) => listJobs(query));
