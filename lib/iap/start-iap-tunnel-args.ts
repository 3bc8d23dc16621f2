import { GCP_PROJECT_ID } from "../instances/slug";
import { VM_NAME, ZONE } from "../ssh/vm-target";
import { IapTunnelError } from "./iap-tunnel-error";

/** One port of one VM. The VM is named: a red/black deployment has two side by side. */
export interface IapTunnelTarget {
  project: string;
  zone: string;
  vm: string;
  /** Default 80: Caddy, as in the runbook's port-forward. */
  remotePort?: number;
}

export const CADDY_PORT = 80;

/**
 * The local address gcloud listens on. The tunnel's base URL names 127.0.0.1, so gcloud binds
 * exactly that rather than whatever `localhost` resolves to. Port 0: gcloud picks an unused
 * port itself (its default is `localhost:0`) and says which on stderr.
 */
export const LOCAL_HOST = "127.0.0.1";

/**
 * Checks the target against GCP's own formats before anything is spawned: these values become
 * gcloud arguments, and a value like `--impersonate-service-account=…` must never get there.
 */
export function checkIapTunnelTarget(target: IapTunnelTarget): Required<IapTunnelTarget> {
  const remotePort = target.remotePort ?? CADDY_PORT;
  if (typeof target.project !== "string" || !GCP_PROJECT_ID.test(target.project)) {
    throw new IapTunnelError("invalid-target", `invalid GCP project ID: ${JSON.stringify(target.project)}`);
  }
  if (typeof target.zone !== "string" || !ZONE.test(target.zone)) throw new IapTunnelError("invalid-target", `invalid zone: ${JSON.stringify(target.zone)}`);
  if (typeof target.vm !== "string" || !VM_NAME.test(target.vm)) throw new IapTunnelError("invalid-target", `invalid VM name: ${JSON.stringify(target.vm)}`);
  if (!Number.isInteger(remotePort) || remotePort < 1 || remotePort > 65535) {
    throw new IapTunnelError("invalid-target", `invalid port: ${JSON.stringify(remotePort)}`);
  }
  return { project: target.project, zone: target.zone, vm: target.vm, remotePort };
}

/**
 * The argument vector for
 *
 *   gcloud compute start-iap-tunnel VM PORT --local-host-port=127.0.0.1:0 --zone Z --project P --quiet
 *
 * (`--quiet`: a job has nobody to answer prompts).
 */
export function startIapTunnelArgs(target: IapTunnelTarget): string[] {
  const { project, zone, vm, remotePort } = checkIapTunnelTarget(target);
  return ["compute", "start-iap-tunnel", vm, String(remotePort), `--local-host-port=${LOCAL_HOST}:0`, "--zone", zone, "--project", project, "--quiet"];
}

/**
 * What gcloud says about the local port (googlecloudsdk/command_lib/compute/iap_tunnel.py):
 * `Picking local unused port [N].` on stderr when it chose the port, then, once the
 * connection test passed and the port is bound, `Listening on port [N].` on stdout.
 */
export function parseTunnelLine(line: string): { port: number; listening: boolean } | null {
  const match = /^(Picking local unused port|Listening on port) \[(\d{1,5})\]\.$/.exec(line.trim());
  if (!match) return null;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { port, listening: match[1] === "Listening on port" } : null;
}
