import { can } from "@/lib/auth/permissions";
import { listJobs, listJobsQuerySchema } from "@/lib/jobs/list-jobs";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "jobs:read", query: listJobsQuerySchema }, ({ actor, query }) => listJobs(query, { includeIps: can(actor.role, "ips:read") }));
