import { config } from "../config/load-config";
import path from "node:path";
import type { Instance } from "../generated/prisma/client";
import { getBackendTarget, type BackendTarget } from "../gcp";
import { sourcegraphBaseUrl } from "../sourcegraph";
import { secretStoreFromEnv } from "../secrets";
import type { VmCallOptions } from "../ssh";
import type { StepContext } from "../runbooks/types";
import { StepError } from "../runbooks/types";
import { colourOfVm, COLOURS, negName, vmNameOf, type Colour } from "../instances/colours";
import { withIapTunnel } from "../iap";

export { COLOURS, dataDiskName, negName, otherColour, type Colour } from "../instances/colours";

import { instanceOf } from "../provisioning/step-helpers";

/** The one `instanceOf` (lib/provisioning/step-helpers.ts), for the upgrade modules that import it from here. */
export { instanceOf };

/**
 * Built by the control plane: one Terraform deployment per colour, VM `prod-<colour>` each.
 * A hand-built instance has one VM, `prod`, and no deployment in Terraform: its upgrades
 * run the same steps on that VM (README, "Upgrades").
 */
export function isColourDeployment(i: Instance): boolean {
  return colourOfVm(i.vmName) !== null;
}

/** The VM of `colour`: its own for a colour deployment, the one `prod` for a hand-built instance. */
export function vmOfColour(i: Instance, colour: Colour): string {
  return isColourDeployment(i) ? vmNameOf(colour) : i.vmName;
}

/** Where SSH commands go (`vm`, default the serving VM), with output streamed to the job log. */
export function vmOptions(ctx: StepContext, vm?: string): VmCallOptions {
  const i = instanceOf(ctx);
  return { project: i.gcpProjectId, zone: i.zone, vm: vm ?? i.vmName, signal: ctx.signal, onLine: (_s, line) => ctx.log(line) };
}

/**
 * Runs `fn` against the frontend of one VM (default the serving one) through an IAP tunnel
 * to its Caddy: before a switch the new colour is not behind the load balancer, and an
 * allowlisted instance refuses the workers at its public URL.
 */
export async function withSourcegraph<T>(ctx: StepContext, vm: string | undefined, fn: (access: { baseUrl: string; token: string }) => Promise<T>): Promise<T> {
  const i = instanceOf(ctx);
  const { token } = await sourcegraphAccess(ctx);
  return withIapTunnel({ project: i.gcpProjectId, zone: i.zone, vm: vm ?? i.vmName, signal: ctx.signal }, (baseUrl) => fn({ baseUrl, token }));
}

/** The colour users reach now, read from the load balancer (never from our records). */
export async function liveColour(ctx: StepContext): Promise<{ colour: Colour; target: BackendTarget }> {
  const i = instanceOf(ctx);
  const target = await getBackendTarget({ project: i.gcpProjectId });
  const colour = COLOURS.find((c) => target && target.name === negName(c));
  if (!target || !colour) {
    throw new StepError(`prod-backend-service points at ${target ? target.name : "nothing"}, not a red or black group`, "Fix the load balancer by hand in the GCP console, then retry.");
  }
  return { colour, target };
}

/** The frontend's base URL and the control plane's access token for it. */
export async function sourcegraphAccess(ctx: StepContext): Promise<{ baseUrl: string; token: string }> {
  const i = instanceOf(ctx);
  const ref = (i.secretRefs as Record<string, unknown> | null)?.sourcegraphToken;
  if (typeof ref !== "string") throw new StepError("the instance has no Sourcegraph access token on record", "Create one (instance page → Sourcegraph token), then retry.");
  const token = await secretStoreFromEnv().get(ref);
  ctx.addSecret(token);
  return { baseUrl: sourcegraphBaseUrl(i), token };
}

/** The Terraform working directory of one colour of one instance. */
export function terraformDir(slug: string, colour: Colour): string {
  return path.join(config().TERRAFORM_WORK_DIR, slug, colour);
}

/** The module a new colour is created from (the fixture module in demo mode and tests). */
export function terraformModuleDir(): string {
  return config().TERRAFORM_MODULE_DIR;
}

export function maintenanceMessage(version: string): string {
  return (
    `🚀 Sourcegraph is undergoing a scheduled upgrade to ${version} ([what's changed?](https://about.sourcegraph.com/blog/)). ` +
    "You may be unable to perform some write actions during this time, such as updating your user settings."
  );
}
