import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { handleGraphql } from "./graphql/handle-graphql";
import { handleSiteInit } from "./handle-site-init";
import { HttpFailure, readBody, sendJson, sendText } from "./http-io";
import { deploymentOfTunnel, routePublic } from "./deployment-ref";
import { caddyListening, frontendServing, reportedVersion, type EmulatedInstance } from "./instance-record";
import { loadDeployment } from "./instance-state";
import { admitPublicRequest } from "./public-edge";
import { releaseFeed } from "./release-feed";
import { routeRequest, type InstanceRoute, type RequestRoute } from "./route-request";
import { ensureSchema } from "./schema";
import { resolveViewer } from "./viewer";

export interface SourcegraphEmulatorOptions {
  /** Postgres holding the `sourcegraph_emulator` schema (created if missing). */
  databaseUrl: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Called for unexpected (500) errors; the emulator is otherwise silent. */
  log?: (line: string) => void;
  /**
   * How long a change of the backend service's serving group takes to reach the public URL
   * (REALITY.md: about a minute in GCP): until then it keeps serving the previous colour.
   * Default: SOURCEGRAPH_EMULATOR_LB_PROPAGATION_MS, else 0 (at once).
   */
  lbPropagationMs?: number;
}

export interface SourcegraphEmulator {
  port: number;
  /** e.g. http://127.0.0.1:4020 */
  url: string;
  /** For SOURCEGRAPH_BASE_URL_TEMPLATE: `<url>/i/{slug}`. */
  baseUrlTemplate: string;
  /** The base URL of one instance. */
  instanceUrl(slug: string): string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * One HTTP server for every emulated instance; see route-request.ts for how a request finds
 * its instance, and public-edge.ts for what the public URL goes through on the way.
 */
export async function startSourcegraphEmulator(options: SourcegraphEmulatorOptions): Promise<SourcegraphEmulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  // An idle connection dropped by Postgres (it stopping first at shutdown) is not a crash.
  pool.on("error", (e) => log(`database connection lost: ${e.message}`));
  try {
    await ensureSchema(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const settings: ServeSettings = { lbPropagationMs: options.lbPropagationMs ?? Number(process.env.SOURCEGRAPH_EMULATOR_LB_PROPAGATION_MS ?? 0) };
  const server = http.createServer((req, res) => {
    serve(pool, settings, req, res).catch((error: unknown) => {
      if (error instanceof HttpFailure) return sendText(res, error.status, error.message);
      log(`sourcegraph-emulator: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendText(res, 500, "Internal error in the Sourcegraph emulator");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    baseUrlTemplate: `${url}/i/{slug}`,
    instanceUrl: (slug) => `${url}/i/${slug}`,
    pool,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await pool.end();
      })();
      return closing;
    },
  };
}

async function serve(pool: pg.Pool, settings: ServeSettings, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const requested = routeRequest(url.pathname, req.headers.host);
  if (!requested) {
    if (url.pathname === "/healthz") return sendText(res, 200, "ok");
    if (url.pathname === "/releases.json") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(releaseFeed()));
    }
    return sendText(res, 404, "Sourcegraph emulator: address an instance as /i/<slug>/… or with Host: <slug>.sourcegraph.com");
  }
  const reached = await reachDeployment(pool, settings, requested, req, res);
  if (!reached) return;
  const { route, instance } = reached;
  // With the frontend down, Caddy in front of it answers every request with a 502.
  if (!frontendServing(instance)) return sendText(res, 502, "502 Bad Gateway");

  const method = req.method ?? "GET";
  switch (route.path) {
    case "/healthz":
      return sendText(res, 200, "ok");
    case "/__version":
      return sendText(res, 200, reportedVersion(instance));
    case "/-/site-init": {
      const answer = await handleSiteInit(pool, instance.ref, route, req);
      return sendText(res, answer.status, answer.text, answer.headers);
    }
    case "/.api/graphql": {
      if (method !== "POST") return sendText(res, 405, "GraphQL requests must be POST");
      const body = await readBody(req);
      const viewer = await resolveViewer(pool, instance.database, req.headers);
      if (viewer === "invalid") return sendText(res, 401, "Invalid access token.\n");
      return sendJson(res, 200, await handleGraphql(pool, instance, viewer, body));
    }
    case "/":
      if (instance.needsSiteInit) {
        res.writeHead(302, { location: `${route.basePath}/site-admin/init` });
        return void res.end();
      }
      return sendText(res, 200, `Sourcegraph ${reportedVersion(instance)} (emulated instance "${instance.slug}")`);
    default:
      return sendText(res, 404, "404 page not found");
  }
}

interface ServeSettings {
  lbPropagationMs: number;
}

/**
 * The way in decides what stands between the client and Caddy, and which deployment answers:
 * the public URL passes the load balancer (certificate, Cloud Armor: public-edge.ts) and goes
 * to the VM its backend service points at (deployment-ref.ts); an IAP tunnel reaches the VM it
 * names, and the paths it asks for are the instance's own (no prefix to strip for links and
 * cookies). Null: the request has been answered (or dropped) already.
 */
async function reachDeployment(
  pool: pg.Pool,
  settings: ServeSettings,
  route: RequestRoute,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<{ route: InstanceRoute; instance: EmulatedInstance } | null> {
  if (route.via === "public") {
    const edge = await admitPublicRequest(pool, route.slug, req, res);
    if (!edge) return null;
    const ref = await routePublic(pool, route.slug, edge.backend, { propagationMs: settings.lbPropagationMs });
    const instance = ref ? await loadDeployment(pool, ref) : null;
    if (!instance) {
      // A load balancer whose backend has nothing healthy behind it answers 502 itself.
      if (edge.backend) sendText(res, 502, "failed_to_pick_backend");
      else sendText(res, 404, `Sourcegraph emulator: no instance "${route.slug}"`);
      return null;
    }
    if (!caddyListening(instance)) {
      sendText(res, 502, "failed_to_pick_backend");
      return null;
    }
    return { route, instance };
  }
  const ref = await deploymentOfTunnel(pool, route.project, route.vm);
  const instance = ref ? await loadDeployment(pool, ref) : null;
  if (!instance) {
    sendText(res, 404, `Sourcegraph emulator: no instance in project "${route.project}"`);
    return null;
  }
  if (!caddyListening(instance)) {
    // Nothing listens on the VM's port 80: the tunnel's connection to it fails.
    req.socket.destroy();
    return null;
  }
  return { route: { slug: instance.slug, path: route.path, basePath: "" }, instance };
}
