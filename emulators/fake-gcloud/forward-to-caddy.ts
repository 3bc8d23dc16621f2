import http from "node:http";

/**
 * One tunnelled HTTP request, handed to the Sourcegraph emulator as the VM's Caddy would see
 * it: same method, headers and body, under the tunnel prefix (`/vm/<project>/<vm>`) that tells
 * the emulator which VM it is and that it came through IAP, not through the load balancer.
 * When Caddy cannot be reached the client's connection is closed, as gcloud closes a local
 * connection whose IAP WebSocket fails.
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

export interface CaddyTarget {
  /** Where the Sourcegraph emulator listens, e.g. http://127.0.0.1:4020. */
  emulator: URL;
  /** e.g. `/vm/sourcegraph-managed-acme/prod-red` */
  prefix: string;
  agent: http.Agent;
}

export function forwardToCaddy(target: CaddyTarget, req: http.IncomingMessage, res: http.ServerResponse): void {
  const outgoing = http.request(
    {
      hostname: target.emulator.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: target.emulator.port || 80,
      method: req.method,
      path: target.prefix + pathOf(req.url),
      headers: endToEnd(req.headers),
      agent: target.agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    },
  );
  outgoing.on("error", () => {
    res.destroy();
    req.socket.destroy();
  });
  req.pipe(outgoing);
}

/** The origin-form path (`/a?b`), also from an absolute-form request line. */
function pathOf(url: string | undefined): string {
  if (!url) return "/";
  if (url.startsWith("/")) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return `/${url}`;
  }
}

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}
