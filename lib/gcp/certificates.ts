import { callGcp, defaultGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";

/**
 * A Google-managed certificate's status (ACTIVE, PROVISIONING, PROVISIONING_FAILED, ...),
 * or SELF_MANAGED for an uploaded certificate, which has none.
 */
export type CertificateStatus =
  | "ACTIVE"
  | "PROVISIONING"
  | "PROVISIONING_FAILED"
  | "PROVISIONING_FAILED_PERMANENTLY"
  | "RENEWAL_FAILED"
  | "MANAGED_CERTIFICATE_STATUS_UNSPECIFIED"
  | "SELF_MANAGED";

export async function getCertificateStatus(
  ref: { project: string; name?: string },
  clients: GcpClients = defaultGcpClients(),
): Promise<CertificateStatus> {
  const name = ref.name ?? "default-ssl-cert";
  const resource = `projects/${ref.project}/global/sslCertificates/${name}`;
  const [cert] = await callGcp(clients, resource, () =>
    clients.sslCertificates.get({ project: ref.project, sslCertificate: name }, clients.callOptions),
  );
  if (cert.type === "SELF_MANAGED" || !cert.managed) return "SELF_MANAGED";
  return (cert.managed.status || "MANAGED_CERTIFICATE_STATUS_UNSPECIFIED") as CertificateStatus;
}

/**
 * The project's managed certificate status from one `sslCertificates.list` call (the health
 * loop's read, one call per project whatever the certificate is named): the worst status of
 * its managed certificates, SELF_MANAGED when it has only uploaded ones; not-found when it has none.
 */
export async function listCertificateStatus(ref: { project: string }, clients: GcpClients = defaultGcpClients()): Promise<CertificateStatus> {
  const resource = `projects/${ref.project}/global/sslCertificates`;
  const [certs] = await callGcp(clients, resource, () =>
    clients.sslCertificates.list({ project: ref.project, maxResults: 500 }, { ...clients.callOptions, autoPaginate: false }),
  );
  if (certs.length === 0) throw new GcpError("not-found", resource, `no SSL certificate in ${ref.project}`);
  const managed = certs.filter((c) => c.type !== "SELF_MANAGED" && c.managed);
  if (managed.length === 0) return "SELF_MANAGED";
  const statuses = managed.map((c) => (c.managed!.status || "MANAGED_CERTIFICATE_STATUS_UNSPECIFIED") as CertificateStatus);
  return statuses.find((s) => s !== "ACTIVE") ?? "ACTIVE";
}
