import { randomBytes } from "node:crypto";
import { projectIdForSlug } from "../lib/instances/slug";
import { expect, test } from "./fixtures/auth";
import { linkBillingInConsole } from "./support/emulated-console";

/**
 * The creation story: Oscar fills in the form as a new operator would (and gets told what is
 * wrong, beside each field), ticks the billing task when the job asks, follows the log to
 * the end, and finds the new instance active with its IPs.
 */
test("operator creates an instance: form, billing task, log to the end, active with IPs", async ({ page, signInAs }) => {
  // Real terraform (init, plan, apply twice) plus the certificate wait on a slow machine.
  test.setTimeout(300_000);
  const slug = `e2e-${randomBytes(3).toString("hex")}`;
  await signInAs("operator");
  await page.goto("/instances");
  await page.getByRole("link", { name: "Create instance" }).click();
  await expect(page).toHaveURL(/\/instances\/new$/);

  // First attempt with mistakes: each gets its message beside the field.
  await page.getByLabel("Customer slug").fill("Bad_Slug");
  await page.getByLabel("Display name").fill("E2E Corp");
  await page.getByLabel("IP allowlist").check();
  await page.getByLabel("Allowed CIDR blocks").fill("10.1.2.3/16");
  await page.getByRole("button", { name: "Create instance" }).click();
  await expect(page.getByTestId("error-slug")).toContainText("lowercase");
  await expect(page.getByTestId("error-allowlistCidrs")).toContainText("did you mean 10.1.0.0/16");

  await page.getByLabel("Customer slug").fill(slug);
  await page.getByLabel("Allowed CIDR blocks").fill("10.1.0.0/16\n203.0.113.0/24");
  await page.getByLabel("Machine type").selectOption("n1-standard-16");
  await page.getByLabel("Data disk size (GB)").fill("750");
  await page.getByRole("button", { name: "Create instance" }).click();

  // Taken to the job, which stops at the billing task until a person ticks it.
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  const billing = page.getByTestId("step-link-billing");
  await expect(billing.getByRole("button", { name: "Mark done" })).toBeVisible({ timeout: 90_000 });
  // Whoever was asked links billing in the console, then ticks the task.
  await linkBillingInConsole(projectIdForSlug(slug));
  await billing.getByRole("button", { name: "Mark done" }).click();
  await expect(billing).toContainText("done by oscar@example.com");

  const log = page.getByTestId("job-log");
  await expect(log).toContainText("waiting for the managed SSL certificate", { timeout: 240_000 });
  await expect(log).toContainText(`${slug} is active`, { timeout: 120_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
  // Before the certificate, everything reached Sourcegraph through IAP: the public URL
  // fails its TLS handshake until the certificate is ACTIVE (and the allowlist refuses us).
  const text = await log.innerText();
  expect(text.indexOf("Listening on port")).toBeGreaterThan(-1);
  expect(text.indexOf("site admin sourcegraph-admin")).toBeLessThan(text.indexOf("certificate ACTIVE"));
  expect(text).toContain("not checked from here");

  await page.goto(`/instances/${slug}`);
  await expect(page.getByTestId("instance-name")).toHaveText("E2E Corp");
  await expect(page.getByTestId("serving-vm")).toHaveText("prod-red");
  await expect(page.getByText("active", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("global-ip")).toContainText(/\d+\.\d+\.\d+\.\d+/);
  await expect(page.getByTestId("nat-ip-0")).toContainText(/\d+\.\d+\.\d+\.\d+/);
  await expect(page.getByTestId("nat-ip-1")).toContainText(/\d+\.\d+\.\d+\.\d+/);
  // The deployment is kept in git, each commit linked to the job that made it.
  const deployment = page.getByTestId("instance-deployment");
  await expect(deployment).toContainText("render deployment");
  await expect(deployment).toContainText("initialize GCP tfstate bucket");
});

test("viewer sees no Create instance button and cannot open the form", async ({ page, signInAs }) => {
  await signInAs("viewer");
  await page.goto("/instances");
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create instance" })).toHaveCount(0);
  const res = await page.goto("/instances/new");
  expect(res?.status()).toBe(403);
});
