import { LINK_BASE } from "./resources";

/**
 * A reference to a network or subnetwork as callers write it ("default",
 * "global/networks/default", "projects/p/global/networks/default" or a URL) → the full URL
 * GCP stores and returns. Networks themselves are not modelled: every project has `default`.
 */
export function networkLink(project: string, ref: string, collection: string): string {
  if (ref.startsWith("https://")) return ref;
  if (ref.startsWith("projects/")) return `${LINK_BASE}/${ref}`;
  if (ref.includes("/")) return `${LINK_BASE}/projects/${project}/${ref}`;
  return `${LINK_BASE}/projects/${project}/${collection}/${ref}`;
}
