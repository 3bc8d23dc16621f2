import { cp, mkdir } from "node:fs/promises";
import path from "node:path";

/** Files Terraform writes into a working directory; they belong to the instance, not the module. */
const WORKING_STATE = new Set([".terraform", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.tfstate.lock.info", "plan.bin"]);

/**
 * Copies a Terraform module's files into an instance's working directory (creating it),
 * leaving any state, plan and `.terraform/` already there untouched, so re-copying a newer
 * module version before a plan is safe. Returns the absolute working directory.
 */
export async function copyModule(moduleDir: string, workingDir: string): Promise<string> {
  const target = path.resolve(workingDir);
  await mkdir(target, { recursive: true });
  await cp(path.resolve(moduleDir), target, {
    recursive: true,
    force: true,
    filter: (source) => !WORKING_STATE.has(path.basename(source)),
  });
  return target;
}
