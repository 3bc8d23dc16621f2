import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Runs the real `terraform` CLI for the Cloud Storage tests. Each run gets an environment
 * built from scratch (PATH plus what the test passes), so no GOOGLE_* variable or credential
 * of the machine running the tests can reach Google or change what the backend does.
 */
export interface TfResult {
  code: number | null;
  out: string;
}

export class TerraformSandbox {
  private constructor(
    readonly root: string,
    private readonly baseEnv: Record<string, string>,
  ) {}

  static async create(): Promise<TerraformSandbox> {
    const root = await mkdtemp(path.join(os.tmpdir(), "tf-gcs-"));
    const cliConfig = path.join(root, "terraformrc");
    await writeFile(cliConfig, "");
    return new TerraformSandbox(root, {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: root,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
    });
  }

  /** A working directory holding `files` (name → content). */
  async dir(name: string, files: Record<string, string>): Promise<string> {
    const dir = path.join(this.root, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
    return dir;
  }

  start(dir: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<TfResult> } {
    const child = spawn("terraform", args, { cwd: dir, env: { ...this.baseEnv, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d) => (out += String(d)));
    child.stderr!.on("data", (d) => (out += String(d)));
    const done = new Promise<TfResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
    return { child, done };
  }

  run(dir: string, args: string[], env: Record<string, string>): Promise<TfResult> {
    return this.start(dir, args, env).done;
  }

  /** Fails the test with terraform's own output when the command did not exit 0. */
  async ok(dir: string, args: string[], env: Record<string, string>): Promise<string> {
    const result = await this.run(dir, args, env);
    if (result.code !== 0) throw new Error(`terraform ${args.join(" ")} exited ${result.code}:\n${result.out}`);
    return result.out;
  }

  cleanup(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}
