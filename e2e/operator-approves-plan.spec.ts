import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import { handBuiltDeployment } from "./support/hand-built-deployment";

/**
 * A customer someone started by hand from the runbook before the control plane existed: the
 * project, its state bucket and the red deployment exist (state in the bucket, files in the
 * deployments repository), but the VM was built in us-central1-a. Creating the instance in
 * the app renders it where the control plane puts it (the default zone), whose plan replaces
 * the VM and its disk (about 9 minutes of downtime in production), so the job stops for
 * approval; the operator reads the plan on the job page, approves, and the job goes on to an
 * active instance. Billing is already linked, so nobody is asked.
 */
test("operator approves a provisioning plan that replaces the VM", async ({ page, signInAs }) => {
  test.setTimeout(300_000);
  const slug = `adopt-${randomBytes(3).toString("hex")}`;
  await handBuiltDeployment(slug, "us-central1-a");

  await signInAs("operator");
  await page.goto("/instances/new");
  await page.getByLabel("Customer slug").fill(slug);
  await page.getByLabel("Display name").fill("Adopted Corp");
  await page.getByRole("button", { name: "Create instance" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });

  // The plan step shows what would be replaced and why it costs downtime; the job waits.
  const approval = page.getByTestId("step-approve-plan");
  await expect(approval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("job-status")).toHaveText("waiting");
  await expect(page.getByTestId("step-link-billing")).toContainText("skipped");
  const plan = page.getByTestId("step-plan-deployment").getByTestId("plan-summary");
  await expect(plan).toContainText(/\d+ to destroy/);
  await expect(plan).toContainText("replace module.deployment.terraform_data.vm");
  await expect(plan).toContainText("Downtime");
  await expect(page.getByTestId("step-apply-deployment")).toContainText("pending");

  await approval.getByRole("button", { name: "Approve" }).click();
  await expect(approval).toContainText("approved by oscar@example.com");
  await expect(page.getByTestId("step-apply-deployment")).toContainText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("job-log")).toContainText(`${slug} is active`, { timeout: 180_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
});
