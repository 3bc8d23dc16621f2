import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { closePool } from "../db/pool";
import { discoverRoutes } from "../security/discover-routes";
import { invokeRoute } from "../security/invoke-route";
import { tokenFor } from "../testing/api-client";
import { currentOpenApiDocument, OPENAPI_DOCUMENT_FILE } from "./current-openapi-document";

process.env.NEXTAUTH_SECRET = "openapi-secret-0123456789abcdef";
const routes = await discoverRoutes();
const committed = JSON.parse(readFileSync(OPENAPI_DOCUMENT_FILE, "utf8")) as { paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown; "x-permission"?: string }>> };
afterAll(async () => {
  await closePool();
});

describe("the OpenAPI document (/api/openapi.json)", () => {
  it("has every route under app/api, with the permission it needs", () => {
    const missing = routes
      .filter((r) => !committed.paths[r.pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}")]?.[r.method.toLowerCase()])
      .map((r) => r.key);
    expect(missing, "routes missing from lib/http/openapi-document.json: run `npm run openapi`").toEqual([]);
    expect(committed.paths["/api/jobs/{id}/approve"].post["x-permission"]).toBe("jobs:control");
  });

  it("is what the routes' zod schemas generate now (not stale)", async () => {
    expect(committed, "lib/http/openapi-document.json is stale: run `npm run openapi`").toEqual(JSON.parse(JSON.stringify(await currentOpenApiDocument())));
  });

  it("describes inputs from the schemas: path and query parameters, bodies", () => {
    const jobs = committed.paths["/api/jobs"].get;
    expect(jobs.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(["query:instance", "query:status", "query:page", "query:pageSize"]));
    expect(committed.paths["/api/jobs/{id}"].get.parameters).toEqual([expect.objectContaining({ name: "id", in: "path" })]);
    expect(JSON.stringify(committed.paths["/api/instances"].post.requestBody)).toContain("allowlistCidrs");
  });

  it("is served to any signed-in caller", async () => {
    const route = routes.find((r) => r.key === "GET /api/openapi.json")!;
    const res = await invokeRoute(route, { headers: { authorization: `Bearer ${await tokenFor("viewer")}` } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(committed);
  });
});
