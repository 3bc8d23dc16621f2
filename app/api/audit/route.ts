import { auditQuerySchema } from "@/lib/audit/audit-query";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "audit:read", query: auditQuerySchema }, ({ query }) => listAuditEvents(query));
