import type http from "node:http";
import net from "node:net";
import { cloudArmorDenyBody, evaluateSecurityPolicy, unmapIpv4, type SecurityPolicyDoc } from "./cloud-armor";
import { sendText } from "./http-io";
import { isMissingGcpState, PROJECTS_OF_SLUG, type BackendRoute } from "./deployment-ref";
import type { Db } from "./instance-record";

/**
 * The public URL (`https://<slug>.sourcegraph.com`) goes through the GCP load balancer, whose
 * state lives in the GCP emulator's rows (same database, schema gcp_emulator):
 *
 * - TLS: until Google has issued the managed certificate, the handshake fails and no HTTP
 *   request is ever made (REALITY.md). Here: the socket is destroyed without an answer.
 *   Issued means ACTIVE, or RENEWAL_FAILED (the certificate issued before keeps serving until
 *   it expires); PROVISIONING and the PROVISIONING_FAILED states have no certificate at all.
 * - Cloud Armor: the backend service's security policy (cloud-armor.ts), applied to the
 *   client's address.
 *
 * An instance whose project has no certificate row (one seeded before the GCP side existed,
 * as many tests do) serves as it always did.
 */
export interface PublicEdge {
  /** `managed.status` of the load balancer's certificate; null when the GCP emulator has none. */
  certificateStatus: string | null;
  /** The policy attached to the backend service, if any. */
  securityPolicy: SecurityPolicyDoc | null;
  /** The backend service and the group it serves (deployment-ref.ts routes from it); null without one. */
  backend: BackendRoute | null;
}

/**
 * Test-only knob: the request stands for a client elsewhere on the internet at this address
 * (the emulator otherwise sees every client as 127.0.0.1). Never sent by the control plane.
 */
export const EMULATED_CLIENT_IP_HEADER = "x-emulated-client-ip";

// The names the deployment's Terraform gives them (see emulators/gcp/names.ts).
const CERTIFICATE = "default-ssl-cert";
const BACKEND_SERVICE = "prod-backend-service";
const ISSUED = new Set(["ACTIVE", "RENEWAL_FAILED"]);
const POLICY_LINK = /\/projects\/([^/]+)\/global\/securityPolicies\/([^/?#]+)$/;

export function certificateServes(status: string | null): boolean {
  return status === null || ISSUED.has(status);
}

export async function loadPublicEdge(db: Db, slug: string): Promise<PublicEdge> {
  try {
    const { rows } = await db.query<{ project: string; kind: string; certificate_status: string | null; security_policy: string | null; grp: string | null }>(
      `SELECT project, kind, data->'managed'->>'status' AS certificate_status, data->>'securityPolicy' AS security_policy,
              data->'backends'->0->>'group' AS grp
       FROM gcp_emulator.resource
       WHERE project IN (${PROJECTS_OF_SLUG})
         AND location = 'global'
         AND ((kind = 'sslCertificate' AND name = $2) OR (kind = 'backendService' AND name = $3))
       ORDER BY project`,
      [slug, CERTIFICATE, BACKEND_SERVICE],
    );
    const certificate = rows.find((r) => r.kind === "sslCertificate");
    const backend = rows.find((r) => r.kind === "backendService");
    const link = backend?.security_policy;
    return {
      certificateStatus: certificate ? (certificate.certificate_status ?? "PROVISIONING") : null,
      securityPolicy: link ? await loadSecurityPolicy(db, link) : null,
      backend: backend ? { project: backend.project, group: backend.grp } : null,
    };
  } catch (error) {
    if (isMissingGcpState(error)) return { certificateStatus: null, securityPolicy: null, backend: null };
    throw error;
  }
}

/** GCP refuses to attach a policy that does not exist, so a dangling link counts as none. */
async function loadSecurityPolicy(db: Db, link: string): Promise<SecurityPolicyDoc | null> {
  const parsed = POLICY_LINK.exec(link);
  if (!parsed) return null;
  const { rows } = await db.query<{ data: SecurityPolicyDoc }>(
    `SELECT data FROM gcp_emulator.resource
     WHERE project = $1 AND location = 'global' AND name = $2 AND (kind = 'securityPolicy' OR data->>'kind' = 'compute#securityPolicy')
     LIMIT 1`,
    [parsed[1], decodeURIComponent(parsed[2])],
  );
  return rows[0]?.data ?? null;
}

/**
 * Applies the load balancer to a public request. Returns the edge (with the backend to route
 * by) when the request may go on; null when the connection has been dropped or answered.
 */
export async function admitPublicRequest(db: Db, slug: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<PublicEdge | null> {
  const edge = await loadPublicEdge(db, slug);
  if (!certificateServes(edge.certificateStatus)) {
    // A failed TLS handshake: the client never gets to send a request, let alone read an answer.
    req.socket.destroy();
    return null;
  }
  const claimed = req.headers[EMULATED_CLIENT_IP_HEADER];
  if (claimed !== undefined && (typeof claimed !== "string" || net.isIP(claimed.trim()) === 0)) {
    sendText(res, 400, `Sourcegraph emulator: ${EMULATED_CLIENT_IP_HEADER} must be one IP address`);
    return null;
  }
  const clientIp = typeof claimed === "string" ? claimed.trim() : unmapIpv4(req.socket.remoteAddress ?? "");
  const verdict = evaluateSecurityPolicy(edge.securityPolicy, clientIp);
  if (verdict.allowed) return edge;
  const body = cloudArmorDenyBody(verdict.status);
  res.writeHead(verdict.status, { "content-type": "text/html; charset=UTF-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
  return null;
}
