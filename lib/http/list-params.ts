import { z } from "zod";

/**
 * Query parameters every list shares (fleet, jobs, audit), parsed one way so each list
 * refuses the same bad input with the same message naming the parameter.
 */
export const paginationParams = {
  page: z.coerce.number({ error: "page must be a number" }).int("page must be an integer").min(1, "page must be ≥ 1").max(100_000, "page must be ≤ 100000").optional().default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int("pageSize must be an integer")
    .min(1, "pageSize must be ≥ 1")
    .max(200, "pageSize must be ≤ 200")
    .optional()
    .default(50),
};

/** A comma-separated filter (`status=running,failed`), each value one of `values`; absent = []. */
export const csvParam = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(z.enum(values, { error: `${field} must be one of ${values.join(", ")}` })));
