/**
 * Counting for `npm test` (scripts/test.ts): turns each stage's outcome (exit code plus,
 * for vitest and Playwright, their JSON report) into passed/failed counts, and prints the
 * final `N passed, N failed` line that CI parses. Pure functions, unit-tested alongside.
 */

export interface StageResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Human-readable lines: failing test names, crashes, missing reports. */
  notes: string[];
  durationMs: number;
}

export interface ProcessOutcome {
  /** null when the process was killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all, or was stopped by us. */
  error?: string;
}

export function describeOutcome(o: ProcessOutcome): string {
  if (o.error) return o.error;
  if (o.signal) return `killed by ${o.signal}`;
  return `exit code ${o.code}`;
}

const ok = (o: ProcessOutcome) => !o.error && o.signal === null && o.code === 0;

/** The typecheck counts as one test. */
export function typecheckResult(outcome: ProcessOutcome, durationMs: number): StageResult {
  const passed = ok(outcome);
  return {
    name: "typecheck (tsc --noEmit)",
    passed: passed ? 1 : 0,
    failed: passed ? 0 : 1,
    skipped: 0,
    notes: passed ? [] : [`tsc failed (${describeOutcome(outcome)}); see the compiler errors above`],
    durationMs,
  };
}

interface VitestAssertion {
  fullName?: string;
  title?: string;
  status?: string;
}
interface VitestFile {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: VitestAssertion[];
}
interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  numTotalTests?: number;
  success?: boolean;
  testResults?: VitestFile[];
}

/**
 * vitest's JSON reporter (Jest-compatible shape). A file that fails to load (syntax error,
 * failing beforeAll, import error) has status "failed" and no failed assertions: it counts
 * as one failure, so a broken file can never pass silently.
 */
export function vitestResult(report: unknown, outcome: ProcessOutcome, durationMs: number, cwd = process.cwd()): StageResult {
  const r: StageResult = { name: "vitest (unit + integration)", passed: 0, failed: 0, skipped: 0, notes: [], durationMs };
  if (!isObject(report) || !Array.isArray((report as VitestReport).testResults)) {
    r.failed = 1;
    r.notes.push(`vitest produced no JSON report (${describeOutcome(outcome)}); see its output above`);
    return r;
  }
  const rep = report as VitestReport;
  for (const file of rep.testResults ?? []) {
    const rel = relative(file.name ?? "?", cwd);
    const assertions = file.assertionResults ?? [];
    let fileFailed = 0;
    for (const a of assertions) {
      if (a.status === "passed") r.passed++;
      else if (a.status === "failed") {
        r.failed++;
        fileFailed++;
        r.notes.push(`FAIL ${rel} > ${a.fullName ?? a.title ?? "?"}`);
      } else r.skipped++;
    }
    if (file.status === "failed" && fileFailed === 0) {
      r.failed++;
      const msg = (file.message ?? "").split("\n").find((l) => l.trim()) ?? "no message";
      r.notes.push(`FAIL ${rel} (the file itself failed: ${msg.trim().slice(0, 300)})`);
    }
  }
  if (!ok(outcome) && r.failed === 0) {
    r.failed = 1;
    r.notes.push(outcome.error ? `vitest stopped: ${outcome.error}` : `vitest ${describeOutcome(outcome)} although no test failed (an unhandled error, no test files, or a global setup failure; see above)`);
  }
  return r;
}

interface PwResult {
  status?: string;
}
interface PwTest {
  projectName?: string;
  status?: string; // expected | unexpected | flaky | skipped
  results?: PwResult[];
}
interface PwSpec {
  title?: string;
  file?: string;
  line?: number;
  tests?: PwTest[];
}
interface PwSuite {
  title?: string;
  file?: string;
  specs?: PwSpec[];
  suites?: PwSuite[];
}
interface PwError {
  message?: string;
}
interface PwReport {
  suites?: PwSuite[];
  errors?: PwError[];
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number; interrupted?: number };
}

