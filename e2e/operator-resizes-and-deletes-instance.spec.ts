import { randomBytes } from "node:crypto";
import { E2E_BASE_URL } from "./support/paths";
import { demoTokens, expect, test } from "./fixtures/auth";
import { handBuiltDeployment } from "./support/hand-built-deployment";

/**
 * Oscar resizes a customer's instance from its page (a bigger machine and disk: the job stops
 * the VM, sets the type through Terraform, grows the disk and its filesystem, and passes the
 * health gate), then, the contract over, deletes it: the Delete button stays disabled until
 * the slug is typed, the job waits for approval, and afterwards the instance is listed as
 * deleted. The instance is one the control plane builds (its runbook deployment adopted in
 * place, billing already linked, so provisioning runs through without a person).
 */
test("operator resizes an instance, then deletes it with the typed confirmation", async ({ page, signInAs, request, api }) => {
  test.setTimeout(600_000);
  const slug = `life-${randomBytes(3).toString("hex")}`;
  await handBuiltDeployment(slug, "us-central1-f");
  const created = await request.post(new URL("/api/instances", E2E_BASE_URL).toString(), {
    headers: { Authorization: `Bearer ${demoTokens().operator}`, "Content-Type": "application/json" },
    data: { slug, displayName: "Life Corp", version: "latest", machineType: "n1-standard-8", dataDiskSizeGb: 500, zone: "us-central1-f", accessMode: "public_sso" },
  });
  expect(created.status(), await created.text()).toBe(202);
  await expect.poll(async () => (await api<{ instance: { status: string } }>("operator", `/api/instances/${slug}`)).instance.status, { timeout: 240_000, intervals: [2_000] }).toBe("active");

  await signInAs("operator");
  await page.goto(`/instances/${slug}`);
  await page.getByTestId("resize-machine-type").selectOption("n1-standard-16");
  await page.getByTestId("resize-disk").fill("600");
  await page.getByRole("button", { name: "Resize" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  // The fixture replaces its in-place-update stand-ins (README of the fixtures): the plan asks for approval.
  const approval = page.getByTestId("step-approve-plan");
  await expect(approval.getByRole("button", { name: "Approve" }).or(page.getByTestId("step-stop-vm").getByText("succeeded"))).toBeVisible({ timeout: 120_000 });
  if (await approval.getByRole("button", { name: "Approve" }).isVisible()) await approval.getByRole("button", { name: "Approve" }).click();
  const log = page.getByTestId("job-log");
  await expect(log).toContainText("is TERMINATED", { timeout: 120_000 });
  await expect(log).toContainText("The filesystem on /dev/sdb is now", { timeout: 120_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  const { instance: resized } = await api<{ instance: { machineType: string; dataDiskSizeGb: number } }>("operator", `/api/instances/${slug}`);
  expect(resized).toMatchObject({ machineType: "n1-standard-16", dataDiskSizeGb: 600 });

  await page.goto(`/instances/${slug}`);
  await page.getByText("Delete this instance…").click();
  const del = page.getByRole("button", { name: "Delete instance" });
  await expect(del).toBeDisabled();
  await page.getByTestId("delete-confirm").fill(`${slug}x`);
  await expect(del).toBeDisabled();
  await page.getByTestId("delete-confirm").fill(slug);
  await del.click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  const approveDelete = page.getByTestId("step-approve-delete");
  await expect(approveDelete.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 60_000 });
  await approveDelete.getByRole("button", { name: "Approve" }).click();
  await expect(log).toContainText("GCP keeps it 30 days", { timeout: 180_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });

  await page.goto("/instances?status=deleted");
  await expect(page.getByTestId("instance-table")).toContainText(slug);
});
