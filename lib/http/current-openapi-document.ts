import path from "node:path";
import { discoverRoutes } from "../security/discover-routes";
import { buildOpenApiDocument } from "./openapi";
import type { RouteSpec } from "./route";

export const OPENAPI_DOCUMENT_FILE = path.resolve(import.meta.dirname, "openapi-document.json");

/** The document as the route modules on disk describe themselves now (tests and the generator). */
export async function currentOpenApiDocument() {
  const routes = await discoverRoutes();
  return buildOpenApiDocument(routes.map((r) => ({ method: r.method, pattern: r.pattern, spec: (r.handler as { spec?: RouteSpec }).spec })));
}
