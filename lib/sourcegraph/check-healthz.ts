import { excerpt, sourcegraphRequest, type RequestOptions } from "./request";
import { SourcegraphError } from "./sourcegraph-error";

export interface HealthzResult {
  ok: boolean;
  /** HTTP status, or null when nothing answered. */
  status: number | null;
  /** "ok", or what went wrong, for the health check's detail line. */
  detail: string;
  durationMs: number;
}

/**
 * Probes the frontend's `/healthz`. A health check records failures rather than throwing
 * them: down, slow and unreachable are all answers. Only a cancellation is thrown.
 */
export async function checkHealthz(baseUrl: string, options: RequestOptions = {}): Promise<HealthzResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const res = await sourcegraphRequest(baseUrl, "/healthz", {}, "check /healthz", { timeoutMs: 10_000, ...options });
    const ok = res.status === 200;
    return { ok, status: res.status, detail: ok ? "ok" : `HTTP ${res.status}: ${excerpt(res.text, 120)}`, durationMs: durationMs() };
  } catch (error) {
    if (error instanceof SourcegraphError && error.kind !== "cancelled") {
      return { ok: false, status: null, detail: error.message, durationMs: durationMs() };
    }
    throw error;
  }
}
