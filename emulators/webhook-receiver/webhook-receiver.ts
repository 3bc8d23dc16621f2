import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A notification receiver for tests: an HTTP server that records every POST. Two faces:
 *
 * - `/hooks/<name>`: a customer's generic webhook endpoint. It checks the signature the way
 *   the README tells receivers to (HMAC-SHA256 of "<timestamp>.<body>" with the shared key,
 *   hex, `sha256=` prefix, constant-time compare), written here independently of lib/notify.
 * - `/services/<T>/<B>/<token>`: a Slack incoming webhook, answering as Slack documents
 *   (api.slack.com changelog 2016-05-17, "Sending messages using incoming webhooks"):
 *   200 `ok`; 400 `invalid_payload` for a body that is not JSON; 400 `no_text` for JSON without
 *   `text` or `blocks`; 404 `no_service` for an unknown webhook; 410 `channel_is_archived`;
 *   429 with Retry-After when rate limited.
 *
 * `failNext(n, status)` makes the next n requests fail, to prove the sender's retries.
 */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Generic webhooks: did the signature verify with the receiver's key? */
  signatureValid: boolean | null;
  /** What the receiver answered (0: nothing, it stalled). */
  status: number;
  at: number;
}

export interface WebhookReceiver {
  baseUrl: string;
  /** URL of a generic webhook endpoint. */
  hookUrl(name?: string): string;
  /** URL of an (emulated) Slack incoming webhook that exists. */
  slackUrl(): string;
  requests: ReceivedRequest[];
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** The next `count` requests get no answer at all (until close): a receiver or network that hangs. */
  stallNext(count: number): void;
  archiveSlackChannel(): void;
  setSigningKey(key: string): void;
  waitFor(pred: (r: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

const SLACK_HOOK = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

export async function startWebhookReceiver(opts: { port?: number; signingKey?: string } = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let signingKey = opts.signingKey ?? null;
  let failures: { count: number; status: number; headers: Record<string, string> } = { count: 0, status: 500, headers: {} };
  let archived = false;
  let stalls = 0;
  const stalled = new Set<ServerResponse>();
  const waiters = new Set<() => void>();

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? "/";
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const record = (status: number, signatureValid: boolean | null = null) => {
      requests.push({ path, headers, body, signatureValid, status, at: Date.now() });
      for (const w of waiters) w();
    };
    if (req.method !== "POST") return answer(res, 405, "method not allowed", record);
    if (stalls > 0) {
      stalls--;
      stalled.add(res);
      return record(0);
    }
    if (failures.count > 0) {
      failures.count--;
      for (const [k, v] of Object.entries(failures.headers)) res.setHeader(k, v);
      return answer(res, failures.status, "temporarily unavailable", record);
    }
    if (path.startsWith("/services/")) return slack(path, body, res, archived, record);
    if (path.startsWith("/hooks/")) {
      const valid = signingKey ? verify(signingKey, headers["x-managed-instances-timestamp"], headers["x-managed-instances-signature"], body) : null;
      return answer(res, valid === false ? 401 : 204, "", (s) => record(s, valid));
    }
    return answer(res, 404, "not found", record);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    hookUrl: (name = "managed-instances") => `${baseUrl}/hooks/${name}`,
    slackUrl: () => `${baseUrl}${SLACK_HOOK}`,
    requests,
    failNext: (count, status, headers = {}) => void (failures = { count, status, headers }),
    stallNext: (count) => void (stalls = count),
    archiveSlackChannel: () => void (archived = true),
    setSigningKey: (key) => void (signingKey = key),
    waitFor(pred, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = requests.find(pred);
          if (!hit) return false;
          cleanup();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`webhook receiver: no matching request within ${timeoutMs} ms (got ${requests.length}: ${requests.map((r) => `${r.path} ${r.status}`).join("; ")})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(listener);
        };
        const listener = () => void check();
        if (!check()) waiters.add(listener);
      });
    },
    close: () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A receiver's check, as the README describes it (independent of lib/notify/sign-body.ts). */
function verify(key: string, timestamp: string | undefined, signature: string | undefined, body: string): boolean {
  if (!timestamp || !signature || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from("sha256=" + createHmac("sha256", key).update(timestamp + "." + body).digest("hex"));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function slack(path: string, body: string, res: ServerResponse, archived: boolean, record: (status: number) => void) {
  if (path !== SLACK_HOOK) return answer(res, 404, "no_service", record);
  if (archived) return answer(res, 410, "channel_is_archived", record);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return answer(res, 400, "invalid_payload", record);
  }
  const p = payload as { text?: unknown; blocks?: unknown } | null;
  if (!p || typeof p !== "object" || (typeof p.text !== "string" && !Array.isArray(p.blocks))) return answer(res, 400, "no_text", record);
  return answer(res, 200, "ok", record);
}

function answer(res: ServerResponse, status: number, text: string, record: (status: number) => void) {
  record(status);
  res.writeHead(status, { "Content-Type": "text/html" });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}
