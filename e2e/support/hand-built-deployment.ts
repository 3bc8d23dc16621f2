import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { DEMO_PROJECT_PARENT } from "../../emulators/seed-hand-built";
import { commitDeployment } from "../../lib/deployments/commit-deployment";
import type { Instance } from "../../lib/generated/prisma/client";
import { domainForSlug, projectIdForSlug } from "../../lib/instances/slug";
import { renderDeployment } from "../../lib/provisioning/render-deployment";
import { gcpCall, GCP_EMULATOR_URL, linkBillingInConsole } from "./emulated-console";
import { E2E_DATA_DIR, E2E_ROOT } from "./paths";

const run = promisify(execFile);
const FIXTURES = path.join(E2E_ROOT, "emulators/terraform-fixtures");

/**
 * A customer someone began by hand from the runbook before the control plane existed: the
 * project (under the fleet's folder, billed, Compute enabled), the state bucket, and the red deployment applied and
 * committed to the deployments repository, but in `zone`, not where the control plane will
 * put it. Everything goes through the emulator's APIs and real terraform, as a person's
 * terminal would.
 */
export async function handBuiltDeployment(slug: string, zone: string): Promise<{ projectId: string }> {
  const projectId = projectIdForSlug(slug);
  await gcpCall("POST", "/v3/projects", { projectId, displayName: `Managed ${slug}`, parent: DEMO_PROJECT_PARENT });
  await linkBillingInConsole(projectId);
  await gcpCall("POST", `/v1/projects/${projectId}/services/compute.googleapis.com:enable`, {});

  const instance = {
    slug,
    gcpProjectId: projectId,
    region: zone.replace(/-[a-z]$/, ""),
    zone,
    machineType: "n1-standard-8",
    dataDiskSizeGb: 500,
    version: "5.10.2",
    accessMode: "public_sso",
    allowlistCidrs: [],
    domain: domainForSlug(slug),
  } as unknown as Instance;
  const modules = { instance: path.join(FIXTURES, "instance"), deployment: path.join(FIXTURES, "deployment"), stateBucket: path.join(FIXTURES, "state-bucket") };
  const files = await renderDeployment(instance, { modules }, { colours: ["red"], servingColour: "red" });
  const work = path.join(E2E_DATA_DIR, "by-hand", slug);
  for (const root of ["gcp-tfstate", "red"]) {
    const file = Object.keys(files).find((f) => f.startsWith(`${root}/`))!;
    await mkdir(path.join(work, root), { recursive: true });
    await writeFile(path.join(work, file), files[file]);
    await terraform(path.join(work, root), ["init", "-input=false", "-no-color"]);
    await terraform(path.join(work, root), ["apply", "-auto-approve", "-input=false", "-no-color"]);
  }
  // RUNBOOK: "commit the result" (gcp-tfstate keeps its state beside its configuration).
  await commitDeployment({
    repo: { url: path.join(E2E_DATA_DIR, "deployments.git"), author: { name: "A Person", email: "person@example.com" }, createIfMissing: true },
    slug,
    files: {
      "gcp-tfstate/gcp-tfstate.tf": files["gcp-tfstate/gcp-tfstate.tf"],
      "gcp-tfstate/terraform.tfstate": await readFile(path.join(work, "gcp-tfstate", "terraform.tfstate"), "utf8"),
      "red/deployment.tf": files["red/deployment.tf"],
    },
    message: { jobId: "by-hand", jobKind: "runbook", actor: { email: "person@example.com", role: "operator" }, summary: "create-deployment.sh, by hand" },
  });
  return { projectId };
}

/** A person's terraform: a token of their own, the emulator's endpoints. */
function terraform(cwd: string, args: string[]) {
  const base = GCP_EMULATOR_URL;
  return run("terraform", args, {
    cwd,
    env: {
      ...process.env,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      GOOGLE_OAUTH_ACCESS_TOKEN: "a-person",
      GOOGLE_BACKEND_STORAGE_CUSTOM_ENDPOINT: `${base}/storage/v1/`,
      GOOGLE_STORAGE_CUSTOM_ENDPOINT: `${base}/storage/v1/`,
      GOOGLE_COMPUTE_CUSTOM_ENDPOINT: `${base}/compute/v1/`,
      GOOGLE_DNS_CUSTOM_ENDPOINT: `${base}/dns/v1/`,
    },
  });
}
