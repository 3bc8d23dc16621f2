/**
 * Which instance a request is for, and which way it came in. One emulator serves the whole
 * fleet, three ways:
 *
 * - path prefix: `http://127.0.0.1:4020/i/<slug>/healthz`. This is what demo mode and tests use
 *   (`SOURCEGRAPH_BASE_URL_TEMPLATE=http://127.0.0.1:4020/i/{slug}`): it needs no DNS.
 * - Host header: `Host: <slug>.sourcegraph.com`, as behind a real load balancer (e.g. `curl
 *   --resolve acme.sourcegraph.com:4020:127.0.0.1 http://acme.sourcegraph.com:4020/healthz`).
 * - tunnel prefix: `/vm/<project>/<vm>/…`, written only by the fake gcloud's
 *   `start-iap-tunnel`, for a connection that reached the VM's Caddy directly through IAP.
 *
 * The first two are the public URL (`https://<slug>.sourcegraph.com`): they pass the load
 * balancer, with its managed certificate and Cloud Armor policy (see public-edge.ts). The
 * tunnel prefix does not.
 */
export interface InstanceRoute {
  slug: string;
  /** The path inside the instance, e.g. `/.api/graphql`. */
  path: string;
  /** What was stripped (`/i/acme`, or "" for Host routing and the tunnel); cookies are scoped to it. */
  basePath: string;
}

/** A request that came through the load balancer. */
export interface PublicRoute extends InstanceRoute {
  via: "public";
}

/** A request that came through an IAP tunnel to one VM's Caddy; the project names the instance. */
export interface TunnelRoute {
  via: "tunnel";
  project: string;
  vm: string;
  path: string;
}

export type RequestRoute = PublicRoute | TunnelRoute;

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const PREFIX = /^\/i\/([^/]+)(\/.*)?$/;
const HOST = /^([a-z][a-z0-9-]{0,62})\.sourcegraph\.com(?::\d+)?$/;
const TUNNEL_PREFIX = /^\/vm\/([^/]+)\/([^/]+)(\/.*)?$/;
/** GCP's own formats: project IDs, and instance names (RFC 1035 labels). */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const VM_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function routeRequest(pathname: string, host: string | undefined): RequestRoute | null {
  const tunnelled = TUNNEL_PREFIX.exec(pathname);
  if (tunnelled) {
    const [, project, vm, path] = tunnelled;
    return PROJECT_ID.test(project) && VM_NAME.test(vm) ? { via: "tunnel", project, vm, path: path || "/" } : null;
  }
  const prefixed = PREFIX.exec(pathname);
  if (prefixed) {
    const slug = prefixed[1];
    return SLUG.test(slug) ? { via: "public", slug, path: prefixed[2] || "/", basePath: `/i/${slug}` } : null;
  }
  const byHost = HOST.exec((host ?? "").toLowerCase());
  return byHost ? { via: "public", slug: byHost[1], path: pathname, basePath: "" } : null;
}
