import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { demoTokens, expect, test, type Role } from "./fixtures/auth";
import { E2E_BASE_URL } from "./support/paths";

/**
 * The security review's stories, against the app as `npm start` runs it: every page is
 * clean under axe (WCAG 2 A and AA); pages run only scripts with the response's CSP nonce;
 * a viewer sees no instance address on any page; `curl -X POST` with a token approves
 * without a body; the API document is served.
 */
interface InstanceItem {
  slug: string;
  displayName: string;
  globalIp: string | null;
  natIps: string[];
}

let target: InstanceItem;
let jobId: string;

const post = (request: APIRequestContext, role: Role, path: string, data?: unknown) =>
  request.post(new URL(path, E2E_BASE_URL).toString(), {
    headers: { Authorization: `Bearer ${demoTokens()[role]}` },
    ...(data === undefined ? {} : { data }),
  });

test.beforeAll(async ({ request }) => {
  const res = await request.get(new URL("/api/instances?status=active&pageSize=200&sort=slug", E2E_BASE_URL).toString(), {
    headers: { Authorization: `Bearer ${demoTokens().support}` },
  });
  const items = ((await res.json()) as { items: InstanceItem[] }).items;
  target = items.find((i) => i.natIps.length === 2 && i.globalIp)!;
  expect(target, "an active instance with a global IP and two NAT IPs").toBeTruthy();
  // A refresh job: its steps' details and its log carry the instance's addresses.
  const started = await post(request, "operator", `/api/instances/${target.slug}/jobs`, { kind: "refresh" });
  expect(started.status(), await started.text()).toBe(202);
  jobId = ((await started.json()) as { job: { id: string } }).job.id;
  await expect
    .poll(async () => {
      const r = await request.get(new URL(`/api/jobs/${jobId}`, E2E_BASE_URL).toString(), { headers: { Authorization: `Bearer ${demoTokens().operator}` } });
      return ((await r.json()) as { job: { status: string } }).job.status;
    }, { timeout: 90_000 })
    .toBe("succeeded");
});

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

test("the sign-in page is clean under axe (WCAG 2 A and AA)", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expectNoAxeViolations(page, "/signin");
});

/** Every page, signed in as an admin (who sees every control), each with what shows it is ready. */
const PAGES: [string, (page: Page) => Promise<unknown>][] = [
  ["/", async () => {}],
  ["/instances", (page) => expect(page.getByRole("link", { name: target.displayName })).toBeVisible()],
  ["/instances/[slug]", (page) => expect(page.getByTestId("nat-ip-0")).toBeVisible()],
  ["/instances/new", async () => {}],
  ["/instances/import", async () => {}],
  ["/jobs", (page) => expect(page.getByRole("link").filter({ hasText: "Refresh" }).first()).toBeVisible()],
  ["/jobs/[id]", (page) => expect(page.getByTestId("job-log")).toContainText("job succeeded")],
  ["/upgrades", async () => {}],
  ["/upgrades/new", async () => {}],
  ["/audit", async () => {}],
  ["/settings/tokens", async () => {}],
  ["/settings/notifications", async () => {}],
  ["/settings/backups", (page) => expect(page.getByTestId("fleet-everyDays")).toHaveValue("7")],
  ["/releases", async () => {}],
  ["/admin/users", async () => {}],
];

for (const [pattern, ready] of PAGES) {
  test(`${pattern} is clean under axe (WCAG 2 A and AA), signed in`, async ({ page, signInAs }) => {
    test.setTimeout(120_000);
    await signInAs("admin");
    await page.goto(pattern.replace("[slug]", target.slug).replace("[id]", jobId));
    await ready(page);
    await page.waitForLoadState("load");
    await expectNoAxeViolations(page, pattern);
  });
}

test("pages run only scripts carrying the response's CSP nonce", async ({ page, signInAs }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signInAs("operator");
  const res = await page.goto(`/instances/${target.slug}`);
  const csp = res!.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `a nonce in ${csp}`).toBeTruthy();
  // Hydrated: a client component answers (the copy button needs React).
  await expect(page.getByTestId("nat-ip-0")).toContainText(target.natIps[0]);
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((n) => n !== nonce)).toEqual([]);
  const again = await page.goto(`/instances/${target.slug}`);
  expect(again!.headers()["content-security-policy"], "a fresh nonce per response").not.toEqual(csp);
  expect(violations).toEqual([]);
});

test("a viewer sees no instance address on any page", async ({ page, signInAs }) => {
  await signInAs("viewer");
  const addresses = [target.globalIp!, ...target.natIps];
  for (const path of ["/instances", `/instances/${target.slug}`, "/jobs", `/jobs/${jobId}`, "/upgrades"]) {
    await page.goto(path);
    await page.waitForLoadState("load");
    await page.waitForTimeout(500); // client fetches after hydration
    const html = await page.content();
    for (const ip of addresses) expect(html.includes(ip), `${ip} on ${path} as a viewer`).toBe(false);
  }
});

test("curl -X POST with a bearer token and no body reaches the action (no Content-Type needed)", async ({ request }) => {
  // The job has finished: the approval is refused as a conflict, not as a malformed request.
  const res = await post(request, "operator", `/api/jobs/${jobId}/approve`);
  expect(res.status(), await res.text()).toBe(409);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
});

test("the API document is served at /api/openapi.json", async ({ api }) => {
  const doc = await api<{ openapi: string; paths: Record<string, unknown> }>("viewer", "/api/openapi.json");
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/jobs/{id}/approve");
});
