import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { EmulatorError, invalid, notFound, unauthenticated } from "./errors";
import { takeFault } from "./faults";
import { DEFAULT_MANAGED_ZONES, type ManagedZoneSeed } from "./dns-zones";
import { handle } from "./handlers";
import { matchPlatformRoute, type PlatformConfig } from "./platform-routes";
import { matchRoute, methodId } from "./routes";
import { ensureSchema } from "./schema";
import { computeDisabledError } from "./service-usage-api";

export interface GcpEmulatorOptions {
  /** Postgres holding the `gcp_emulator` schema (created if missing). */
  databaseUrl: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Called for unexpected (500) errors; the emulator is otherwise silent. */
  log?: (line: string) => void;
  /** Cloud DNS zones, created on first use. Default: sourcegraph-com (sourcegraph.com.) in sourcegraph-infrastructure. */
  dnsZones?: ManagedZoneSeed[];
}

export interface GcpEmulator {
  port: number;
  /** e.g. http://127.0.0.1:4010, the value for GCP_API_ENDPOINT. */
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

export async function startGcpEmulator(options: GcpEmulatorOptions): Promise<GcpEmulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const config: PlatformConfig = { dnsZones: options.dnsZones ?? DEFAULT_MANAGED_ZONES };
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  try {
    await ensureSchema(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const server = http.createServer((req, res) => {
    serve(pool, config, req)
      .then((body) => send(res, 200, body))
      .catch((err: unknown) => {
        if (err instanceof EmulatorError) return send(res, err.httpStatus, err.body());
        log(`gcp-emulator: ${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
        send(res, 500, new EmulatorError(500, "INTERNAL", "backendError", "Internal error in the GCP emulator").body());
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${host}:${port}`,
    pool,
    close() {
      closing ??= (async () => {
        // Clients keep connections alive; drop them so close() doesn't wait for their idle timeout.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await pool.end();
      })();
      return closing;
    },
  };
}

async function serve(pool: pg.Pool, config: PlatformConfig, req: http.IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = req.method ?? "GET";
  if (method === "GET" && url.pathname === "/healthz") return { ok: true };
  // Any token is accepted (there is nothing to verify it against), but a missing one is an
  // error, so a client misconfigured without credentials fails here as it would against GCP.
  if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? "")) throw unauthenticated();

  const readBody = () => (method === "POST" || method === "PUT" || method === "PATCH" ? readJson(req) : drain(req));

  // Resource Manager, Billing, Service Usage, IAM, Cloud DNS and Secret Manager.
  const platform = matchPlatformRoute(method, url.pathname);
  if (platform) {
    const body = await readBody();
    const fault = await takeFault(pool, platform.methodIds, platform.project(body));
    if (fault) throw fault;
    return platform.endpoint.run({ pool, params: platform.params, query: url.searchParams, body, config });
  }

  const route = matchRoute(method, url.pathname);
  if (!route) {
    await drain(req);
    throw notFound(`${method} ${url.pathname} (not served by the GCP emulator)`);
  }
  const body = await readBody();
  // Armed faults (faults.ts) answer before the call does anything, as a failed GCP call would.
  const fault = await takeFault(pool, methodId(route), route.project);
  if (fault) throw fault;
  const disabled = await computeDisabledError(pool, route.project);
  if (disabled) throw disabled;
  return handle(pool, { route, query: url.searchParams, body });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalid("Request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new EmulatorError(400, "INVALID_ARGUMENT", "parseError", "Parse Error");
  }
}

async function drain(req: http.IncomingMessage): Promise<undefined> {
  for await (const _ of req) {
    // discard
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
