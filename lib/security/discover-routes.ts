import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface DiscoveredRoute {
  /** "POST /api/jobs/[id]/cancel": the key of the expectation tables. */
  key: string;
  method: string;
  /** The URL pattern, the route's folder under app/: "/api/jobs/[id]/cancel". */
  pattern: string;
  /** The dynamic segments' names, in order: ["id"]. */
  paramNames: string[];
  handler: Handler;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

/**
 * Every exported method of every route.ts under app/api, found on disk when the test runs,
 * so a route added later is covered (and must be declared in the tables) automatically.
 */
export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .sort();
  const routes: DiscoveredRoute[] = [];
  for (const file of files) {
    const dir = path.dirname(file).split(path.sep).join("/");
    const pattern = dir === "." ? "/api" : `/api/${dir}`;
    const mod = (await import(pathToFileURL(path.join(API_DIR, file)).href)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] !== "function") continue;
      routes.push({ key: `${method} ${pattern}`, method, pattern, paramNames: paramNamesOf(pattern), handler: mod[method] as Handler });
    }
  }
  return routes;
}

export function paramNamesOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
}

/** The concrete URL path for a pattern and its parameter values. */
export function pathFor(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
}
