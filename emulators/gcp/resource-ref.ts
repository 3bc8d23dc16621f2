import { invalid } from "./errors";
import { COLLECTION, LINK_BASE, type ComputeKind, type Location } from "./resources";

export interface ResourceRef {
  project: string;
  kind: ComputeKind;
  location: Location;
  name: string;
}

const KIND_OF_COLLECTION = new Map(Object.entries(COLLECTION).map(([kind, collection]) => [collection, kind as ComputeKind]));
const PREFIXES = [`${LINK_BASE}/`, "https://compute.googleapis.com/compute/v1/"];

/**
 * Resolves a reference one resource makes to another (a disk's `sourceSnapshot`, a backend's
 * `group`). GCP accepts the full URL, `projects/p/...`, or a path relative to the project
 * (`global/snapshots/s`, `zones/z/networkEndpointGroups/n`), so the emulator does too.
 */
export function parseResourceRef(ref: string, defaultProject: string, field: string): ResourceRef {
  let rest = ref.trim();
  for (const prefix of PREFIXES) if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  const parts = rest.split("/");
  let project = defaultProject;
  if (parts[0] === "projects") {
    project = parts[1] ?? "";
    parts.splice(0, 2);
  }
  const bad = () => invalid(`Invalid value for field '${field}': '${ref}'. The URL is malformed.`);
  let location: Location;
  if (parts[0] === "global") {
    location = "global";
    parts.splice(0, 1);
  } else if ((parts[0] === "zones" || parts[0] === "regions") && parts[1]) {
    location = `${parts[0]}/${parts[1]}`;
    parts.splice(0, 2);
  } else {
    throw bad();
  }
  const kind = KIND_OF_COLLECTION.get(parts[0] ?? "");
  if (!project || !kind || parts.length !== 2 || !parts[1]) throw bad();
  return { project, kind, location, name: parts[1] };
}
