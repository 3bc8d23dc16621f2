/**
 * `npm test`: every test, in order, then one summary line for CI.
 *   1. tsc --noEmit            (the typecheck counts as one test)
 *   2. vitest run              (each project of vitest.config.ts: `unit`, `integration`;
 *                               a JSON report per project in .data/test-reports/)
 *   3. playwright test         (e2e against `npm start` on port 3100; JSON report to a file)
 * The last line of output is always `N passed, N failed`; the exit code is non-zero when
 * anything failed. A stage that crashes before reporting counts as a failure. SIGINT and
 * SIGTERM are forwarded to the running stage. Needs no TTY and no stdin.
 *
 * Options: `--only=typecheck,vitest,e2e` runs a subset (for local use).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  crashedStage,
  formatSummary,
  playwrightResult,
  totals,
  typecheckResult,
  vitestResult,
  type ProcessOutcome,
  type StageResult,
} from "./lib/test-summary";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const reportsDir = path.join(root, ".data", "test-reports");
const PLAYWRIGHT_JSON = path.join(reportsDir, "playwright.json");

const STAGE_TIMEOUT_MS = {
  typecheck: 10 * 60_000,
  vitest: 25 * 60_000,
  e2e: 40 * 60_000,
};
const KILL_GRACE_MS = 45_000;

const only = new Set(
  (process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? "typecheck,vitest,e2e").split(",").filter(Boolean),
);

let current: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;

function log(message: string) {
  console.log(`\n[test] ${message}`);
}

/**
 * Runs one stage in its own process group (so a terminal's Ctrl-C reaches us once, and we
 * decide how to pass it on), output straight to ours, stdin closed.
 */
function run(command: string, args: string[], opts: { env?: Record<string, string>; timeoutMs: number }): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, ...opts.env },
        detached: true,
      });
    } catch (e) {
      resolve({ code: null, signal: null, error: `could not start ${command}: ${(e as Error).message}` });
      return;
    }
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`the stage exceeded ${opts.timeoutMs / 60_000} min; stopping it`);
      stop(child);
    }, opts.timeoutMs);
    let settled = false;
    const done = (o: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current = undefined;
      // Whatever the stage left in its process group (vitest's pool workers, or the
      // Postgres of its global setup when it was interrupted) is stopped with it.
      // SIGINT is Postgres' fast shutdown.
      if (child.pid) killGroup(child.pid, "SIGINT");
      resolve(o);
    };
    child.on("error", (e) => done({ code: null, signal: null, error: `could not start ${command}: ${e.message}` }));
    child.on("exit", (code, signal) => {
      if (timedOut) done({ code, signal, error: `timed out after ${opts.timeoutMs / 60_000} min` });
      else if (interrupted) done({ code, signal, error: `interrupted by ${interrupted}` });
      else done({ code, signal });
    });
  });
}

/**
 * Asks a stage to stop the way a terminal's Ctrl-C would: SIGINT to its main process (the
 * one signal both vitest and Playwright clean up after; Playwright then stops its web
 * server gracefully). Its whole process group is killed if it is still there later.
 */
function stop(child: ChildProcess) {
  const pid = child.pid;
  if (!pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    /* already gone */
  }
  setTimeout(() => killGroup(pid, "SIGKILL"), KILL_GRACE_MS).unref();
}

function killGroup(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(-pid, sig);
  } catch {
    /* the group is empty */
  }
}

function onSignal(sig: NodeJS.Signals) {
  if (interrupted) {
    // A second signal: stop waiting for a graceful shutdown.
    if (current?.pid) killGroup(current.pid, "SIGKILL");
    return;
  }
  interrupted = sig;
  log(`${sig} received; stopping the running stage`);
  if (current) stop(current);
}
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
process.on("SIGHUP", () => onSignal("SIGHUP"));

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const bin = (p: string) => path.join(root, "node_modules", p);

async function typecheck(): Promise<StageResult> {
  log("typecheck: tsc --noEmit");
  const start = Date.now();
  const tsc = bin("typescript/bin/tsc");
  if (!existsSync(tsc)) return crashedStage("typecheck (tsc --noEmit)", "node_modules/typescript is missing: run `npm ci` first");
  const outcome = await run(process.execPath, [tsc, "--noEmit", "--pretty", "false"], { timeoutMs: STAGE_TIMEOUT_MS.typecheck });
  return typecheckResult(outcome, Date.now() - start);
}

