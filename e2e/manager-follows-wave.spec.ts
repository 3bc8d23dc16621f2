import { expect, test } from "./fixtures/auth";
import { addSessionCookie } from "./fixtures/auth";

interface InstancePage {
  items: { slug: string; version: string }[];
}
interface WaveInstances {
  wave: { instances: { slug: string; jobId: string | null }[] };
}
interface AuditPage {
  items: { actorEmail: string; action: string; targetId: string | null; params: { step?: string; by?: string; policy?: string } }[];
}

/**
 * The manager's view of an upgrade wave at fleet scale: Vera (read-only) keeps /upgrades
 * open while Oscar starts a red/black wave from the form in his own browser, choosing to
 * let the load balancer switch automatically once each new colour passes its health gate
 * and to be asked before destroying. Without reloading, Vera sees the wave appear and move;
 * Oscar, on the wave's page, approves every destroy with one click and one confirmation.
 * Each approval is audited per instance: the switch by the policy, the destroy by Oscar.
 */
test("a manager watching /upgrades sees an operator's wave appear and progress live; the destroys are approved in bulk", async ({ browser, page, signInAs, api }) => {
  test.setTimeout(600_000);
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
  // One batch, so the three upgrades wait on their destroys together.
  await op.getByLabel("Batch size").fill("3");
  await expect(op.getByLabel("red/black")).toBeChecked();
  await expect(op.getByTestId("wave-preview")).toContainText("3 instances in 1 batch");
  await expect(op.getByTestId("wave-preview")).toContainText(`Batch 1: ${slugs.join(", ")}`);
  // The approval policy is a choice nobody makes for you.
  await expect(op.getByTestId("wave-preview-approvals")).toHaveText("Approvals: not chosen yet");
  await op.getByRole("button", { name: "Start wave" }).click();
  await expect(op.getByTestId("error-approvalPolicy")).toContainText("choose an approval policy");
  await op.getByRole("radio", { name: /^Switch automatically, ask before destroying/ }).check();
  await expect(op.getByTestId("wave-preview-approvals")).toContainText("switch automatically when the new colour passes its health gate; ask before destroying the old one");
  await op.getByRole("button", { name: "Start wave" }).click();
  await expect(op).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
  const waveId = op.url().split("/").pop()!;
  await expect(op.getByTestId("wave-approval-policy")).toContainText("Switch automatically, ask before destroying");

  // Vera's page, never reloaded: the wave appears and its upgrades run.
  const row = page.getByTestId(`wave-${waveId}`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByTestId("wave-counts")).toContainText(/0 done · [1-3] running/);

  // The switches need nobody; the destroys wait, all three, and one click approves them.
  const destroys = op.getByTestId("bulk-approve-destroy");
  await expect(destroys).toContainText("3 upgrades wait for approval to destroy", { timeout: 300_000 });
  await expect(op.getByTestId("bulk-approve-switch")).toHaveCount(0);
  for (const slug of slugs) await expect(op.getByTestId(`wave-instance-${slug}`)).toContainText("waits: Approve destroying the old deployment");
  // Vera may look, not approve: no bulk bar, no buttons.
  const vera = await page.context().newPage();
  await vera.goto(`/upgrades/${waveId}`);
  await expect(vera.getByTestId(`wave-instance-${slugs[0]}`)).toContainText("waits: Approve destroying the old deployment");
  await expect(vera.getByTestId("bulk-approvals")).toHaveCount(0);
  await expect(vera.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await vera.close();

  op.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Approve destroying the old deployment: 3 upgrades");
    void dialog.accept();
  });
  await destroys.getByRole("button", { name: "Approve all" }).click();
  await expect(op.getByTestId("bulk-result")).toHaveText("Approved 3 upgrades.");
  await expect(destroys).toHaveCount(0);

  // Vera's list ends with all three done, still the same document.
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

  // Each instance's audit trail: the switch approved by the policy, the destroy by Oscar.
  const { wave } = await api<WaveInstances>("operator", `/api/waves/${waveId}`);
  for (const { slug, jobId } of wave.instances) {
    const audit = await api<AuditPage>("operator", `/api/audit?action=job.approve&instance=${slug}`);
    const approvals = audit.items.filter((e) => e.targetId === jobId).map((e) => [e.params.step, e.params.by === "policy" ? `policy ${e.params.policy}` : e.actorEmail]);
    expect(approvals.sort(), slug).toEqual([
      ["approve-destroy", "oscar@example.com"],
      ["approve-switch", "policy auto-switch-ask-destroy"],
    ]);
  }
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
