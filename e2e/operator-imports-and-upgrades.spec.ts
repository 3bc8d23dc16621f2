import { createHash } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import { gcpCall } from "./support/emulated-console";

/** The demo's hand-built copperline: its managed-instances token, as 1Password would hold it. */
const SLUG = "copperline";
const PROJECT = `sourcegraph-managed-${SLUG}`;
const TOKEN = `sgp_demo_${createHash("sha256").update(SLUG).digest("hex").slice(0, 32)}`;

const vmNames = async () =>
  ((await gcpCall("GET", `/compute/v1/projects/${PROJECT}/zones/europe-west1-b/instances`)) as { items?: { name: string }[] }).items?.map((i) => i.name).sort() ?? [];

/**
 * Oscar brings copperline, built by hand from the runbook before the control plane existed,
 * under management: on the import page he gives its access token and imports it; the job
 * shows what it found and what Terraform will adopt, and waits for his approval. Then he
 * upgrades it red/black from its page like any other instance: its first colour, prod-red, is
 * built beside the hand-built VM prod, the load balancer moves to it after his approval, and
 * prod is deleted after the next.
 */
test("operator imports a hand-built instance, then upgrades it red/black", async ({ page, signInAs }) => {
  test.setTimeout(420_000);
  await signInAs("operator");
  await page.goto("/instances/import");
  const candidates = page.getByRole("list", { name: "Import candidates" });
  await expect(candidates).toContainText(PROJECT);
  await page.getByLabel(`Access token for ${SLUG}`).fill(TOKEN);
  await page.getByRole("button", { name: `Import ${SLUG}` }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });

  const approval = page.getByTestId("step-approve-import");
  await expect(approval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("job-log")).toContainText("would: record instance copperline");
  await expect(page.getByTestId("job-log")).toContainText(`the state bucket ${PROJECT}-tfstate is adopted`);
  await expect(page.getByTestId("job-log")).toContainText("the access token given belongs to site admin");
  await approval.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });

  await page.goto(`/instances/${SLUG}`);
  await expect(page.getByText("5.10.0").first()).toBeVisible();
  await page.getByTestId("upgrade-version").selectOption("5.10.1");
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 90_000 });

  // Two VMs side by side while the new colour is checked, before anyone approves the switch.
  const switchApproval = page.getByTestId("step-approve-switch");
  await expect(switchApproval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 240_000 });
  expect(await vmNames()).toEqual(["prod", "prod-red"]);
  await switchApproval.getByRole("button", { name: "Approve" }).click();
  const destroyApproval = page.getByTestId("step-approve-destroy");
  await expect(destroyApproval.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId("job-log")).toContainText("adopting the front end");
  await destroyApproval.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("job-log")).toContainText("hand-built VM prod deleted");
  // Only the new colour is left; prod's name is gone.
  expect(await vmNames()).toEqual(["prod-red"]);
});
