import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitDeployment } from "@/lib/deployments/commit-deployment";
import { runGit } from "@/lib/deployments/run-git";
import { callRoute, tokenFor } from "@/lib/testing/api-client";
import { makeInstance } from "@/lib/testing/factories";
import { GET } from "./route";

let root: string;
const saved = { DEPLOYMENTS_REPO: process.env.DEPLOYMENTS_REPO, DEMO_MODE: process.env.DEMO_MODE };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "mi-deployment-route-"));
  delete process.env.DEMO_MODE;
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(root, { recursive: true, force: true });
});

const get = (slug: string, token: string) => callRoute(GET, { url: `/api/instances/${slug}/deployment`, token, params: { slug } });

describe("GET /api/instances/{slug}/deployment", () => {
  it("answers 'not configured' without a repository, 404 for an unknown slug, 403 for viewers", async () => {
    delete process.env.DEPLOYMENTS_REPO;
    const instance = await makeInstance();
    const support = await tokenFor("support");
    expect(await get(instance.slug, support)).toEqual({ status: 200, body: { configured: false, history: [], files: [] } });
    expect((await get("no-such-instance", support)).status).toBe(404);
    expect((await get(instance.slug, await tokenFor("viewer"))).status).toBe(403);
  });

  it("lists the instance's commits with their jobs and its current files", async () => {
    const url = path.join(root, "deployments.git");
    await runGit(["init", "--quiet", "--bare", "--initial-branch=main", url]);
    process.env.DEPLOYMENTS_REPO = url;
    const instance = await makeInstance();
    const { commit } = await commitDeployment({
      repo: url,
      slug: instance.slug,
      files: { "infrastructure/infrastructure.tf": "# rendered\n" },
      message: { jobId: "job-1", jobKind: "provision", actor: { email: "ops@example.com", role: "operator" }, summary: "render Terraform" },
    });
    const res = await get(instance.slug, await tokenFor("operator"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      configured: true,
      history: [{ sha: commit, summary: "render Terraform", jobId: "job-1", jobKind: "provision", startedBy: { email: "ops@example.com", role: "operator" } }],
      files: [{ path: "infrastructure/infrastructure.tf", size: 11, contents: "# rendered\n" }],
    });
    // Another instance has nothing in the repository yet.
    const other = await makeInstance();
    expect((await get(other.slug, await tokenFor("admin"))).body).toEqual({ configured: true, history: [], files: [] });
  });

  it("says the repository is unavailable, without details, when it cannot be read", async () => {
    process.env.DEPLOYMENTS_REPO = path.join(root, "missing.git");
    const instance = await makeInstance();
    const res = await get(instance.slug, await tokenFor("support"));
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).not.toContain("missing.git");
  });
});
