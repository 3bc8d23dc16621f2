import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { E2E_BASE_URL } from "./support/paths";
import { demoTokens, expect, test, type AuthFixtures } from "./fixtures/auth";
import { gcpCall } from "./support/emulated-console";
import { handBuiltDeployment } from "./support/hand-built-deployment";

/**
 * Someone resized a customer's VM in the GCP console, behind Terraform's back. Oscar checks
 * the instance for drift: the fleet page's "drifted" filter lists it, and its page names what
 * the plan would change. He reconciles it (the plan, his approval, the apply) and it is in
 * sync again. The instance is one the control plane builds (its runbook deployment adopted in
 * place, billing already linked, so provisioning runs through without a person).
 */
test("a drift made in the emulator shows on the fleet page, and reconcile puts it back", async ({ page, signInAs, request, api }) => {
  test.setTimeout(600_000);
  const slug = `drift-${randomBytes(3).toString("hex")}`;
  const zone = "us-central1-f";
  const { projectId } = await handBuiltDeployment(slug, zone);
  const created = await request.post(new URL("/api/instances", E2E_BASE_URL).toString(), {
    headers: { Authorization: `Bearer ${demoTokens().operator}`, "Content-Type": "application/json" },
    data: { slug, displayName: "Drift Corp", version: "latest", machineType: "n1-standard-8", dataDiskSizeGb: 500, zone, accessMode: "public_sso" },
  });
  expect(created.status(), await created.text()).toBe(202);
  await expect.poll(async () => (await api<{ instance: { status: string } }>("operator", `/api/instances/${slug}`)).instance.status, { timeout: 240_000, intervals: [2_000] }).toBe("active");

  // Behind Terraform's back, as the console does it: stop, setMachineType, start.
  const vm = `/compute/v1/projects/${projectId}/zones/${zone}/instances/prod-red`;
  const wait = async (op: Record<string, unknown>) => gcpCall("POST", `/compute/v1/projects/${projectId}/zones/${zone}/operations/${String(op.name)}/wait`);
  await wait(await gcpCall("POST", `${vm}/stop`));
  await wait(await gcpCall("POST", `${vm}/setMachineType`, { machineType: `zones/${zone}/machineTypes/n1-standard-16` }));
  await wait(await gcpCall("POST", `${vm}/start`));

  await signInAs("operator");
  await page.goto(`/instances/${slug}`);
  await startFromButton(page, api, slug, "Check drift now", "drift-check");
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 180_000 });

  await page.goto("/instances");
  await page.getByRole("button", { name: "drifted" }).click();
  await expect(page).toHaveURL(/drift=drifted/);
  const table = page.getByTestId("instance-table").locator("tbody");
  // Only drifted instances are left once the filtered page has loaded.
  await expect(table.locator('[data-drift]:not([data-drift="drifted"])')).toHaveCount(0, { timeout: 30_000 });
  const row = table.getByRole("row").filter({ hasText: "Drift Corp" });
  await expect(row.getByTestId("drift-badge")).toHaveText("≋ drifted (1 change)");

  await page.goto(`/instances/${slug}`);
  const drift = page.getByTestId("instance-drift");
  await expect(drift).toContainText("module.deployment.terraform_data.vm_settings");
  await startFromButton(page, api, slug, "Reconcile…", "reconcile");
  const approval = page.getByTestId("step-approve-plan");
  await expect(approval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId("plan-summary").first()).toContainText("vm_settings");
  await approval.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 240_000 });

  const machineType = String((await gcpCall("GET", vm)).machineType);
  expect(machineType).toMatch(/\/machineTypes\/n1-standard-8$/);
  await page.goto(`/instances/${slug}`);
  await expect(page.getByTestId("instance-drift").getByTestId("drift-badge")).toHaveText("✔ in sync");
});

type ApiCall = AuthFixtures["api"];

/**
 * Clicks `button` (again only while no job of `kind` exists: a click before the page has
 * hydrated does nothing), then opens the job it started. On a loaded machine the client-side
 * navigation to the job can take longer than the job itself.
 */
async function startFromButton(page: Page, api: ApiCall, slug: string, button: string, kind: string): Promise<void> {
  const jobOf = async () => (await api<{ items: { id: string; kind: string }[] }>("operator", `/api/instances/${slug}/jobs?pageSize=20`)).items.find((j) => j.kind === kind);
  const before = (await jobOf())?.id;
  let started: string | undefined;
  await expect(async () => {
    await page.getByRole("button", { name: button }).click();
    await expect.poll(async () => (started = (await jobOf())?.id), { timeout: 10_000 }).not.toBe(before);
  }).toPass({ timeout: 90_000 });
  await page.goto(`/jobs/${started}`);
}
