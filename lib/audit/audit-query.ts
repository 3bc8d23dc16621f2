import { z } from "zod";
import { paginationParams } from "../http/list-params";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** False for days the calendar lacks ("2026-02-30"), which Date would roll into March. */
function isCalendarDay(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** "2026-11-24" or an ISO date-time with a zone; `end` makes a date-only value cover its whole day. */
const dateParam = (field: string, end: boolean) =>
  z
    .string()
    .trim()
    .max(40, `${field} must be a date`)
    .refine((s) => DATE_ONLY.test(s) || DATE_TIME.test(s), `${field} must be a date like 2026-11-24 or 2026-11-24T10:00:00Z`)
    .transform((s, ctx) => {
      const date = new Date(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s);
      if (Number.isNaN(date.getTime()) || !isCalendarDay(s.slice(0, 10))) {
        ctx.addIssue({ code: "custom", message: `${field} is not a real date` });
        return z.NEVER;
      }
      // An end bound is exclusive: the next day for a date, the next millisecond for a time.
      return end ? new Date(date.getTime() + (DATE_ONLY.test(s) ? DAY_MS : 1)) : date;
    })
    .optional();

/** The audit log's filters, shared by `/audit`'s URL and `GET /api/audit`. */
export const auditQuerySchema = z
  .object({
    actor: z.string().trim().max(254, "actor must be at most 254 characters").regex(/^[A-Za-z0-9._+@-]*$/, "actor must be (part of) an email address").optional(),
    action: z.string().trim().max(80, "action must be at most 80 characters").regex(/^[a-z0-9._-]*$/, "action must look like job.create").optional(),
    instance: z.string().max(40, "instance must be a slug").regex(/^[a-z0-9-]*$/, "instance must be a slug").optional(),
    from: dateParam("from", false),
    to: dateParam("to", true),
    ...paginationParams,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
