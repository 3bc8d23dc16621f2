/**
 * Runs the real terraform CLI against the offline fixtures (terraform_data and local-exec only,
 * nothing to download). Each test works in its own temporary copy of a fixture.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyModule } from "./copy-module";
import { createTerraformRunner, type TerraformRunnerOptions } from "./create-terraform-runner";
import { parseInstanceOutputs } from "./parse-instance-outputs";
import type { TerraformCommandResult, TerraformLogStream } from "./run-terraform-command";
import {
  TerraformBusyError,
  TerraformNotFoundError,
  TerraformPlanFileError,
} from "./terraform-errors";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

/** The command succeeded (its errors shown when it did not); returns it for chaining. */
function succeeded<T extends TerraformCommandResult>(result: T): T {
  expect({ ok: result.ok, errors: result.errors }).toEqual({ ok: true, errors: [] });
  return result;
}
const TIMEOUT = 60_000;
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh working directory holding a copy of a fixture module, and a runner logging into an array. */
async function setup(fixture: "instance" | "local-exec", options: Partial<TerraformRunnerOptions> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), `tf-${fixture}-`));
  tempDirs.push(dir);
  const workingDir = await copyModule(path.join(FIXTURES, fixture), path.join(dir, "work"));
  const log: Array<[TerraformLogStream, string]> = [];
  const runner = createTerraformRunner({
    ...options,
    workingDir,
    onLine: (stream, line) => {
      log.push([stream, line]);
      options.onLine?.(stream, line);
    },
  });
  return { runner, workingDir, log, text: () => log.map(([, l]) => l) };
}

const v1 = { slug: "acme", sourcegraph_version: "5.4.0" };

