import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Instance } from "../generated/prisma/client";
import type { ProvisioningSettings } from "./settings";

const TEMPLATES = path.resolve("lib/provisioning/templates");

export interface RenderedDeployment {
  dir: string;
  stateDir: string;
  infrastructureDir: string;
  files: string[];
}

export function deploymentDirs(slug: string, settings: Pick<ProvisioningSettings, "deploymentsDir">) {
  const dir = path.join(settings.deploymentsDir, slug);
  return { dir, stateDir: path.join(dir, "gcp-tfstate"), infrastructureDir: path.join(dir, "infrastructure") };
}

/**
 * What `VERSION=… ./create-deployment.sh $COMPANY/` and the two hand edits did: writes the
 * deployment's Terraform for one instance. Every value comes from the validated instance
 * record and is written as an HCL string literal, so nothing in it can inject configuration.
 * Rendering again gives the same files (state and .terraform/ are left alone).
 */
export async function renderDeployment(instance: Instance, settings: ProvisioningSettings): Promise<RenderedDeployment> {
  const dirs = deploymentDirs(instance.slug, settings);
  const values: Record<string, string> = {
    slug: hclString(instance.slug),
    version: hclString(instance.version),
    project_id: hclString(instance.gcpProjectId),
    zone: hclString(instance.zone),
    machine_type: hclString(instance.machineType),
    data_disk_size_gb: String(Math.trunc(instance.dataDiskSizeGb)),
    access_mode: hclString(instance.accessMode),
    allowlist_cidrs: `[${instance.allowlistCidrs.map((c) => `"${hclString(c)}"`).join(", ")}]`,
    domain: hclString(instance.domain),
    instance_module_source: hclString(settings.instanceModuleSource),
    state_bucket_module_source: hclString(settings.stateBucketModuleSource),
  };
  const files: string[] = [];
  for (const [template, dir, file] of [
    ["gcp-tfstate.tf.tmpl", dirs.stateDir, "gcp-tfstate.tf"],
    ["infrastructure.tf.tmpl", dirs.infrastructureDir, "infrastructure.tf"],
  ] as const) {
    const text = fill(await readFile(path.join(TEMPLATES, template), "utf8"), values);
    await mkdir(/* turbopackIgnore: true */ dir, { recursive: true });
    await writeFile(/* turbopackIgnore: true */ path.join(dir, file), text);
    files.push(path.join(dir, file));
  }
  return { ...dirs, files };
}

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
