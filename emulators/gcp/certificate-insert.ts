import { invalid } from "./errors";
import { sslCertificateDoc } from "./resources";

type Doc = Record<string, unknown>;

const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * sslCertificates.insert of a Google-managed certificate: born PROVISIONING, as GCP's are.
 * What turns it ACTIVE is certificate-script.ts (DNS pointing at the load balancer, then a
 * few more reads). Self-managed certificates (PEM uploads) are not modelled.
 */
export function managedCertificateDoc(project: string, name: string, resource: Doc): Doc {
  if (resource.type !== "MANAGED") {
    throw invalid(`Invalid value for field 'resource.type': '${String(resource.type ?? "")}'. The emulator models MANAGED certificates only.`);
  }
  const domains = (resource.managed as { domains?: unknown } | undefined)?.domains;
  if (!Array.isArray(domains) || domains.length === 0) throw invalid("Required field 'resource.managed.domains' not specified");
  if (domains.length > 100) throw invalid("Invalid value for field 'resource.managed.domains': a certificate covers at most 100 domains.");
  for (const d of domains) {
    if (typeof d !== "string" || !DOMAIN_RE.test(d)) throw invalid(`Invalid value for field 'resource.managed.domains': '${String(d)}'`);
  }
  const doc = sslCertificateDoc({ project, name, domains: domains as string[], status: "PROVISIONING" });
  return { ...doc, description: typeof resource.description === "string" ? resource.description : "" };
}
