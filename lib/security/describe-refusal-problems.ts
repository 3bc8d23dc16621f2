import type { RouteResponse } from "./invoke-route";

/** Signs of an internal leak: a stack frame, a source path, a driver's own error text. */
export const LEAK_PATTERNS = [/\bat \S+ \(?\S+:\d+:\d+\)?/, /node_modules/, /\/work\//, /\.tsx?:\d+/, /Prisma|PrismaClient|invalid input syntax|duplicate key|violates/i];

/** Why a response is not a clean refusal of bad input ([] when it is one). */
export function describeRefusalProblems(res: RouteResponse, opts: { allowSuccess?: boolean } = {}): string[] {
  const problems: string[] = [];
  const ok = opts.allowSuccess ? res.status < 500 : res.status >= 400 && res.status < 500 && res.status !== 401;
  if (!ok) problems.push(`status ${res.status}`);
  if (!/^application\/json/.test(res.contentType)) problems.push(`content-type ${JSON.stringify(res.contentType)}`);
  if (res.status >= 400) {
    const error = (res.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message) problems.push("no { error: { code, message } }");
    else if (error.message.length > 600) problems.push(`message is ${error.message.length} characters (echoes the input?)`);
  }
  for (const p of LEAK_PATTERNS) if (p.test(res.text)) problems.push(`leaks ${p}`);
  return problems;
}
