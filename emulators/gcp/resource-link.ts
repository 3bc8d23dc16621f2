import { LINK_BASE } from "./resources";

/**
 * A reference as callers write it ("default", "global/networks/default",
 * "projects/p/global/networks/default" or a URL) → the full URL GCP stores and returns.
 * `collection` places a bare name ("global/networks", "zones/z/diskTypes"). Only the form is
 * resolved: networks and disk types are not modelled (every project has network `default`).
 */
export function resourceLink(project: string, ref: string, collection: string): string {
  if (ref.startsWith("https://")) return ref;
  if (ref.startsWith("projects/")) return `${LINK_BASE}/${ref}`;
  if (ref.includes("/")) return `${LINK_BASE}/projects/${project}/${ref}`;
  return `${LINK_BASE}/projects/${project}/${collection}/${ref}`;
}
