import path from "node:path";
import type { Instance } from "../generated/prisma/client";
import { getBackendTarget, type BackendTarget } from "../gcp";
import { sourcegraphBaseUrl } from "../sourcegraph";
import { secretStoreFromEnv } from "../secrets";
import type { VmCallOptions } from "../ssh";
import type { StepContext } from "../runbooks/types";
import { StepError } from "../runbooks/types";
import { COLOURS, negName, type Colour } from "../instances/colours";

export { COLOURS, dataDiskName, negName, otherColour, type Colour } from "../instances/colours";

export function instanceOf(ctx: StepContext): Instance {
  if (!ctx.instance) throw new StepError("the job has no instance");
  return ctx.instance;
}

/** Where SSH commands for this instance go, with output streamed to the job log. */
export function vmOptions(ctx: StepContext): VmCallOptions {
  const i = instanceOf(ctx);
  // The serving VM: `prod` for a hand-built instance, else the live colour's `prod-<colour>`.
  return { project: i.gcpProjectId, zone: i.zone, vm: i.vmName, signal: ctx.signal, onLine: (_s, line) => ctx.log(line) };
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
  return path.resolve(process.env.TERRAFORM_WORK_DIR ?? path.join(process.env.DATA_DIR ?? ".data", "terraform"), slug, colour);
}

/** The module a new colour is created from (the fixture module in demo mode and tests). */
export function terraformModuleDir(): string {
  return path.resolve(process.env.TERRAFORM_MODULE_DIR ?? "lib/terraform/fixtures/instance");
}

export function maintenanceMessage(version: string): string {
  return (
    `🚀 Sourcegraph is undergoing a scheduled upgrade to ${version} ([what's changed?](https://about.sourcegraph.com/blog/)). ` +
    "You may be unable to perform some write actions during this time, such as updating your user settings."
  );
}
