import type pg from "pg";
import { NAMES } from "./names";
import { backendServiceDoc, groupDoc } from "./load-balancer-resources";
import { selfLink, zoneLocation } from "./resources";
import { upsertMany, type ResourceRow } from "./store";
import { diskDoc } from "./storage-resources";

export interface LoadBalancerSeed {
  project: string;
  zone: string;
  /** The colour users reach now. */
  live: string;
  /** Every colour that has a group (the live one is added if missing). Default: red and black. */
  colours?: string[];
  /** Size of the live colour's data disk. */
  dataDiskSizeGb?: number;
}

const { neg, dataDisk, backendService: BACKEND_SERVICE } = NAMES;

/**
 * The back end of a red/black deployment: a network endpoint group per colour, the live
 * colour's data disk, and `prod-backend-service` pointing at the live colour's group.
 * The project itself must exist (seedProject or createProject).
 */
export function loadBalancerRows(seed: LoadBalancerSeed): ResourceRow[] {
  const { project, zone, live } = seed;
  const colours = [...new Set([...(seed.colours ?? ["red", "black"]), live])];
  const location = zoneLocation(zone);
  const groups = colours.map((c) => ({
    project,
    kind: "networkEndpointGroup" as const,
    location,
    name: neg(c),
    data: groupDoc({ project, zone, name: neg(c), kind: "networkEndpointGroup" }),
  }));
  return [
    ...groups,
    {
      project,
      kind: "disk",
      location,
      name: dataDisk(live),
      data: diskDoc({ project, zone, name: dataDisk(live), sizeGb: seed.dataDiskSizeGb ?? 500, labels: { colour: live } }),
    },
    {
      project,
      kind: "backendService",
      location: "global",
      name: BACKEND_SERVICE,
      data: backendServiceDoc({
        project,
        name: BACKEND_SERVICE,
        backends: [{ group: selfLink(project, "networkEndpointGroup", location, neg(live)), balancingMode: "RATE", maxRatePerEndpoint: 1000, capacityScaler: 1 }],
      }),
    },
  ];
}

export async function seedLoadBalancer(pool: pg.Pool, seed: LoadBalancerSeed): Promise<void> {
  await upsertMany(pool, loadBalancerRows(seed));
}
