import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/auth";

/**
 * A customer's site admin is locked out. Sam (support) cannot see the sourcegraph-admin
 * password, so Ada (admin) reveals it from the instance page, giving the ticket as her reason:
 * it shows once, in a dialog with a copy button, and is gone when she closes it; the audit
 * trail has her reason and not the password. Sam then makes a password-reset link for the
 * customer's own admin user, to send them.
 */
interface InstanceItem {
  slug: string;
  natIps: string[];
}

test.describe("customer admin access", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("an admin reveals the sourcegraph-admin password once, with a reason; support sends a reset link", async ({ page, signInAs, api }) => {
    test.setTimeout(180_000);
    const list = await api<{ items: InstanceItem[] }>("admin", "/api/instances?status=active&pageSize=200&sort=slug");
    const customer = list.items.find((i) => i.natIps.length === 2);
    expect(customer, "an active, running demo instance").toBeTruthy();
    const slug = customer!.slug;
    const reason = `ticket ${randomBytes(3).toString("hex")}: the customer's admin is locked out`;

    await signInAs("support");
    await page.goto(`/instances/${slug}`, { waitUntil: "domcontentloaded", timeout: 90_000 });
    const panel = page.getByRole("region", { name: "Admin access" });
    await expect(panel).toContainText("Only admins can reveal the sourcegraph-admin password.");
    await expect(panel.getByTestId("reveal-submit")).toHaveCount(0);

    await signInAs("admin");
    await page.goto(`/instances/${slug}`, { waitUntil: "domcontentloaded", timeout: 90_000 });
    await page.getByLabel("Reason (recorded in the audit trail)").first().fill(reason);
    await page.getByTestId("reveal-submit").click();
    const dialog = page.getByRole("dialog", { name: `sourcegraph-admin on ${slug}` });
    await expect(dialog).toBeVisible();
    const password = (await dialog.getByTestId("admin-password-value").textContent())!;
    expect(password.length).toBeGreaterThan(20);
    await dialog.getByRole("button", { name: "Copy the password" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await dialog.getByRole("button", { name: "Done: forget it" }).click();
    await expect(dialog).toHaveCount(0);
    expect(await page.content()).not.toContain(password);

    const audit = await api<{ items: { action: string; params: Record<string, unknown> }[] }>("admin", `/api/audit?action=instance.admin-password-revealed&instance=${slug}`);
    expect(audit.items[0]).toMatchObject({ action: "instance.admin-password-revealed", params: { reason } });
    expect(JSON.stringify(audit)).not.toContain(password);

    await signInAs("support");
    await page.goto(`/instances/${slug}`, { waitUntil: "domcontentloaded", timeout: 90_000 });
    await page.getByTestId("reset-username").fill("customer-admin");
    await page.getByTestId("reset-reason").fill(`${reason} (reset link)`);
    await page.getByTestId("reset-submit").click();
    const link = page.getByRole("dialog", { name: "Reset link for customer-admin" });
    await expect(link.getByTestId("reset-link-value")).toHaveText(/\/password-reset\?userID=2&code=[0-9a-f]{40}$/, { timeout: 60_000 });
  });
});
