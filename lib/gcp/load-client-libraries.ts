import { createRequire } from "node:module";

/**
 * The Google client libraries take seconds to load (protos, gax). Loading them on first use
 * instead of on import keeps that cost out of every process that merely imports lib/gcp,
 * such as the web server creating a job whose steps a worker will run.
 */
const require = createRequire(import.meta.url);

export const computeLibrary = () => require("@google-cloud/compute") as typeof import("@google-cloud/compute");
export const resourceManagerLibrary = () => require("@google-cloud/resource-manager") as typeof import("@google-cloud/resource-manager");
export const billingLibrary = () => require("@google-cloud/billing") as typeof import("@google-cloud/billing");
export const serviceUsageLibrary = () => require("@google-cloud/service-usage") as typeof import("@google-cloud/service-usage");
export const iamLibrary = () => require("@googleapis/iam") as typeof import("@googleapis/iam");
export const assetLibrary = () => require("@google-cloud/asset") as typeof import("@google-cloud/asset");

/** Workers call this at startup (see workers/main.ts). */
export function warmUpClientLibraries(): void {
  computeLibrary();
  resourceManagerLibrary();
  billingLibrary();
  serviceUsageLibrary();
  iamLibrary();
  assetLibrary();
}