/** Live processes whose command line is exactly `argv` (zombies excluded). */
function processesRunning(argv: string[]): number[] {
  const wanted = argv.join("\0") + "\0";
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (stat.slice(stat.lastIndexOf(")") + 2)[0] === "Z") return false;
        return readFileSync(`/proc/${pid}/cmdline`, "utf8") === wanted;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("terraform runner (real terraform, offline fixture)", () => {
  it(
    "init → plan → apply → output on the instance fixture",
    async () => {
      const { runner, workingDir, log, text } = await setup("instance");

      succeeded(await runner.init());

      const plan = succeeded(await runner.plan({ variables: v1 }));
      expect(plan.planFile).toBe(path.join(workingDir, "plan.bin"));
      expect(plan.planSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(plan.summary?.counts).toMatchObject({ add: 4, change: 0, destroy: 0, replace: 0 });
      expect(plan.summary?.requiresApproval).toBe(false);
      expect(plan.summary?.downtime).toBeNull();
      // The streamed change_summary and the show -json summary agree.
      expect(plan.changeCounts).toEqual({ add: 4, change: 0, remove: 0, import: 0 });
      expect(plan.plannedChanges.map((c) => c.action)).toEqual(["create", "create", "create", "create"]);
      // The variables file does not outlive the plan.
      expect(await readdir(workingDir)).not.toContain("plan-variables.tfvars.json");

      const apply = succeeded(await runner.apply({ expectedPlanSha256: plan.planSha256! }));
      expect(apply.changeCounts).toEqual({ add: 4, change: 0, remove: 0, import: 0 });
      expect(existsSync(plan.planFile!)).toBe(false); // single use
      expect(existsSync(path.join(workingDir, "terraform.tfstate"))).toBe(true); // local backend

      const output = succeeded(await runner.output());
      const outputs = parseInstanceOutputs(output.outputs!);
      expect(outputs.globalAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(outputs.natIps).toHaveLength(2);

      // The log is human text rendered from -json, not raw JSON, with our command lines.
      const lines = text();
      expect(lines).toContain("Plan: 4 to add, 0 to change, 0 to destroy.");
      expect(lines).toContain("Apply complete! Resources: 4 added, 0 changed, 0 destroyed.");
      expect(lines.some((l) => l.startsWith('{"@level"'))).toBe(false);
      expect(log.filter(([s]) => s === "system").map(([, l]) => l)).toContain(
        "$ terraform plan -json -no-color -input=false -out=plan.bin -var-file=plan-variables.tfvars.json",
      );
      // show -json and output -json are parsed, not dumped into the log.
      expect(lines.some((l) => l.includes(outputs.natIps[0]))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "a changed startup_script replaces the VM: 1 replace, approval required, 520 s downtime",
    async () => {
      const { runner } = await setup("instance");
      succeeded(await runner.init());
      succeeded(await runner.plan({ variables: v1 }));
      succeeded(await runner.apply());

      // A version bump alone is an in-place update: no approval needed.
      const bump = succeeded(await runner.plan({ variables: { ...v1, sourcegraph_version: "5.4.1" } }));
      expect(bump.summary?.counts).toMatchObject({ add: 0, change: 1, destroy: 0, replace: 0 });
      expect(bump.summary?.requiresApproval).toBe(false);

      const plan = succeeded(
        await runner.plan({ variables: { ...v1, startup_script: "#!/bin/bash\necho v2\n" } }),
      );
      const summary = plan.summary!;
      expect(summary.counts).toMatchObject({ add: 1, change: 0, destroy: 1, replace: 1 });
      expect(summary.replaced.map((c) => c.address)).toEqual(["terraform_data.vm"]);
      expect(summary.replaced[0]!.reason).toBe("replace_because_cannot_update");
      expect(summary.requiresApproval).toBe(true);
      expect(summary.downtime?.seconds).toBe(520);
      expect(plan.plannedChanges).toEqual([{ address: "terraform_data.vm", action: "replace", reason: "cannot_update" }]);
      expect(plan.changeCounts).toMatchObject({ add: 1, remove: 1 });

      // Only the approved plan is applied.
      const wrong = await runner.apply({ expectedPlanSha256: "0".repeat(64) }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(TerraformPlanFileError);
      expect((wrong as TerraformPlanFileError).code).toBe("plan_changed");

      const apply = succeeded(await runner.apply({ expectedPlanSha256: plan.planSha256! }));
      expect(apply.changeCounts).toMatchObject({ add: 1, change: 0, remove: 1 });

      // Nothing left to apply twice.
      const again = await runner.apply().catch((e: unknown) => e);
      expect((again as TerraformPlanFileError).code).toBe("plan_missing");
    },
    TIMEOUT,
  );

  it(
    "the fixture module takes every slug the control plane accepts, up to 40 characters",
    async () => {
      const { runner } = await setup("instance");
      succeeded(await runner.init());
      const slug = "globex-corporation-holdings-".padEnd(40, "x");
      expect(slug).toHaveLength(40);
      const plan = succeeded(await runner.plan({ variables: { ...v1, slug } }));
      expect(plan.summary?.counts.add).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    "a failed plan leaves no plan file and reports the error",
    async () => {
      const { runner, workingDir, text } = await setup("instance");
      succeeded(await runner.init());
      const plan = await runner.plan({ variables: { ...v1, slug: "Not A Slug; rm -rf /" } });
      expect(plan.ok).toBe(false);
      expect(plan.exitCode).toBe(1);
      expect(plan.planFile).toBeNull();
      expect(plan.summary).toBeNull();
      expect(plan.errors).toContain("Invalid value for variable");
      expect(plan.knownFailure).toBeNull();
      expect(existsSync(path.join(workingDir, "plan.bin"))).toBe(false);
      expect(text()).toContain("  slug must be 3-40 lowercase letters, digits or hyphens.");
    },
    TIMEOUT,
  );

  it(
    "cancelling a running apply sends SIGINT: terraform stops gracefully, cancelled=true",
    async () => {
      const controller = new AbortController();
      const { runner, text } = await setup("local-exec", {
        killGraceMs: 20_000,
        onLine: (_stream, line) => {
          // Cancel once the long-running step has really started.
          if (line.endsWith("(local-exec): started")) controller.abort();
        },
      });
      succeeded(await runner.init());
      // An unusual duration identifies our sleep among the machine's processes.
      succeeded(await runner.plan({ variables: { command: "echo started; sleep 29.71; echo finished" } }));

      const started = Date.now();
      const apply = await runner.apply({ signal: controller.signal });
      expect(apply.cancelled).toBe(true);
      expect(apply.ok).toBe(false);
      // Terraform exited by itself after SIGINT, well before SIGTERM (20 s) or the sleep (30 s).
      expect(apply.signal).toBeNull();
      expect(apply.exitCode).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
      // Proof that terraform got an interrupt (SIGINT), not a kill.
      expect(text()).toContain("Interrupt received.");
      expect(text()).toContain("Gracefully shutting down...");
      expect(text()).not.toContain("terraform_data.step: (local-exec): finished");
      // Terraform kills the local-exec shell; the runner kills what that shell left running.
      await expect.poll(() => processesRunning(["sleep", "29.71"]), { timeout: 2_000 }).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "redacts secrets in every line before onLine sees them",
    async () => {
      const secret = "s3cr3t-token-'quoted'";
      const { runner, log, text } = await setup("local-exec", { secrets: [secret] });
      succeeded(await runner.init());
      succeeded(await runner.plan({ variables: { command: `echo "token is ${secret}"` } }));
      succeeded(await runner.apply());
      expect(log.some(([, l]) => l.includes(secret) || l.includes("s3cr3t"))).toBe(false);
      expect(text()).toContain("terraform_data.step: (local-exec): token is [REDACTED]");
    },
    TIMEOUT,
  );

  it(
    "recognises the NEG resourceInUseByAnotherResource failure from terraform's own output",
    async () => {
      const { runner } = await setup("local-exec");
      succeeded(await runner.init());
      const neg =
        "Error 400: The network_endpoint_group resource 'projects/sourcegraph-managed-acme/zones/us-central1-f/networkEndpointGroups/prod-neg' is already being used by 'projects/sourcegraph-managed-acme/global/backendServices/prod-backend-service', resourceInUseByAnotherResource";
      succeeded(await runner.plan({ variables: { command: `echo "googleapi: ${neg}" >&2; exit 1` } }));
      const apply = await runner.apply();
      expect(apply.ok).toBe(false);
      expect(apply.knownFailure).toMatchObject({
        code: "neg_in_use",
        resource: "projects/sourcegraph-managed-acme/zones/us-central1-f/networkEndpointGroups/prod-neg",
      });
      expect(apply.knownFailure?.remedy).toMatch(/delete it manually/);
    },
    TIMEOUT,
  );

  it(
    "refuses a second command in the same working directory while one runs",
    async () => {
      const { runner } = await setup("instance");
      const first = runner.init();
      await expect(runner.init()).rejects.toBeInstanceOf(TerraformBusyError);
      succeeded(await first);
    },
    TIMEOUT,
  );

  it(
    "ignores inherited TF_CLI_ARGS*: our argument lists are the whole truth",
    async () => {
      const { runner } = await setup("instance");
      process.env.TF_CLI_ARGS_plan = "-destroy";
      try {
        succeeded(await runner.init());
        const plan = succeeded(await runner.plan({ variables: v1 }));
        expect(plan.summary?.counts).toMatchObject({ add: 4, destroy: 0 });
      } finally {
        delete process.env.TF_CLI_ARGS_plan;
      }
    },
    TIMEOUT,
  );

  it("does not start terraform when the job was already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const { runner, text } = await setup("instance", { signal: controller.signal });
    const init = await runner.init();
    expect(init).toMatchObject({ ok: false, cancelled: true, exitCode: null });
    expect(text()).toContain("terraform init not started: cancelled before it began");
  });

  it("throws TerraformNotFoundError with a plain message when terraform is not on PATH", async () => {
    const { runner } = await setup("instance", { env: { PATH: "/nonexistent-bin:/also-missing" } });
    const error = await runner.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformNotFoundError);
    expect((error as TerraformNotFoundError).code).toBe("terraform_not_found");
    expect((error as Error).message).toMatch(/^Terraform is not installed on this machine: no `terraform` executable was found on PATH/);

    const { runner: byPath } = await setup("instance", { binary: "/nonexistent/terraform" });
    await expect(byPath.plan()).rejects.toBeInstanceOf(TerraformNotFoundError);
  });
});
