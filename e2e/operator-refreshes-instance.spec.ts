import { expect, test } from "./fixtures/auth";

/**
 * The operator story: Oscar refreshes an instance from GCP, watches the job's log stream
 * live, sees it succeed, and finds the addresses GCP reported on the instance page.
 */
interface InstanceItem {
  slug: string;
  displayName: string;
  natIps: string[];
  globalIp: string | null;
}

test("operator refreshes an instance and watches the job stream to success", async ({ page, signInAs, api }) => {
  // The first job of a fresh server also loads the worker's GCP client: allow for a slow machine.
  test.setTimeout(120_000);
  const list = await api<{ items: InstanceItem[] }>("operator", "/api/instances?status=active&health=healthy&pageSize=50");
  const target = list.items.find((i) => i.natIps.length === 2)!;
  expect(target).toBeTruthy();

  await signInAs("operator");
  await page.goto(`/instances/${target.slug}`);
  await expect(page.getByTestId("instance-name")).toHaveText(target.displayName);
  await page.getByRole("button", { name: "Refresh from GCP" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  const log = page.getByTestId("job-log");
  await expect(log).toContainText("VM prod is RUNNING", { timeout: 45_000 });
  await expect(log).toContainText(`default-nat-manual-ip-0  ${target.natIps[0]}`);
  await expect(log).toContainText(`default-nat-manual-ip-1  ${target.natIps[1]}`);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
  await expect(page.getByTestId("step-update-record")).toContainText("succeeded");
  await expect(page.getByTestId("step-read-update-check")).toContainText("succeeded");

  await page.getByRole("link", { name: target.displayName }).click();
  await expect(page.getByTestId("nat-ip-0")).toContainText(target.natIps[0]);
  await expect(page.getByTestId("nat-ip-1")).toContainText(target.natIps[1]);
  // The instance's own update check, as the refresh read it.
  await expect(page.getByTestId("update-check")).toContainText(/available|up to date/);
  // Back on the instance page, the refresh is in its job history.
  await expect(page.getByRole("link", { name: "Refresh from GCP" }).first()).toBeVisible();
});

test("viewer sees the fleet and jobs, but no IPs and no Refresh button", async ({ page, signInAs }) => {
  await signInAs("viewer");
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await page.goto("/instances");
  const first = page.getByTestId("instance-table").locator("tbody a").first();
  await first.waitFor();
  await first.click();
  await expect(page.getByTestId("instance-name")).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh from GCP" })).toHaveCount(0);
  await expect(page.getByText("Your role cannot see IP addresses.")).toBeVisible();
});
