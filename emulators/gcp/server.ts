import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { noteSelfSignedJwt } from "./access-tokens";
import { EmulatorError, invalid, notFound, unauthenticated } from "./errors";
import { takeFault } from "./faults";
import { DEFAULT_MANAGED_ZONES, type ManagedZoneSeed } from "./dns-zones";
import { handle } from "./handlers";
import { serveTokenEndpoint } from "./oauth-token-endpoint";
import { matchPlatformRoute, type PlatformConfig } from "./platform-routes";
import type { AssetQuota } from "./cloud-asset-api";
import { RawReply, readBytes } from "./raw-reply";
import { matchRoute, methodId } from "./routes";
import { ensureSchema } from "./schema";
import { computeDisabledError } from "./service-usage-api";
import { configureCompute } from "./compute-settings";
import { matchStorageRoute, serveStorage, serveXmlRead, type StorageContext } from "./gcs-routes";

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
  /**
   * The base URL clients reach the emulator at, when not http://host:port (e.g. behind a
   * proxy). Minted service-account keys name `<publicUrl>/token` as their token_uri.
   */
  publicUrl?: string;
  /** Reads a managed certificate stays PROVISIONING after DNS points at the load balancer (default 3). */
  certificateReadsAfterDns?: number;
  /** Cloud Asset's search quota per consumer (default GCP's: 400 per 60 s); tests shrink it to see the 429. */
  assetQuota?: AssetQuota;
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
  const config: PlatformConfig = { dnsZones: options.dnsZones ?? DEFAULT_MANAGED_ZONES, assetQuota: options.assetQuota };
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  // An idle connection dropped by Postgres (it stopping first at shutdown) is not a crash.
  pool.on("error", (e) => log(`database connection lost: ${e.message}`));
  try {
    await ensureSchema(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  if (options.certificateReadsAfterDns !== undefined) configureCompute(pool, { certificateReadsAfterDns: options.certificateReadsAfterDns });

  const server = http.createServer((req, res) => {
    serve(pool, config, req)
      .then((body) => (body instanceof RawReply ? body.write(res) : send(res, 200, body)))
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
  const url = (options.publicUrl ?? `http://${host}:${port}`).replace(/\/+$/, "");
  // Known only now that the port is: requests (and so keys minted by them) come after listen.
  config.tokenUri = `${url}/token`;

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
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
  // OAuth's token endpoint is where clients get a bearer token, so it takes none.
  if (method === "POST" && url.pathname === "/token") {
    const body = await readBytes(req, MAX_BODY_BYTES, () => invalid("Request body too large"));
    return serveTokenEndpoint(pool, body, req.headers["content-type"] ?? "", tokenAudiences(config, req));
  }
  // Any token is accepted (demo and test tokens are arbitrary strings), but a missing one is an
  // error, so a client misconfigured without credentials fails here as it would against GCP.
  // A self-signed JWT of an emulator-minted key is verified and its owner recorded.
  const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? "");
  if (!bearer) throw unauthenticated();
  await noteSelfSignedJwt(pool, bearer[1]);

  // Cloud Storage: JSON API and uploads; answers raw bytes and its own statuses.
  const storageCtx: StorageContext = { pool, req, url, origin: `http://${req.headers.host ?? "127.0.0.1"}` };
  const storage = matchStorageRoute(method, url.pathname);
  if (storage) return serveStorage(storageCtx, storage);

  const readBody = () => (method === "POST" || method === "PUT" || method === "PATCH" ? readJson(req) : drain(req));

  // Resource Manager, Billing, Service Usage, IAM, Cloud DNS and Secret Manager.
  const platform = matchPlatformRoute(method, url.pathname);
  if (platform) {
    const body = await readBody();
    const fault = await takeFault(pool, platform.methodIds, platform.project(body));
    if (fault) throw fault;
    return platform.endpoint.run({ pool, params: platform.params, query: url.searchParams, body, config, headers: req.headers });
  }

  const route = matchRoute(method, url.pathname);
  if (!route) {
    // Last resort: Cloud Storage's XML read `GET /BUCKET/OBJECT`, when BUCKET exists.
    const xml = await serveXmlRead(storageCtx, method, url.pathname);
    if (xml) return xml;
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

/** The `aud` a jwt-bearer assertion may name: the token_uri in minted keys, or /token on the host the client used. */
function tokenAudiences(config: PlatformConfig, req: http.IncomingMessage): string[] {
  const viaHost = req.headers.host ? `http://${req.headers.host}/token` : undefined;
  return [config.tokenUri, viaHost].filter((a): a is string => !!a);
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
