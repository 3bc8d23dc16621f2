import { parseConfig } from "../config/load-config";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { checkoutDeployment } from "./checkout-deployment";
import { commitDeployment } from "./commit-deployment";
import { deploymentFiles } from "./deployment-files";
import { deploymentHistory } from "./deployment-history";
import { DEFAULT_AUTHOR, deploymentsRepoFromEnv, type DeploymentsRepo } from "./deployments-repo";
import { runGit } from "./run-git";

const root = await mkdtemp(path.join(os.tmpdir(), "mi-deployments-test-"));
let repo: DeploymentsRepo;
let n = 0;

beforeEach(async () => {
  const url = path.join(root, `repo-${++n}.git`);
  await runGit(["init", "--quiet", "--bare", "--initial-branch=main", url]);
  repo = { url, author: DEFAULT_AUTHOR };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const message = (summary: string, jobId = "job-1") => ({ jobId, jobKind: "provision", actor: { email: "ops@example.com", role: "operator" }, summary });
const infra = (version: string) => ({
  "gcp-tfstate/gcp-tfstate.tf": `module "gcp_tfstate" {}\n`,
  "infrastructure/infrastructure.tf": `module "instance" {\n  version = "${version}"\n}\n`,
});
const git = async (...args: string[]) => (await runGit(args, { gitDir: repo.url })).stdout;
const tree = async (rev = "main") => (await git("ls-tree", "-r", "--name-only", rev)).split("\n").filter(Boolean);

describe("commitDeployment", () => {
  it("commits the files under <slug>/ as the control plane, with the job in the trailers", async () => {
    const first = await commitDeployment({ repo, slug: "acme", files: infra("6.1.0"), message: message("render Terraform for 6.1.0") });
    expect(first).toMatchObject({ changed: true, attempts: 1 });
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await git("rev-parse", "main")).toBe(first.commit);
    expect(await tree()).toEqual(["acme/gcp-tfstate/gcp-tfstate.tf", "acme/infrastructure/infrastructure.tf"]);
    expect(await git("show", "main:acme/infrastructure/infrastructure.tf")).toContain('version = "6.1.0"');
    expect(await git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "main")).toBe("Managed Instances <managed-instances@localhost>|Managed Instances <managed-instances@localhost>");
    expect(await git("log", "-1", "--format=%B", "main")).toBe(
      "acme: render Terraform for 6.1.0\n\nJob: job-1\nJob-Kind: provision\nStarted-By: ops@example.com (operator)\n",
    );
  });

  it("does not commit when nothing changed", async () => {
    const first = await commitDeployment({ repo, slug: "acme", files: infra("6.1.0"), message: message("render") });
    const again = await commitDeployment({ repo, slug: "acme", files: infra("6.1.0"), message: message("render again", "job-2") });
    expect(again).toEqual({ commit: null, changed: false, attempts: 1 });
    expect(await git("rev-parse", "main")).toBe(first.commit);
  });

  it("removes stale files only in the folders the render owns", async () => {
    await commitDeployment({
      repo,
      slug: "acme",
      files: { ...infra("6.1.0"), "infrastructure/old.tf": "# gone next time\n", "notes/README.md": "kept\n" },
      message: message("first"),
    });
    const next = await commitDeployment({ repo, slug: "acme", files: { "infrastructure/infrastructure.tf": "# 6.2.0\n" }, message: message("upgrade") });
    expect(next.changed).toBe(true);
    // Default replaceDirs: the folders written ("infrastructure"); gcp-tfstate and notes stay.
    expect(await tree()).toEqual(["acme/gcp-tfstate/gcp-tfstate.tf", "acme/infrastructure/infrastructure.tf", "acme/notes/README.md"]);

    await commitDeployment({ repo, slug: "acme", files: { "infrastructure/infrastructure.tf": "# 6.2.0\n" }, replaceDirs: ["infrastructure", "gcp-tfstate"], message: message("drop state dir") });
    expect(await tree()).toEqual(["acme/infrastructure/infrastructure.tf", "acme/notes/README.md"]);
  });

  it("lands concurrent commits for different slugs: a push that lost the race is redone on the new tip", async () => {
    await commitDeployment({ repo, slug: "acme", files: infra("6.0.0"), message: message("first") });
    // Another worker pushes between our commit and our push: ours is refused as non-fast-forward.
    let raced = false;
    const result = await commitDeployment({
      repo,
      slug: "acme",
      files: infra("6.1.0"),
      message: message("upgrade acme"),
      beforePush: async () => {
        if (raced) return;
        raced = true;
        await commitDeployment({ repo, slug: "globex", files: infra("6.1.0"), message: message("provision globex", "job-g") });
      },
    });
    expect(result).toMatchObject({ changed: true, attempts: 2 });
    expect(await git("log", "--format=%s", "main")).toBe("acme: upgrade acme\nglobex: provision globex\nacme: first");

    // And many at once, from separate clones, as workers on different machines would.
    const slugs = ["initech", "hooli", "umbrella", "wayne", "stark"];
    const results = await Promise.all(slugs.map((slug) => commitDeployment({ repo, slug, files: infra("6.1.0"), message: message(`provision ${slug}`) })));
    expect(results.every((r) => r.changed && r.commit)).toBe(true);
    const subjects = (await git("log", "--format=%s", "main")).split("\n");
    for (const slug of slugs) expect(subjects).toContain(`${slug}: provision ${slug}`);
    expect(subjects).toHaveLength(3 + slugs.length);
    expect(await tree()).toHaveLength(2 * (2 + slugs.length));
  });

  it("takes hostile message text literally and runs none of it", async () => {
    const marker = path.join(root, `pwned-${n}`);
    const summary = `upgrade $(touch ${marker}) \`touch ${marker}\` "double" 'single'; touch ${marker} #not-a-comment\nJob: forged\n\nStarted-By: evil@example.com (admin)`;
    const { commit } = await commitDeployment({
      repo,
      slug: "acme",
      files: infra("6.1.0"),
      message: { jobId: "job-$(id)", jobKind: "upgrade", actor: { email: `o'hara"$(touch ${marker})@example.com`, role: "operator" }, summary },
    });
    expect(existsSync(marker)).toBe(false);
    const body = await git("log", "-1", "--format=%B", commit!);
    // One line (a newline cannot forge a trailer), at most 200 characters, otherwise verbatim.
    const folded = `upgrade $(touch ${marker}) \`touch ${marker}\` "double" 'single'; touch ${marker} #not-a-comment Job: forged Started-By: evil@example.com (admin)`;
    expect(body.split("\n")[0]).toBe(`acme: ${folded.slice(0, 200)}`);
    const [entry] = await deploymentHistory({ repo, slug: "acme" });
    expect(entry).toMatchObject({ jobId: "job-$(id)", jobKind: "upgrade", startedBy: { email: `o'hara"$(touch ${marker})@example.com`, role: "operator" } });
  });

  it("refuses paths that leave the slug's folder", async () => {
    await expect(commitDeployment({ repo, slug: "acme", files: { "../globex/x.tf": "" }, message: message("x") })).rejects.toThrow(/not a plain relative path/);
    await expect(commitDeployment({ repo, slug: "acme", files: { "/etc/x.tf": "" }, message: message("x") })).rejects.toThrow(/not a plain relative path/);
    await expect(commitDeployment({ repo, slug: "acme", files: { ".git/config": "" }, message: message("x") })).rejects.toThrow(/not a plain relative path/);
    await expect(commitDeployment({ repo, slug: "../acme", files: { "x.tf": "" }, message: message("x") })).rejects.toThrow(/not a valid instance slug/);
    expect(await tree().catch(() => [])).toEqual([]);
  });
});

