import pg from "pg";
import { setVmStatus } from "../emulators/gcp/state";
import { startWebhookReceiver } from "../emulators/webhook-receiver/webhook-receiver";
import { expect, test } from "./fixtures/auth";
import { E2E_PG_PORT } from "./support/paths";

/**
 * The on-call story, told to a webhook: an admin adds a signed JSON webhook for "Instance
 * down" on one instance (the signing key is shown once), the instance's VM stops, and after
 * the health state held for the configured number of checks the receiver gets the event,
 * its signature verifying with that key. The receiver refuses the first attempt (503): the
 * delivery log on the settings page shows the retry that got it through.
 */
interface InstanceItem {
  slug: string;
  displayName: string;
  gcpProjectId: string;
}

const E2E_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/managed_instances`;

test("a down instance reaches a signed webhook receiver, retried once, and shows in the delivery log", async ({ page, signInAs, api }) => {
  test.setTimeout(240_000);
  const receiver = await startWebhookReceiver();
  const list = await api<{ items: InstanceItem[] }>("viewer", "/api/instances?status=active&health=healthy&pageSize=50");
  // Not the first (the refresh story) nor the last (the fleet-page story).
  const target = list.items.at(-2)!;
  expect(target).toBeTruthy();
  const pool = new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 1 });
  try {
    await signInAs("admin");
    await page.goto("/instances");
    await page.getByRole("link", { name: "Notifications" }).click();
    await expect(page).toHaveURL(/\/settings\/notifications/);

    const form = page.getByRole("form", { name: "Add a channel" });
    await form.getByLabel("Name").fill("On-call webhook");
    await form.getByLabel("URL").fill(receiver.hookUrl("oncall"));
    await form.getByLabel("Instance down").check();
    await form.getByLabel(/^Instances/).fill(target.slug);
    await form.getByRole("button", { name: "Add channel" }).click();

    const secret = (await page.getByTestId("new-signing-secret-value").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.setSigningKey(secret);
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page.getByTestId("new-signing-secret")).toHaveCount(0);
    const row = page.getByTestId("channel-On-call webhook");
    await expect(row).toContainText(`${new URL(receiver.baseUrl).host}/…`);
    await expect(row).toContainText("Instance down");
    await expect(row).toContainText(target.slug);
    // Saved means never shown again: neither the path of the URL nor the key is on the page.
    await page.reload();
    await expect(page.getByTestId("channel-On-call webhook")).toBeVisible();
    expect(await page.content()).not.toContain("/hooks/oncall");
    expect(await page.content()).not.toContain(secret);

    receiver.failNext(1, 503);
    expect(await setVmStatus(pool, { project: target.gcpProjectId, status: "TERMINATED" })).toBe(1);

    const delivered = await receiver.waitFor((r) => r.path === "/hooks/oncall" && r.status === 204, 200_000);
    expect(delivered.signatureValid).toBe(true);
    const body = JSON.parse(delivered.body);
    expect(body.kind).toBe("health.down");
    expect(body.data.instanceSlug).toBe(target.slug);
    expect(body.text).toContain("is DOWN: VM status");
    expect(receiver.requests.filter((r) => r.path === "/hooks/oncall").map((r) => r.status)).toEqual([503, 204]);

    const log = page.getByTestId("delivery-log");
    const entry = log.getByTestId("delivery-row").filter({ hasText: target.slug });
    await expect(entry).toContainText("delivered", { timeout: 15_000 });
    await expect(entry).toContainText("On-call webhook");
    await expect(entry.locator("td").nth(4)).toHaveText("2");
  } finally {
    await setVmStatus(pool, { project: target.gcpProjectId, status: "RUNNING" });
    await pool.end();
    await receiver.close();
  }
});
