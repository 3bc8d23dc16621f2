import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
import type { RouteSpec } from "./route";

export interface DocumentedRoute {
  method: string;
  /** The route's folder under app/: "/api/jobs/[id]/cancel". */
  pattern: string;
  /** Present on every handler made by lib/http/route.ts. */
  spec?: RouteSpec;
}

/** Routes not made by the wrapper, described by hand. */
const UNWRAPPED: Record<string, { summary: string; public: boolean }> = {
  "GET /api/health": { summary: "Liveness: 200 when the database answers (public, for load balancers)", public: true },
  "GET /api/auth/[...nextauth]": { summary: "next-auth's sign-in endpoints (session, providers, callbacks)", public: true },
  "POST /api/auth/[...nextauth]": { summary: "next-auth's sign-in endpoints (sign in, sign out)", public: true },
};

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["bad_request", "unauthenticated", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "unavailable", "internal"] },
        message: { type: "string", description: "For people: what went wrong and what to do" },
        fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the zod schemas every route
 * parses its input with (`scripts/generate-openapi.ts` writes it; `/api/openapi.json` serves
 * it). Each operation names the permission it needs and which roles have it.
 */
export function buildOpenApiDocument(routes: DocumentedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of [...routes].sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method))) {
    const key = `${r.method} ${r.pattern}`;
    const path = r.pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
    const unwrapped = UNWRAPPED[key];
    const permission = r.spec?.permission;
    const roles = permission ? (PERMISSIONS[permission] as readonly string[]).join(", ") : null;
    const pathParams = r.spec?.params ? parametersOf(r.spec.params, "path") : [...r.pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const operation: Record<string, unknown> = {
      operationId: key.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, ""),
      summary: r.spec?.summary ?? unwrapped?.summary ?? key,
      description: permission ? `Needs \`${permission}\` (roles: ${roles}).` : "Public.",
      tags: [r.pattern.split("/")[2] ?? "api"],
      parameters: [...pathParams, ...parametersOf(r.spec?.query, "query")],
      responses: {
        "200": { description: "Success (201 when something is created, 202 when a job action is accepted, 204 when something is removed)" },
        "4XX": { description: "Refused: the error names the field or the reason", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
      ...(permission ? { security: [{ bearerToken: [] }, { sessionCookie: [] }], "x-permission": permission } : { security: [] }),
    };
    if (r.spec?.body) {
      operation.requestBody = {
        required: false,
        description: "JSON. An empty body (no Content-Type needed) counts as {}.",
        content: { "application/json": { schema: jsonSchema(r.spec.body) } },
      };
    }
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Managed Instances API",
      version: "1",
      description:
        "Every route takes a personal API token (`Authorization: Bearer mi_…`, from /settings/tokens) or the browser's session cookie. " +
        "Cookie-authenticated mutations must come from this site (Origin). Requests are rate-limited per user; errors are `{ error: { code, message, fields? } }`.",
    },
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (mi_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "__Secure-next-auth.session-token" },
      },
      schemas: { Error: ERROR },
    },
    paths,
  };
}