/**
 * Playwright's JSON reporter. Expected and flaky tests pass (a flaky one is noted), unexpected
 * ones fail; each top-level error (webServer that never came up, globalSetup throwing, a
 * spec file that does not compile) counts as one failure.
 */
export function playwrightResult(report: unknown, outcome: ProcessOutcome, durationMs: number): StageResult {
  const r: StageResult = { name: "playwright (e2e)", passed: 0, failed: 0, skipped: 0, notes: [], durationMs };
  if (!isObject(report) || !Array.isArray((report as PwReport).suites)) {
    r.failed = 1;
    r.notes.push(`Playwright produced no JSON report (${describeOutcome(outcome)}); see its output above`);
    return r;
  }
  const rep = report as PwReport;
  const walk = (suite: PwSuite, titles: string[]) => {
    const path = suite.title && !suite.file?.endsWith(suite.title) ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = `${spec.file ?? suite.file ?? "?"}${spec.line ? `:${spec.line}` : ""} > ${[...path, spec.title ?? "?"].join(" > ")}`;
        const status = t.status ?? inferStatus(t);
        if (status === "expected") r.passed++;
        else if (status === "flaky") {
          r.passed++;
          r.notes.push(`FLAKY ${name} (passed on retry)`);
        } else if (status === "skipped") r.skipped++;
        else {
          r.failed++;
          r.notes.push(`FAIL ${name}`);
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s, path);
  };
  for (const s of rep.suites ?? []) walk(s, []);
  for (const e of rep.errors ?? []) {
    r.failed++;
    const msg = stripAnsi(e.message ?? "unknown error").split("\n").find((l) => l.trim()) ?? "unknown error";
    r.notes.push(`ERROR ${msg.trim().slice(0, 300)}`);
  }
  if (!ok(outcome) && r.failed === 0) {
    r.failed = 1;
    r.notes.push(outcome.error ? `Playwright stopped: ${outcome.error}` : `Playwright ${describeOutcome(outcome)} although no test failed (see its output above)`);
  }
  if (ok(outcome) && r.passed === 0 && r.failed === 0) {
    r.failed = 1;
    r.notes.push("Playwright ran no tests at all");
  }
  return r;
}

function inferStatus(t: PwTest): string {
  const results = t.results ?? [];
  if (!results.length) return "skipped";
  const last = results[results.length - 1].status;
  if (last === "skipped") return "skipped";
  if (last === "passed") return results.length > 1 ? "flaky" : "expected";
  return "unexpected";
}

/** A stage that could not run at all (e.g. skipped after an interrupt) still reports. */
export function crashedStage(name: string, message: string, durationMs = 0): StageResult {
  return { name, passed: 0, failed: 1, skipped: 0, notes: [message], durationMs };
}

export function totals(stages: StageResult[]) {
  return stages.reduce((t, s) => ({ passed: t.passed + s.passed, failed: t.failed + s.failed, skipped: t.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
}

/** The closing report; its last line is exactly `N passed, N failed`. */
export function formatSummary(stages: StageResult[], totalMs: number): string {
  const lines: string[] = ["", "──────── test summary ────────"];
  for (const s of stages) {
    const skipped = s.skipped ? `, ${s.skipped} skipped` : "";
    lines.push(`${s.failed ? "✗" : "✓"} ${s.name}: ${s.passed} passed, ${s.failed} failed${skipped} (${seconds(s.durationMs)})`);
    for (const n of s.notes.slice(0, 50)) lines.push(`    ${n}`);
    if (s.notes.length > 50) lines.push(`    … and ${s.notes.length - 50} more`);
  }
  const t = totals(stages);
  lines.push(`total time ${seconds(totalMs)}`);
  lines.push(`${t.passed} passed, ${t.failed} failed`);
  return lines.join("\n");
}

function seconds(ms: number) {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s` : `${(ms / 1000).toFixed(1)}s`;
}

function relative(file: string, cwd: string) {
  return file.startsWith(cwd + "/") ? file.slice(cwd.length + 1) : file;
}

function stripAnsi(s: string) {
  return s.replace(/\u001b\[[0-9;]*m/g, "");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
