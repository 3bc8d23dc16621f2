/**
 * Test support: builds a red/black instance the way the deployment's Terraform does, through
 * the GCP emulator's REST API (never by writing the Sourcegraph emulator's tables), so the
 * VMs boot, disks carry their databases and the load balancer routes as in production:
 *
 *   colour "red"  → disk prod-red-data, VM prod-red (labels deployment/colour, metadata
 *                   sourcegraph-version + deploy-ref), NEG prod-red-neg with the VM attached
 *   backend       → prod-backend-service with backends[0].group = the serving colour's NEG
 *
 * The project must exist in the GCP emulator (createProject / seedProject).
 */
export type Colour = "red" | "black";

export interface ColourSpec {
  project: string;
  zone: string;
  slug: string;
  colour: Colour;
  /** The release the VM boots (its `deploy-ref` is `v<version>`). */
  version: string;
  /** Make the data disk from this snapshot (name or URL), as a red/black upgrade does. */
  fromSnapshot?: string;
  dataDiskSizeGb?: number;
}

export const vmOf = (colour: Colour) => `prod-${colour}`;
export const diskOf = (colour: Colour) => `prod-${colour}-data`;
export const negOf = (colour: Colour) => `prod-${colour}-neg`;

/** A REST call to the GCP emulator that must succeed; returns the JSON answer. */
export async function gcpCall(gcpUrl: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gcpUrl}/compute/v1/${path}`, {
    method,
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** One colour's data disk, VM and NEG (with the VM as its endpoint). The VM boots its release. */
export async function createColour(gcpUrl: string, spec: ColourSpec): Promise<void> {
  const zonePath = `projects/${spec.project}/zones/${spec.zone}`;
  const snapshot = spec.fromSnapshot && !spec.fromSnapshot.includes("/") ? `projects/${spec.project}/global/snapshots/${spec.fromSnapshot}` : spec.fromSnapshot;
  await gcpCall(gcpUrl, "POST", `${zonePath}/disks`, {
    name: diskOf(spec.colour),
    sizeGb: String(spec.dataDiskSizeGb ?? 200),
    type: `${zonePath}/diskTypes/pd-ssd`,
    labels: { deployment: spec.slug, colour: spec.colour },
    ...(snapshot ? { sourceSnapshot: snapshot } : {}),
  });
  await gcpCall(gcpUrl, "POST", `${zonePath}/instances`, {
    name: vmOf(spec.colour),
    machineType: `zones/${spec.zone}/machineTypes/n1-standard-8`,
    labels: { deployment: spec.slug, colour: spec.colour },
    disks: [
      { boot: true, autoDelete: true, initializeParams: { sourceImage: "projects/debian-cloud/global/images/family/debian-12", diskSizeGb: "50" } },
      { source: `${zonePath}/disks/${diskOf(spec.colour)}`, deviceName: "docker-data", mode: "READ_WRITE" },
    ],
    networkInterfaces: [{ network: `projects/${spec.project}/global/networks/default` }],
    metadata: {
      items: [
        { key: "sourcegraph-version", value: spec.version },
        { key: "deploy-ref", value: `v${spec.version}` },
      ],
    },
  });
  await gcpCall(gcpUrl, "POST", `${zonePath}/networkEndpointGroups`, {
    name: negOf(spec.colour),
    networkEndpointType: "GCE_VM_IP_PORT",
    network: `projects/${spec.project}/global/networks/default`,
    defaultPort: 80,
  });
  await gcpCall(gcpUrl, "POST", `${zonePath}/networkEndpointGroups/${negOf(spec.colour)}/attachNetworkEndpoints`, {
    networkEndpoints: [{ instance: vmOf(spec.colour), port: 80 }],
  });
}

/** Destroys a colour as its Terraform does: endpoint, NEG, VM (and its boot disk), data disk. */
export async function destroyColour(gcpUrl: string, target: { project: string; zone: string; colour: Colour }): Promise<void> {
  const zonePath = `projects/${target.project}/zones/${target.zone}`;
  await gcpCall(gcpUrl, "DELETE", `${zonePath}/networkEndpointGroups/${negOf(target.colour)}`);
  await gcpCall(gcpUrl, "DELETE", `${zonePath}/instances/${vmOf(target.colour)}`);
  await gcpCall(gcpUrl, "DELETE", `${zonePath}/disks/${diskOf(target.colour)}`);
}

/** disks.createSnapshot of a colour's data disk (the upgrade's snapshot). */
export async function snapshotColour(gcpUrl: string, target: { project: string; zone: string; colour: Colour; snapshot: string }): Promise<void> {
  await gcpCall(gcpUrl, "POST", `projects/${target.project}/zones/${target.zone}/disks/${diskOf(target.colour)}/createSnapshot`, { name: target.snapshot });
}

/**
 * Points `prod-backend-service` at a colour's NEG: creates the service the first time, then
 * PATCHes `backends` with the current fingerprint, as the provider does for a colour switch.
 */
export async function serveColour(gcpUrl: string, target: { project: string; zone: string; colour: Colour }): Promise<void> {
  const service = `projects/${target.project}/global/backendServices/prod-backend-service`;
  const backends = [{ group: `projects/${target.project}/zones/${target.zone}/networkEndpointGroups/${negOf(target.colour)}`, balancingMode: "RATE", maxRatePerEndpoint: 1000 }];
  const res = await fetch(`${gcpUrl}/compute/v1/${service}`, { headers: { authorization: "Bearer test" } });
  if (res.status === 404) {
    await gcpCall(gcpUrl, "POST", `projects/${target.project}/global/backendServices`, {
      name: "prod-backend-service",
      loadBalancingScheme: "EXTERNAL_MANAGED",
      protocol: "HTTP",
      backends,
    });
    return;
  }
  const current = (await res.json()) as { fingerprint?: string };
  await gcpCall(gcpUrl, "PATCH", service, { fingerprint: current.fingerprint, backends });
}

/**
 * A two-colour instance: `live` built and served; with `next`, the other colour built from a
 * snapshot of the live disk at `next` (not served yet), as the middle of a red/black upgrade.
 */
export async function seedTwoColourInstance(
  gcpUrl: string,
  spec: { project: string; zone: string; slug: string; live: { colour: Colour; version: string }; next?: { version: string; snapshot?: string } },
): Promise<void> {
  const base = { project: spec.project, zone: spec.zone, slug: spec.slug };
  await createColour(gcpUrl, { ...base, ...spec.live });
  await serveColour(gcpUrl, { ...base, colour: spec.live.colour });
  if (!spec.next) return;
  const other: Colour = spec.live.colour === "red" ? "black" : "red";
  const snapshot = spec.next.snapshot ?? `${spec.slug}-upgrade-${spec.next.version.replaceAll(".", "-")}`;
  await snapshotColour(gcpUrl, { ...base, colour: spec.live.colour, snapshot });
  await createColour(gcpUrl, { ...base, colour: other, version: spec.next.version, fromSnapshot: snapshot });
}
