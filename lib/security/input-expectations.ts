import type { FieldKind } from "./hostile-corpus";

/**
 * The query parameters of every GET route: `strict` ones are validated (a hostile value is
 * a 400), `text` ones are free search text (answered normally, but never a 500). A GET
 * route missing here fails the hostile-input test: declare its parameters, `{ strict: [] }`
 * when it has none.
 */
export const QUERY_FIELDS: Record<string, { strict: string[]; text?: string[] }> = {
  "GET /api/instances": { strict: ["status", "health", "version", "sort", "dir", "page", "pageSize"], text: ["q"] },
  "GET /api/instances/[slug]": { strict: [] },
  "GET /api/instances/[slug]/ips": { strict: [] },
  "GET /api/instances/[slug]/jobs": { strict: ["kind", "status", "page", "pageSize"] },
  "GET /api/instances/[slug]/health-history": { strict: [] },
  "GET /api/instances/[slug]/deployment": { strict: [] },
  "GET /api/instances/[slug]/snapshots": { strict: [] },
  "GET /api/instances/[slug]/backup-policy": { strict: [] },
  "GET /api/settings/backup-policy": { strict: [] },
  "GET /api/health/summary": { strict: [] },
  "GET /api/jobs": { strict: ["instance", "kind", "status", "page", "pageSize"] },
  "GET /api/jobs/[id]": { strict: [] },
  "GET /api/jobs/[id]/logs": { strict: ["after", "format"] },
  "GET /api/waves": { strict: [] },
  "GET /api/waves/[id]": { strict: [] },
  "GET /api/audit": { strict: ["actor", "action", "instance", "from", "to", "page", "pageSize"] },
  "GET /api/releases": { strict: [] },
  "GET /api/import/candidates": { strict: [] },
  "GET /api/tokens": { strict: [] },
  "GET /api/users": { strict: [] },
  "GET /api/openapi.json": { strict: [] },
  "GET /api/notification-channels": { strict: [] },
  "GET /api/notification-deliveries": { strict: ["channel", "limit"] },
};

/**
 * The JSON body of every mutating route, field by field; `null` for routes that take none
 * (they get the path-parameter corpus only). A mutating route missing here fails the test.
 */
export const BODY_FIELDS: Record<string, Record<string, FieldKind> | null> = {
  "POST /api/instances": {
    slug: "text",
    displayName: "text",
    version: "text",
    machineType: "text",
    dataDiskSizeGb: "number",
    zone: "text",
    accessMode: "text",
    allowlistCidrs: "cidrs",
  },
  "POST /api/instances/[slug]/jobs": { kind: "text" },
  "POST /api/instances/[slug]/health-check": null,
  "POST /api/instances/[slug]/admin-password/reveal": { reason: "text" },
  "POST /api/instances/[slug]/password-reset-links": { username: "text", reason: "text" },
  "PUT /api/instances/[slug]/backup-policy": { everyDays: "nullable-number", retentionDays: "nullable-number", upgradeRetentionDays: "nullable-number", keepUpgradeSnapshots: "nullable-number" },
  "PUT /api/settings/backup-policy": { everyDays: "number", retentionDays: "number", upgradeRetentionDays: "number", keepUpgradeSnapshots: "number" },
  "POST /api/jobs/[id]/approve": { step: "text" },
  "POST /api/jobs/[id]/cancel": null,
  "POST /api/releases/sync": null,
  "POST /api/jobs/[id]/retry": null,
  "POST /api/jobs/[id]/steps/[key]/complete": null,
  "POST /api/waves": { targetVersion: "text", batchSize: "number", strategy: "text", approvalPolicy: "text" },
  "POST /api/waves/preview": { targetVersion: "text", batchSize: "number", strategy: "text", approvalPolicy: "text" },
  "POST /api/waves/[id]/pause": null,
  "POST /api/waves/[id]/resume": null,
  "POST /api/waves/[id]/abort": null,
  "POST /api/waves/[id]/approvals": { stepKey: "text", jobIds: "text" },
  "POST /api/instances/import": { projectId: "text" },
  "POST /api/releases": { version: "text", deployRef: "text", notesUrl: "text", publishedAt: "text" },
  "PATCH /api/releases/[version]": { deployRef: "text" },
  "POST /api/tokens": { name: "text" },
  "DELETE /api/tokens/[id]": null,
  "POST /api/users": { email: "text", name: "text", role: "text" },
  "PATCH /api/users/[id]": { role: "text" },
  "POST /api/notification-channels": { name: "text", kind: "text", url: "text", signingSecret: "text", eventKinds: "text", instances: "text", enabled: "text" },
  "PATCH /api/notification-channels/[id]": { name: "text", url: "text", signingSecret: "text", eventKinds: "text", instances: "text", enabled: "text" },
  "DELETE /api/notification-channels/[id]": null,
};

/**
 * Body fields a route may omit (it fills in a documented default): their "missing" case is
 * not expected to be refused. Every other declared field is required.
 */
export const OPTIONAL_BODY_FIELDS: Record<string, string[]> = {
  "POST /api/instances": ["zone", "dataDiskSizeGb", "allowlistCidrs"],
  "POST /api/notification-channels": ["signingSecret", "eventKinds", "instances", "enabled"],
  "PATCH /api/notification-channels/[id]": ["name", "url", "signingSecret", "eventKinds", "instances", "enabled"],
  "POST /api/releases": ["deployRef", "notesUrl", "publishedAt"],
  "PUT /api/instances/[slug]/backup-policy": ["everyDays", "retentionDays", "upgradeRetentionDays", "keepUpgradeSnapshots"],
};
