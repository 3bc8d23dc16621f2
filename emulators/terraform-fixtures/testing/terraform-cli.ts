import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface TerraformResult {
  code: number | null;
  /** stdout and stderr together, in arrival order. */
  out: string;
}

/**
 * The real `terraform` CLI in throw-away working directories, for tests. Every run's
 * environment is built from scratch (PATH plus what the test passes), so no GOOGLE_*
 * variable or credential of the machine running the tests can reach Google.
 */
export class TerraformCli {
  private constructor(
    readonly root: string,
    private readonly baseEnv: Record<string, string>,
  ) {}

  static async create(): Promise<TerraformCli> {
    const root = await mkdtemp(path.join(os.tmpdir(), "tf-fixtures-"));
    const cliConfig = path.join(root, "terraformrc");
    await writeFile(cliConfig, "");
    return new TerraformCli(root, {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: root,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
    });
  }

  /** A working directory holding `files` (name → content); existing state in it is kept. */
  async dir(name: string, files: Record<string, string>): Promise<string> {
    const dir = path.join(this.root, name);
    await mkdir(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
    return dir;
  }

  run(dir: string, args: string[], env: Record<string, string>): Promise<TerraformResult> {
    const child = spawn("terraform", [...args, "-no-color"], { cwd: dir, env: { ...this.baseEnv, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  /** `init` then `apply -auto-approve`; returns the apply's result (or init's, when it fails). */
  async apply(dir: string, env: Record<string, string>): Promise<TerraformResult> {
    const init = await this.run(dir, ["init", "-input=false"], env);
    if (init.code !== 0) return init;
    return this.run(dir, ["apply", "-auto-approve", "-input=false"], env);
  }

  async destroy(dir: string, env: Record<string, string>): Promise<TerraformResult> {
    return this.run(dir, ["destroy", "-auto-approve", "-input=false"], env);
  }

  async outputs(dir: string, env: Record<string, string>): Promise<Record<string, unknown>> {
    const { code, out } = await this.run(dir, ["output", "-json"], env);
    if (code !== 0) throw new Error(`terraform output failed: ${out}`);
    const parsed = JSON.parse(out) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
  }

  async close(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
