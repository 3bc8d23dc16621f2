import { z } from "zod";
import { csvParam, paginationParams } from "../http/list-params";

export const INSTANCE_STATUSES = ["provisioning", "active", "upgrading", "maintenance", "suspended", "failed", "deleting", "deleted"] as const;
export const HEALTH_STATES = ["healthy", "degraded", "down", "unknown"] as const;
/** The last drift check (lib/drift); `not_managed`: built by hand, no Terraform of ours. */
export const DRIFT_STATES = ["in_sync", "drifted", "failed", "not_managed"] as const;
export const SORT_FIELDS = ["slug", "displayName", "status", "health", "version", "zone", "createdAt", "healthCheckedAt"] as const;

/**
 * The fleet list's parameters, shared by the page's URL and `GET /api/instances`.
 * Unknown values are refused with the parameter named, not ignored.
 */
export const listQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, "q must be at most 200 characters")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "q must not contain control characters")
    .optional()
    .default(""),
  status: csvParam(INSTANCE_STATUSES, "status"),
  health: csvParam(HEALTH_STATES, "health"),
  drift: csvParam(DRIFT_STATES, "drift"),
  version: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^\d+\.\d+\.\d+$/, "version must look like 5.10.1"))),
  sort: z.enum(SORT_FIELDS, { error: `sort must be one of ${SORT_FIELDS.join(", ")}` }).optional().default("slug"),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).optional().default("asc"),
  ...paginationParams,
});

export type ListQuery = z.infer<typeof listQuerySchema>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}
