import pg from "pg";
import { setVmStatus } from "../emulators/gcp/state";
import { expect, test } from "./fixtures/auth";
import { E2E_PG_PORT } from "./support/paths";

/**
 * The on-call story: an instance's VM stops; within a check interval (5 s in e2e, plus the
 * time the loop needs to go round the demo fleet) the fleet page lists it as down, naming
 * the failing check, and the "down" count filters the table to it.
 */
interface InstanceItem {
  slug: string;
  displayName: string;
  gcpProjectId: string;
}

const E2E_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/managed_instances`;

test("a stopped VM shows as down on the fleet page, with the failing check named", async ({ page, signInAs, api }) => {
  test.setTimeout(180_000);
  const list = await api<{ items: InstanceItem[] }>("viewer", "/api/instances?status=active&health=healthy&pageSize=50");
  // The last healthy one: the refresh story takes the first.
  const target = list.items.at(-1)!;
  expect(target).toBeTruthy();
  const pool = new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 1 });
  try {
    expect(await setVmStatus(pool, { project: target.gcpProjectId, status: "TERMINATED" })).toBe(1);

    await signInAs("viewer");
    await page.goto("/instances");
    const row = page.getByTestId(`unhealthy-${target.slug}`);
    await expect(row).toContainText("down since", { timeout: 120_000 });
    await expect(row).toContainText("VM status");
    await expect(row.getByRole("link", { name: target.displayName })).toBeVisible();

    await page.getByTestId("health-count-down").click();
    await expect(page).toHaveURL(/health=down/);
    await expect(page.getByTestId("instance-table").locator("tbody")).toContainText(target.displayName);

    await row.getByRole("link", { name: target.displayName }).click();
    await expect(page.getByTestId("check-vm")).toContainText("VM prod is TERMINATED");
  } finally {
    await setVmStatus(pool, { project: target.gcpProjectId, status: "RUNNING" });
    await pool.end();
  }
});