/**
 * The vitest project names from vitest.config.ts, or null when they cannot be read (then
 * all projects run in one go). Each project runs on its own: vitest 4 refuses one run of
 * projects that differ in `maxWorkers` unless each has its own `sequence.groupOrder`, and
 * one report per project also says at a glance which kind of test failed.
 */
async function vitestProjects(): Promise<string[] | null> {
  try {
    const mod = (await import(pathToFileURL(path.join(root, "vitest.config.ts")).href)) as { default?: unknown };
    const config = typeof mod.default === "function" ? null : (mod.default as { test?: { projects?: unknown[] } } | undefined);
    const projects = config?.test?.projects;
    if (!Array.isArray(projects) || !projects.length) return null;
    const names = projects.map((p) => {
      const name = (p as { test?: { name?: unknown } } | null)?.test?.name;
      return typeof name === "string" ? name : typeof name === "object" && name ? (name as { label?: unknown }).label : undefined;
    });
    return names.every((n): n is string => typeof n === "string" && n.length > 0) ? names : null;
  } catch (e) {
    log(`could not read the vitest projects from vitest.config.ts (${(e as Error).message}); running them all at once`);
    return null;
  }
}

async function vitest(project: string | null): Promise<StageResult> {
  const label = project ? `vitest (${project})` : "vitest (all projects)";
  log(project ? `vitest run --project ${project}` : "vitest run (all projects)");
  const start = Date.now();
  const cli = bin("vitest/vitest.mjs");
  if (!existsSync(cli)) return crashedStage(label, "node_modules/vitest is missing: run `npm ci` first");
  const report = path.join(reportsDir, `vitest${project ? `-${project.replace(/[^\w.-]/g, "_")}` : ""}.json`);
  rmSync(report, { force: true });
  const outcome = await run(
    process.execPath,
    [cli, "run", ...(project ? ["--project", project] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { timeoutMs: STAGE_TIMEOUT_MS.vitest, env: { NODE_ENV: "test" } },
  );
  return { ...vitestResult(readJson(report), outcome, Date.now() - start, root), name: label };
}

async function e2e(): Promise<StageResult> {
  log("playwright test (e2e; the first run builds Next, which takes a few minutes)");
  const start = Date.now();
  const cli = bin("@playwright/test/cli.js");
  if (!existsSync(cli)) return crashedStage("playwright (e2e)", "node_modules/@playwright/test is missing: run `npm ci` first");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    return crashedStage("playwright (e2e)", `no Chromium at ${chromium}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  rmSync(PLAYWRIGHT_JSON, { force: true });
  const outcome = await run(process.execPath, [cli, "test"], {
    timeoutMs: STAGE_TIMEOUT_MS.e2e,
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return playwrightResult(readJson(PLAYWRIGHT_JSON), outcome, Date.now() - start);
}

async function main() {
  const started = Date.now();
  mkdirSync(reportsDir, { recursive: true });
  const results: StageResult[] = [];
  const stage = async (name: string, fn: () => Promise<StageResult>) => {
    if (interrupted) {
      results.push(crashedStage(name, `not run: interrupted by ${interrupted}`));
      return;
    }
    try {
      results.push(await fn());
    } catch (e) {
      results.push(crashedStage(name, `the stage crashed: ${(e as Error).stack ?? e}`));
    }
  };
  if (only.has("typecheck")) await stage("typecheck (tsc --noEmit)", typecheck);
  if (only.has("vitest")) {
    const projects = await vitestProjects();
    if (projects) for (const p of projects) await stage(`vitest (${p})`, () => vitest(p));
    else await stage("vitest (all projects)", () => vitest(null));
  }
  if (only.has("e2e")) await stage("playwright (e2e)", e2e);
  if (!results.length) results.push(crashedStage("selection", `--only matched no stage (use typecheck, vitest, e2e)`));
  console.log(formatSummary(results, Date.now() - started));
  const { failed } = totals(results);
  process.exitCode = interrupted ? (interrupted === "SIGINT" ? 130 : 143) : failed ? 1 : 0;
}

main().catch((e) => {
  // Last resort: still end with the line CI parses.
  console.error(`[test] ${(e as Error).stack ?? e}`);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
