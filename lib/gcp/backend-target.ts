import { zoneOf, lastSegment } from "./resource-url";

/** What a backend service points at: one colour's network endpoint group or instance group. */
export interface BackendTarget {
  type: "networkEndpointGroup" | "instanceGroup";
  zone: string;
  name: string;
}

const COLLECTION: Record<BackendTarget["type"], string> = {
  networkEndpointGroup: "networkEndpointGroups",
  instanceGroup: "instanceGroups",
};

/** A backend's `group` URL → target; undefined for anything else (a regional or serverless NEG). */
export function parseBackendGroup(url: string): BackendTarget | undefined {
  const zone = zoneOf(url);
  const collection = /\/zones\/[^/]+\/([^/]+)\/[^/]+$/.exec(url)?.[1];
  const type = (Object.keys(COLLECTION) as BackendTarget["type"][]).find((t) => COLLECTION[t] === collection);
  if (!zone || !type) return undefined;
  return { type, zone, name: lastSegment(url) };
}

/** The partial URL GCP accepts in `backends[].group`; GCP stores it back as a full URL. */
export function backendGroupUrl(project: string, target: BackendTarget): string {
  return `projects/${project}/zones/${target.zone}/${COLLECTION[target.type]}/${target.name}`;
}

export function sameTarget(a: BackendTarget | undefined | null, b: BackendTarget): boolean {
  return !!a && a.type === b.type && a.zone === b.zone && a.name === b.name;
}
