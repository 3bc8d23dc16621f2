import { can } from "@/lib/auth/permissions";
import { z } from "zod";
import { getJob } from "@/lib/jobs/get-job";
import { jobLogEventStream } from "@/lib/jobs/job-log-event-stream";
import { readJobLogs } from "@/lib/jobs/read-job-logs";
import { allJobLogText } from "@/lib/jobs/all-job-log-text";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const query = z.object({
  after: z.coerce.number({ error: "after must be a number" }).int().min(0, "after must be ≥ 0").optional(),
  format: z.enum(["sse", "json", "text"], { error: "format must be sse, json or text" }).optional(),
});

/**
 * The job's log: Server-Sent Events by default (resume with Last-Event-ID or ?after=),
 * `?format=json&after=N` for clients behind proxies that buffer SSE, `?format=text` to download.
 */
export const GET = route({ permission: "logs:read", params: z.object({ id: z.string() }), query }, async ({ req, actor, params, query }) => {
  const job = await getJob(params.id, { includeIps: can(actor.role, "ips:read") });
  const lastEventId = Number(req.headers.get("last-event-id"));
  const after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : (query.after ?? 0);
  if (query.format === "json") return readJobLogs(job.id, after);
  if (query.format === "text") {
    return new Response(await allJobLogText(job.id), {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename="job-${job.id}.log"` },
    });
  }
  return new Response(jobLogEventStream(job.id, after, req.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
