import type { z } from "zod";
import { AppError, type FieldIssue } from "../errors/app-error";

/** A zod failure as a 400 that names each invalid field. */
export function invalidInput(error: z.ZodError, where: string): AppError {
  const fields: FieldIssue[] = error.issues.map((i) => ({ field: i.path.length ? String(i.path[0]) : where, message: i.message }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new AppError("bad_request", `invalid ${where}: ${summary}`, fields);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(r.error, where);
  return r.data;
}
