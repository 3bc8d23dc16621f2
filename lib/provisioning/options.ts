/**
 * What the create-instance form offers. Pure data (no server imports): the form and the API
 * schema share it.
 */
export const MACHINE_TYPES = ["n1-standard-8", "n1-standard-16", "n1-standard-32", "n1-standard-64", "n1-standard-96"] as const;
export const DEFAULT_MACHINE_TYPE = "n1-standard-8";

export const ZONES = [
  "us-central1-a",
  "us-central1-b",
  "us-central1-c",
  "us-central1-f",
  "us-east1-b",
  "us-east1-c",
  "us-east1-d",
  "us-west1-a",
  "us-west1-b",
  "europe-west1-b",
  "europe-west1-c",
  "europe-west1-d",
  "europe-west3-a",
  "asia-east1-a",
] as const;
export const DEFAULT_ZONE = "us-central1-f";

export const ACCESS_MODES = ["public_sso", "ip_allowlist"] as const;
export const ACCESS_MODE_LABELS: Record<(typeof ACCESS_MODES)[number], string> = {
  public_sso: "Public, with the customer's SSO",
  ip_allowlist: "IP allowlist",
};

/** GCP pd-ssd limits for a data disk the deployment formats itself. */
export const MIN_DISK_GB = 100;
export const MAX_DISK_GB = 65_536;
export const DEFAULT_DISK_GB = 500;

/** Zone `us-central1-f` → region `us-central1`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, "");
}
