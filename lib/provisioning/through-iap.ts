import { withIapTunnel } from "../iap";
import type { StepContext } from "../runbooks/types";
import { instanceOf } from "./step-helpers";

/**
 * Runs `fn` against Caddy on the instance's serving VM through an IAP tunnel (RUNBOOK
 * "Port-forwarding"): `gcloud compute start-iap-tunnel <vm> 80`. Works before the managed
 * certificate exists and for IP-allowlisted instances, neither of which the public URL does.
 */
export function throughIap<T>(ctx: StepContext, fn: (baseUrl: string) => Promise<T>): Promise<T> {
  const i = instanceOf(ctx);
  return withIapTunnel({ project: i.gcpProjectId, zone: i.zone, vm: i.vmName, remotePort: 80, signal: ctx.signal, onLine: (_s, line) => ctx.log(line) }, fn);
}
