import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { config, ConfigError, configProblems, parseConfig } from "./load-config";
import { REPO_ROOT } from "./repo-root";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the configuration", () => {
  it("has a default for every setting a fresh checkout needs", () => {
    const c = parseConfig({});
    expect(c.DEMO_MODE).toBe(false);
    expect(c.DATABASE_URL).toBe("postgresql://postgres:postgres@127.0.0.1:5433/managed_instances");
    expect(c.WORKER_CONCURRENCY).toBe(4);
    expect(c.HEALTH_CHECKS).toBe(true);
    expect(c.BACKUP_SCHEDULE).toBe(true);
    expect(c.HEALTH_CHECK_CONCURRENCY).toBe(32);
    expect(c.CERTIFICATE_POLL_MS).toBe(60_000);
    expect(c.BOOT_POLL_MS).toBe(15_000);
    expect(c.SECRETS_DIR).toBeUndefined();
    expect(c.GCP_PROJECT_PARENT).toBeUndefined();
  });

  it("types what it reads, and counts an empty value as unset", () => {
    const c = parseConfig({ WORKER_CONCURRENCY: "8", HEALTH_CHECKS: "0", NOTIFY_ALLOW_INSECURE_URLS: "1", GCP_PROJECT_PARENT: "  folders/1  ", DNS_PROJECT: "" });
    expect(c.WORKER_CONCURRENCY).toBe(8);
    expect(c.HEALTH_CHECKS).toBe(false);
    expect(c.NOTIFY_ALLOW_INSECURE_URLS).toBe(true);
    expect(c.GCP_PROJECT_PARENT).toBe("folders/1");
    expect(c.DNS_PROJECT).toBe("sourcegraph-infrastructure");
  });

  it("gives demo mode its faster polls and local secrets, unless set", () => {
    const c = parseConfig({ DEMO_MODE: "1" });
    expect(c.CERTIFICATE_POLL_MS).toBe(1_000);
    expect(c.BOOT_POLL_MS).toBe(500);
    expect(c.SECRETS_DIR).toBe(path.join(ROOT, ".data/secrets"));
    expect(parseConfig({ DEMO_MODE: "1", BOOT_POLL_MS: "100" }).BOOT_POLL_MS).toBe(100);
  });

  it("resolves relative paths against the repository's root, not the current directory", () => {
    expect(REPO_ROOT).toBe(ROOT);
    const c = parseConfig({ DATA_DIR: "var/data", SECRETS_DIR: "var/secrets" });
    expect(c.DATA_DIR).toBe(path.join(ROOT, "var/data"));
    expect(c.TERRAFORM_WORK_DIR).toBe(path.join(ROOT, "var/data/terraform"));
    expect(c.SECRETS_DIR).toBe(path.join(ROOT, "var/secrets"));
    expect(parseConfig({ DATA_DIR: "/srv/mi", TERRAFORM_WORK_DIR: "/scratch/tf" })).toMatchObject({ DATA_DIR: "/srv/mi", TERRAFORM_WORK_DIR: "/scratch/tf" });
    const cwd = process.cwd();
    try {
      process.chdir(path.join(ROOT, "lib"));
      expect(parseConfig({}).DATA_DIR).toBe(path.join(ROOT, ".data"));
    } finally {
      process.chdir(cwd);
    }
  });

  it("refuses bad values, naming every one of them at once", () => {
    let error: unknown;
    try {
      parseConfig({ HEALTH_CHECK_CONCURRENCY: "abc", NEXTAUTH_URL: "not a url", DEMO_MODE: "yes", WORKER_CONCURRENCY: "0" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/^refusing to start; set these and start again:/);
    expect(message).toContain('HEALTH_CHECK_CONCURRENCY="abc": must be a number');
    expect(message).toContain('NEXTAUTH_URL="not a url": must be a URL');
    expect(message).toContain('DEMO_MODE="yes": must be "0" or "1"');
    expect(message).toContain('WORKER_CONCURRENCY="0": must be 1 or more');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it("never echoes a value that may hold a password", () => {
    const problems = configProblems({ DATABASE_URL: "u:hunter2 at db" });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    expect(problems.join()).not.toContain("hunter2");
  });

  it("lists bad values and the start checks' problems together", () => {
    const problems = configProblems({ HEALTH_CHECK_TIMEOUT_MS: "soon", GCP_API_ENDPOINT: "http://[::1" }, (c) => (c.GCP_PROJECT_PARENT ? [] : ["GCP_PROJECT_PARENT is not set"]));
    expect(problems).toEqual([expect.stringContaining("GCP_API_ENDPOINT"), expect.stringContaining("HEALTH_CHECK_TIMEOUT_MS"), "GCP_PROJECT_PARENT is not set"]);
  });
});

describe("config()", () => {
  const saved = process.env.WORKER_CONCURRENCY;
  afterEach(() => {
    if (saved === undefined) delete process.env.WORKER_CONCURRENCY;
    else process.env.WORKER_CONCURRENCY = saved;
  });

  it("parses the environment once, and again only when one of its variables changed", () => {
    process.env.WORKER_CONCURRENCY = "3";
    const first = config();
    expect(first.WORKER_CONCURRENCY).toBe(3);
    expect(config()).toBe(first);
    process.env.WORKER_CONCURRENCY = "5";
    expect(config().WORKER_CONCURRENCY).toBe(5);
  });
});
