import type { Instance } from "../generated/prisma/client";
import type { Colour } from "../instances/colours";
import type { ProvisioningSettings } from "./settings";
import { DEPLOYMENT_TF, GCP_TFSTATE_TF, INFRASTRUCTURE_TF } from "./templates";


/** The roots of one instance's deployment, each a folder under `<slug>/` with its own state. */
export type DeploymentRoot = "gcp-tfstate" | "infrastructure" | Colour;

/** `<project>-tfstate`: the bucket holding every root's state (RUNBOOK's gcp-tfstate). */
export const stateBucketName = (projectId: string) => `${projectId}-tfstate`;

export interface RenderOptions {
  /** The colour deployments to render (provisioning: red). */
  colours: Colour[];
  /** Which colour the load balancer sends users to. */
  servingColour: Colour;
  /** Per colour: the snapshot its data disk is made from ("" or absent: a blank disk). */
  dataDiskSnapshots?: Partial<Record<Colour, string>>;
  /** The release to run; default the instance's version. */
  version?: string;
}

/**
 * What `VERSION=… ./create-deployment.sh $COMPANY/` and the hand edits of infrastructure.tf
 * did, as files relative to `<slug>/` in the deployments repository. Every value comes from
 * the validated instance record and is written as an HCL string literal, so nothing in it can
 * inject configuration. Rendering again gives the same files.
 */
export async function renderDeployment(
  instance: Instance,
  settings: Pick<ProvisioningSettings, "modules">,
  options: RenderOptions,
): Promise<Record<string, string>> {
  const { instance: instanceModule, deployment: deploymentModule, stateBucket: stateBucketModule } = settings.modules;
  if (!instanceModule) throw new Error("INSTANCE_MODULE_SOURCE is not set");
  if (!deploymentModule) throw new Error("DEPLOYMENT_MODULE_SOURCE is not set");
  if (!stateBucketModule) throw new Error("STATE_BUCKET_MODULE_SOURCE is not set");
  const version = options.version ?? instance.version;
  const common: Record<string, string> = {
    slug: hclString(instance.slug),
    project_id: hclString(instance.gcpProjectId),
    zone: hclString(instance.zone),
    state_bucket: hclString(stateBucketName(instance.gcpProjectId)),
  };
  const files: Record<string, string> = {
    "gcp-tfstate/gcp-tfstate.tf": fill(GCP_TFSTATE_TF, { ...common, state_bucket_module_source: hclString(stateBucketModule) }),
    "infrastructure/infrastructure.tf": fill(INFRASTRUCTURE_TF, {
      ...common,
      instance_module_source: hclString(instanceModule),
      region: hclString(instance.region),
      domain: hclString(instance.domain),
      access_mode: hclString(instance.accessMode),
      allowlist_cidrs: `[${instance.allowlistCidrs.map((c) => `"${hclString(c)}"`).join(", ")}]`,
      serving_colour: options.servingColour,
    }),
  };
  for (const colour of options.colours) {
    files[`${colour}/deployment.tf`] = fill(DEPLOYMENT_TF, {
      ...common,
      deployment_module_source: hclString(deploymentModule),
      colour,
      machine_type: hclString(instance.machineType),
      data_disk_size_gb: String(Math.trunc(instance.dataDiskSizeGb)),
      data_disk_snapshot: hclString(options.dataDiskSnapshots?.[colour] ?? ""),
      version: hclString(version),
      deploy_ref: hclString(deployRefOf(version)),
    });
  }
  return files;
}

/** deploy-sourcegraph-docker tags each release `v<version>` (REALITY.md). */
export const deployRefOf = (version: string) => `v${version}`;

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`template placeholder {{${name}}} has no value`);
    return values[name];
  });
}

/** The inside of an HCL string literal; refuses what validation should already have kept out. */
function hclString(value: string): string {
  if (/[\u0000-\u001f"\\]|\$\{|%\{/.test(value)) throw new Error(`refusing to render ${JSON.stringify(value)} into Terraform`);
  return value;
}
