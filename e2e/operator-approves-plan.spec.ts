import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "./fixtures/auth";
import { E2E_DATA_DIR, E2E_ROOT } from "./support/paths";

const run = promisify(execFile);

/**
 * A customer someone started by hand from the runbook before the control plane existed: the
 * deployment directory already holds Terraform state, and its VM was built from an older
 * startup script. Creating the instance in the app renders the current configuration, whose
 * plan replaces the VM (about 9 minutes of downtime in production), so the job stops for
 * approval; the operator reads the plan on the job page, approves, and the job goes on to an
 * active instance.
 */
test("operator approves a provisioning plan that replaces the VM", async ({ page, signInAs }) => {
  test.setTimeout(300_000);
  const slug = `adopt-${randomBytes(3).toString("hex")}`;
  await handBuiltDeployment(slug);

  await signInAs("operator");
  await page.goto("/instances/new");
  await page.getByLabel("Customer slug").fill(slug);
  await page.getByLabel("Display name").fill("Adopted Corp");
  await page.getByRole("button", { name: "Create instance" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });

  const billing = page.getByTestId("step-link-billing");
  await expect(billing.getByRole("button", { name: "Mark done" })).toBeVisible({ timeout: 90_000 });
  await billing.getByRole("button", { name: "Mark done" }).click();

  // The plan step shows what would be replaced and why it costs downtime; the job waits.
  const approval = page.getByTestId("step-approve-plan");
  await expect(approval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("job-status")).toHaveText("waiting");
  const plan = page.getByTestId("step-plan-infrastructure").getByTestId("plan-summary");
  await expect(plan).toContainText("1 to destroy");
  await expect(plan).toContainText("replace module.instance.terraform_data.vm");
  await expect(plan).toContainText("Downtime");
  await expect(page.getByTestId("step-apply-infrastructure")).toContainText("pending");

  await approval.getByRole("button", { name: "Approve" }).click();
  await expect(approval).toContainText("approved by oscar@example.com");
  await expect(page.getByTestId("step-apply-infrastructure")).toContainText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("job-log")).toContainText(`${slug} is active`, { timeout: 180_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
});

/** What a person following the runbook would have left: init and apply with an older startup script. */
async function handBuiltDeployment(slug: string) {
  const dir = path.join(E2E_DATA_DIR, "deployments", slug, "infrastructure");
  await mkdir(dir, { recursive: true });
  const moduleDir = path.join(E2E_ROOT, "lib/terraform/fixtures/instance");
  await writeFile(
    path.join(dir, "infrastructure.tf"),
    [
      `terraform {\n  backend "local" {\n    path = "terraform.tfstate"\n  }\n}`,
      `module "instance" {`,
      `  source              = "${moduleDir}"`,
      `  slug                = "${slug}"`,
      `  sourcegraph_version = "5.10.2"`,
      `  startup_script      = "#!/usr/bin/env bash\\necho 'set up by hand, 2024'\\n"`,
      `}`,
      "",
    ].join("\n"),
  );
  const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  await run("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env });
  await run("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env });
}