describe("checkoutDeployment", () => {
  it("writes the latest tracked files and leaves .terraform/, plans and the lock file alone", async () => {
    await commitDeployment({ repo, slug: "acme", files: { ...infra("6.0.0"), "infrastructure/variables.tf": "# old\n" }, message: message("first") });
    const { commit } = await commitDeployment({ repo, slug: "acme", files: { "infrastructure/infrastructure.tf": "a = 1\r\nb = 2" }, message: message("second") });

    const into = path.join(root, `work-${n}`, "infrastructure");
    await mkdir(path.join(into, ".terraform", "providers"), { recursive: true });
    await writeFile(path.join(into, ".terraform", "providers", "plugin"), "binary");
    await writeFile(path.join(into, ".terraform.lock.hcl"), "# lock\n");
    await writeFile(path.join(into, "tfplan"), "plan");
    await writeFile(path.join(into, "variables.tf"), "# removed from git since\n");
    await writeFile(path.join(into, "infrastructure.tf"), "stale\n");

    const result = await checkoutDeployment({ repo, slug: "acme", subdir: "infrastructure", into });
    expect(result).toBe(commit);
    expect(await readFile(path.join(into, "infrastructure.tf"), "utf8")).toBe("a = 1\r\nb = 2");
    expect((await readdir(into)).sort()).toEqual([".terraform", ".terraform.lock.hcl", "infrastructure.tf", "tfplan"]);
    expect(await readFile(path.join(into, ".terraform", "providers", "plugin"), "utf8")).toBe("binary");

    const fresh = path.join(root, `fresh-${n}`);
    // A URL alone will do too (the default author).
    expect(await checkoutDeployment({ repo: repo.url, slug: "acme", subdir: "gcp-tfstate", into: fresh })).toBe(commit);
    expect(await readdir(fresh)).toEqual(["gcp-tfstate.tf"]);
    expect(await readFile(path.join(fresh, "gcp-tfstate.tf"), "utf8")).toBe(`module "gcp_tfstate" {}\n`);
  });

  it("says plainly when the folder is not in the repository", async () => {
    await expect(checkoutDeployment({ repo, slug: "acme", subdir: "infrastructure", into: path.join(root, `none-${n}`) })).rejects.toThrow(/has no acme\/infrastructure/);
    await commitDeployment({ repo, slug: "acme", files: infra("6.0.0"), message: message("first") });
    await expect(checkoutDeployment({ repo, slug: "globex", subdir: "infrastructure", into: path.join(root, `none-${n}`) })).rejects.toThrow(/has no globex\/infrastructure/);
  });
});

