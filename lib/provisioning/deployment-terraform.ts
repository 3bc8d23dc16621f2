import path from "node:path";
import { checkoutDeployment } from "../deployments/checkout-deployment";
import { deploymentsRepoFromEnv, type DeploymentsRepo } from "../deployments/deployments-repo";
import type { Instance } from "../generated/prisma/client";
import { gcpSettingsFromEnv } from "../gcp/client-options";
import { secretStoreFromEnv } from "../secrets";
import { StepError, type StepContext } from "../runbooks/types";
import { terraformGoogleEnv, type TerraformRunner } from "../terraform";
import type { DeploymentRoot } from "./render-deployment";
import { provisioningSettings } from "./settings";
import { secretRefOf, stepTerraformRunner } from "./step-helpers";

/** The deployments repository every rendered change goes to; a clear step error when unset. */
export function deploymentsRepo(): DeploymentsRepo {
  const repo = deploymentsRepoFromEnv();
  if (!repo) throw new StepError("no deployments repository is configured", "Set DEPLOYMENTS_REPO on the workers (a git URL or path), then retry.");
  return repo;
}

/**
 * The instance's `deploy` key (RUNBOOK step 3), from the secret store. Registered as a
 * secret, whole and its private key alone, so no log line can carry it.
 */
export async function deployKeyOf(ctx: StepContext, instance: Instance): Promise<string> {
  const ref = secretRefOf(instance, "serviceAccountKey");
  if (!ref) throw new StepError("the instance has no deploy key on record", "Retry from the service-account step: it mints and stores the key.");
  let json: string;
  try {
    json = await secretStoreFromEnv().get(ref);
  } catch (e) {
    throw new StepError(`the deploy key ${ref} could not be read from the secret store: ${e instanceof Error ? e.message : String(e)}`, "Check the secret store (SECRETS_GCP_PROJECT or SECRETS_DIR) and that the reference still exists; a deleted key needs a new one (delete the serviceAccountKey reference and retry the service-account step).");
  }
  ctx.addSecret(json);
  try {
    const privateKey = (JSON.parse(json) as { private_key?: unknown }).private_key;
    if (typeof privateKey === "string") {
      ctx.addSecret(privateKey);
      // JSON escapes the key's newlines; Terraform's own messages may quote it either way.
      ctx.addSecret(JSON.stringify(privateKey).slice(1, -1));
    }
  } catch {
    throw new StepError(`the deploy key ${ref} is not a JSON key file`, "Mint a new key: delete the serviceAccountKey reference on the instance and retry the service-account step.");
  }
  return json;
}

/**
 * A Terraform runner for one root of the instance's deployment, as a worker on any machine
 * would get it: the root's files checked out from the deployments repository into this
 * worker's scratch directory (state is in the bucket, not here), run with the deploy key.
 */
export async function deploymentTerraform(ctx: StepContext, instance: Instance, root: DeploymentRoot): Promise<TerraformRunner> {
  const dir = path.join(provisioningSettings().terraformWorkDir, instance.slug, root);
  const sha = await checkoutDeployment({ repo: deploymentsRepo(), slug: instance.slug, subdir: root, into: dir });
  ctx.log(`${instance.slug}/${root} at ${sha.slice(0, 12)} checked out into ${dir}`);
  const credentialsJson = await deployKeyOf(ctx, instance);
  return stepTerraformRunner(ctx, {
    workingDir: dir,
    env: terraformGoogleEnv({ credentialsJson, apiEndpoint: gcpSettingsFromEnv().apiEndpoint }),
    secrets: [credentialsJson],
  });
}
