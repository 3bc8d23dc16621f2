import { expect, test } from "./fixtures/auth";
import { addSessionCookie } from "./fixtures/auth";

interface InstancePage {
  items: { slug: string; version: string }[];
}

/**
 * The manager's view of an upgrade wave: Vera (read-only) keeps /upgrades open while Oscar
 * starts a wave from the form in his own browser. Without reloading, Vera sees the wave
 * appear and its progress move to done; its page lists every instance with its job.
 */
test("a manager watching /upgrades sees an operator's wave appear and progress live", async ({ browser, page, signInAs, api }) => {
  test.setTimeout(240_000);
  const { items } = await api<InstancePage>("operator", "/api/instances?status=active&health=healthy&version=5.10.1&sort=slug&pageSize=3");
  expect(items.length, "the demo fleet has healthy instances on 5.10.1").toBe(3);
  const slugs = items.map((i) => i.slug);

  await signInAs("viewer");
  await page.goto("/upgrades");
  await expect(page.getByRole("heading", { name: "Upgrade waves" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start a wave" })).toHaveCount(0);
  // Marks this document: a reload or navigation would lose it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const operatorContext = await browser.newContext();
  await addSessionCookie(operatorContext, "operator");
  const op = await operatorContext.newPage();
  await op.goto("/upgrades");
  await op.getByRole("link", { name: "Start a wave" }).click();
  await expect(op).toHaveURL(/\/upgrades\/new$/);
  await op.getByLabel("Target version").selectOption("5.10.2");
  await op.getByLabel("Pick instances").check();
  for (const slug of slugs) {
    await op.getByLabel("Search instances").fill(slug);
    await op.getByLabel(`Pick ${slug}`).check();
  }
  await op.getByLabel("Batch size").fill("1");
  await op.getByLabel("in place").check();
  await expect(op.getByTestId("wave-preview")).toContainText("3 instances in 3 batches");
  await expect(op.getByTestId("wave-preview")).toContainText(`Batch 1: ${slugs[0]}`);
  await op.getByRole("button", { name: "Start wave" }).click();
  await expect(op).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
  const waveId = op.url().split("/").pop()!;

  // Vera's page, never reloaded: the wave appears, moves, and ends with all three done.
  const row = page.getByTestId(`wave-${waveId}`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByTestId("wave-counts")).toContainText(/[0-2] done/);
  await expect(row.getByTestId("wave-counts")).toContainText("3 done · 0 running · 0 failed · 0 pending (of 3)", { timeout: 180_000 });
  await expect(row).toContainText("completed");
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // The wave's page: every instance succeeded, with a link to its upgrade job.
  await row.getByRole("link", { name: "5.10.2" }).click();
  await expect(page.getByTestId("wave-status")).toHaveText("completed");
  for (const slug of slugs) {
    const line = page.getByTestId(`wave-instance-${slug}`);
    await expect(line).toContainText("succeeded");
    await expect(line.getByRole("link", { name: "succeeded" })).toHaveAttribute("href", /\/jobs\/[0-9a-f-]{36}$/);
  }
  // And the operator, who stayed on the wave's page, saw it finish too.
  await expect(op.getByTestId("wave-status")).toHaveText("completed");
  await expect(op.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await operatorContext.close();
});

test("an operator starts a wave from the fleet's version adoption; the form names what is wrong beside the field", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/instances");
  const row = page.getByTestId("version-adoption").getByRole("row").filter({ hasText: "5.9.0" });
  await row.getByRole("link", { name: "Upgrade these…" }).click();
  await expect(page).toHaveURL(/\/upgrades\/new\?from=5\.9\.0$/);
  await expect(page.getByLabel("Only instances now on")).toHaveValue("5.9.0");
  await expect(page.getByTestId("wave-preview")).toContainText(/From 5\.9\.0 \(\d+\)/);

  await page.getByLabel("Batch size").fill("0");
  await page.getByRole("button", { name: "Start wave" }).click();
  await expect(page.getByTestId("error-batchSize")).toBeVisible();
  // A release with database changes cannot go in place.
  await page.getByLabel("Target version").selectOption("5.10.0");
  await expect(page.getByLabel("in place")).toBeDisabled();
});
