/** "https://.../zones/us-central1-f/disks/prod-red-data" → "prod-red-data". */
export function lastSegment(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

/** The zone named in a zonal resource URL, or undefined. */
export function zoneOf(url: string): string | undefined {
  return /\/zones\/([^/]+)\//.exec(url)?.[1];
}