describe("deploymentHistory and deploymentFiles", () => {
  it("lists the slug's commits newest first with their jobs, and its current files", async () => {
    expect(await deploymentHistory({ repo, slug: "acme" })).toEqual([]);
    expect(await deploymentFiles({ repo, slug: "acme" })).toEqual([]);

    const a = await commitDeployment({ repo, slug: "acme", files: infra("6.0.0"), message: message("provision", "job-a") });
    await commitDeployment({ repo, slug: "globex", files: infra("6.0.0"), message: message("provision", "job-g") });
    const b = await commitDeployment({ repo, slug: "acme", files: infra("6.1.0"), message: { jobId: "job-b", jobKind: "upgrade", actor: { email: "admin@example.com", role: "admin" }, summary: "upgrade to 6.1.0" } });
    // A commit made by hand, as the team did before the control plane.
    const clone = path.join(root, `clone-${n}`);
    await runGit(["clone", "--quiet", repo.url, clone]);
    await writeFile(path.join(clone, "acme", "README.md"), "hand-written\n");
    await runGit(["add", "-A"], { cwd: clone });
    await runGit(["commit", "--quiet", "-m", "add a readme"], { cwd: clone, identity: { name: "Someone", email: "someone@example.com" } });
    await runGit(["push", "--quiet", "origin", "main"], { cwd: clone });

    const history = await deploymentHistory({ repo, slug: "acme" });
    expect(history.map((c) => [c.summary, c.jobId, c.jobKind, c.startedBy])).toEqual([
      ["add a readme", null, null, null],
      ["upgrade to 6.1.0", "job-b", "upgrade", { email: "admin@example.com", role: "admin" }],
      ["provision", "job-a", "provision", { email: "ops@example.com", role: "operator" }],
    ]);
    expect(history[1]).toMatchObject({ sha: b.commit, shortSha: b.commit!.slice(0, history[1].shortSha.length) });
    expect(history[2].sha).toBe(a.commit);
    expect(new Date(history[0].date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await deploymentHistory({ repo, slug: "acme", limit: 1 })).toHaveLength(1);

    const files = await deploymentFiles({ repo, slug: "acme" });
    expect(files.map((f) => f.path)).toEqual(["README.md", "gcp-tfstate/gcp-tfstate.tf", "infrastructure/infrastructure.tf"]);
    expect(files[2]).toEqual({ path: "infrastructure/infrastructure.tf", size: 42, contents: 'module "instance" {\n  version = "6.1.0"\n}\n' });
    const old = await deploymentFiles({ repo, slug: "acme", at: a.commit! });
    expect(old.find((f) => f.path === "infrastructure/infrastructure.tf")?.contents).toContain("6.0.0");
    await expect(deploymentFiles({ repo, slug: "acme", at: "--output=/tmp/x" })).rejects.toThrow(/commit sha/);
  });

  it("caps what it returns: binary and oversized files are listed without contents", async () => {
    await commitDeployment({
      repo,
      slug: "acme",
      files: { "big/huge.tf": "x".repeat(300 * 1024), "bin/blob.tf": "a\u0000b", "small.tf": "ok\n" },
      message: message("odd files"),
    });
    const files = await deploymentFiles({ repo, slug: "acme" });
    expect(files.map((f) => [f.path, f.contents, f.omitted])).toEqual([
      ["big/huge.tf", null, "too large"],
      ["bin/blob.tf", null, "binary"],
      ["small.tf", "ok\n", undefined],
    ]);
  });

  it("reads a remote repository through a fetched copy", async () => {
    const remote: DeploymentsRepo = { ...repo, url: `file://${repo.url}`, cacheDir: path.join(root, `cache-${n}`) };
    await commitDeployment({ repo: remote, slug: "acme", files: infra("6.0.0"), message: message("provision", "job-a") });
    expect((await deploymentHistory({ repo: remote, slug: "acme" })).map((c) => c.jobId)).toEqual(["job-a"]);
    await commitDeployment({ repo: remote, slug: "acme", files: infra("6.1.0"), message: message("upgrade", "job-b") });
    // A checkout always fetches; reads may use a copy a few seconds old.
    const into = path.join(root, `remote-into-${n}`);
    await checkoutDeployment({ repo: remote, slug: "acme", subdir: "infrastructure", into });
    expect(await readFile(path.join(into, "infrastructure.tf"), "utf8")).toContain("6.1.0");
    expect((await deploymentHistory({ repo: remote, slug: "acme" })).map((c) => c.jobId)).toEqual(["job-b", "job-a"]);
  });
});

describe("deploymentsRepoFromEnv", () => {
  it("uses DEPLOYMENTS_REPO, creates a bare repository in demo mode, and is null otherwise", async () => {
    expect(deploymentsRepoFromEnv(parseConfig({}))).toBeNull();
    expect(deploymentsRepoFromEnv(parseConfig({ DEPLOYMENTS_REPO: "git@github.com:acme/deploy-sourcegraph-managed.git" }))).toEqual({
      url: "git@github.com:acme/deploy-sourcegraph-managed.git",
      author: DEFAULT_AUTHOR,
    });
    expect(deploymentsRepoFromEnv(parseConfig({ DEPLOYMENTS_REPO: "relative/repo.git", DEPLOYMENTS_AUTHOR_NAME: "Bot" }))).toEqual({
      url: path.resolve("relative/repo.git"),
      author: { name: "Bot", email: DEFAULT_AUTHOR.email },
    });

    const dataDir = path.join(root, `data-${n}`);
    const demo = deploymentsRepoFromEnv(parseConfig({ DEMO_MODE: "1", DATA_DIR: dataDir }));
    expect(demo).toEqual({ url: path.join(dataDir, "deployments.git"), author: DEFAULT_AUTHOR, createIfMissing: true });
    // Nothing is created until it is used; reading a repository that is not there yet creates it.
    expect(existsSync(demo!.url)).toBe(false);
    expect(await deploymentHistory({ repo: demo!, slug: "acme" })).toEqual([]);
    expect((await runGit(["rev-parse", "--is-bare-repository"], { gitDir: demo!.url })).stdout).toBe("true");
    // Found again on the next start.
    await commitDeployment({ repo: demo!, slug: "acme", files: infra("6.0.0"), message: message("provision") });
    expect(await deploymentHistory({ repo: deploymentsRepoFromEnv(parseConfig({ DEMO_MODE: "1", DATA_DIR: dataDir }))!, slug: "acme" })).toHaveLength(1);
    // A commit can be the first use as well.
    const other = deploymentsRepoFromEnv(parseConfig({ DEMO_MODE: "1", DATA_DIR: path.join(root, `data-b-${n}`) }))!;
    expect((await commitDeployment({ repo: other, slug: "acme", files: infra("6.0.0"), message: message("provision") })).changed).toBe(true);
  });
});
