import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";

/**
 * The support story: a customer writes in "which IPs do we allowlist for your egress?".
 * Sam (support) finds the customer by name, double-checks by pasting one NAT IP into the
 * same search box, opens the instance and copies the NAT IPs for the reply.
 */

interface InstanceItem {
  slug: string;
  displayName: string;
  status: string;
  natIps: string[];
}

/** A customer from the seeded demo fleet with both NAT IPs assigned. */
async function pickCustomer(api: <T>(role: "support", path: string) => Promise<T>): Promise<InstanceItem> {
  const page = await api<{ items: InstanceItem[]; total: number }>("support", "/api/instances?status=active&pageSize=200&sort=slug");
  expect(page.total, "the seeded demo fleet has active instances").toBeGreaterThan(0);
  const customer = page.items.find((i) => i.natIps.length === 2);
  expect(customer, "an active instance with two NAT IPs").toBeTruthy();
  return customer!;
}

/** Types into the search box and waits until the table shows the answer to that search. */
async function search(page: Page, text: string) {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === "/api/instances" && url.searchParams.get("q") === text && r.status() === 200;
  });
  await page.getByRole("searchbox", { name: "Search instances" }).fill(text);
  await answered;
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === text);
}

test.describe("support finds a customer's NAT IPs", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("by name, then by NAT IP, then copies one from the instance page", async ({ page, signInAs, api }) => {
    const customer = await pickCustomer(api);
    const ips = await api<{ globalIp: string | null; natIps: string[] }>("support", `/api/instances/${customer.slug}/ips`);
    expect(ips.natIps).toHaveLength(2);
    const [nat0, nat1] = ips.natIps;

    await signInAs("support");
    await page.goto("/instances");
    await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
    // Support may read IPs, so the list has the NAT IPs column.
    await expect(page.getByRole("columnheader", { name: "NAT IPs" })).toBeVisible();

    // 1. By customer name.
    await search(page, customer.displayName);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: customer.displayName, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(customer.slug);
    await expect(row).toContainText(nat0);

    // 2. By one of its NAT IPs (pasted from a firewall log): exactly that customer.
    await search(page, nat1);
    await expect(page.getByTestId("result-count")).toHaveText("1 instance");
    const rows = page.getByTestId("instance-table").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole("link", { name: customer.displayName, exact: true })).toBeVisible();
    await expect(rows.first()).toContainText(nat1);

    // 3. Open it and read both NAT IPs.
    await rows.first().getByRole("link", { name: customer.displayName, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/instances/${customer.slug}$`));
    await expect(page.getByTestId("instance-name")).toHaveText(customer.displayName);
    await expect(page.getByTestId("nat-ip-0")).toContainText(nat0);
    await expect(page.getByTestId("nat-ip-1")).toContainText(nat1);

    // 4. Copy NAT IP 1 (the first one) for the reply to the customer.
    const copy = page.getByRole("button", { name: "Copy NAT IP 1", exact: true });
    await copy.click();
    await expect(copy).toHaveText("Copied");
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(nat0);
  });
});

test("an anonymous visitor to /instances is sent to sign in", async ({ page }) => {
  await page.goto("/instances");
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === "/instances");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
});

test("an unknown instance slug shows the 404 page", async ({ page, signInAs }) => {
  await signInAs("support");
  const response = await page.goto("/instances/no-such-customer");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(response?.status()).toBe(404);
});
