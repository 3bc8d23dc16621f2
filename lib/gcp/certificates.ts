import { callGcp, defaultGcpClients, type GcpClients } from "./clients";

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
