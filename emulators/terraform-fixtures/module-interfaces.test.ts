import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { interfaceDifferences, readModuleInterface } from "./module-interface";

const ROOT = path.resolve(import.meta.dirname, "../..");
const real = (name: string) => path.join(ROOT, "terraform/modules", name);
const fixture = (name: string) => path.join(ROOT, "emulators/terraform-fixtures", name);
const MODULES = ["state-bucket", "instance", "deployment"];

/** The contract other code renders calls against (terraform/README.md). */
const EXPECTED: Record<string, { variables: string[]; required: string[]; outputs: string[] }> = {
  "state-bucket": { variables: ["bucket_name", "location", "project_id"], required: ["bucket_name", "project_id"], outputs: ["bucket_name"] },
  instance: {
    variables: ["access_mode", "allowlist_cidrs", "dns_managed_zone", "dns_project", "domain", "project_id", "region", "serving_colour", "slug", "zone"],
    required: ["access_mode", "domain", "project_id", "region", "serving_colour", "slug", "zone"],
    outputs: ["backend_service", "certificate", "global_address", "nat_ips", "security_policy"],
  },
  deployment: {
    variables: ["colour", "data_disk_size_gb", "data_disk_snapshot", "deploy_ref", "machine_type", "project_id", "slug", "sourcegraph_version", "zone"],
    required: ["colour", "data_disk_size_gb", "deploy_ref", "machine_type", "project_id", "slug", "sourcegraph_version", "zone"],
    outputs: ["data_disk", "neg", "vm_name"],
  },
};

describe.each(MODULES)("module %s", (name) => {
  it("has the fixture's interface exactly: variables (types, defaults, validations) and outputs", async () => {
    const [a, b] = await Promise.all([readModuleInterface(real(name)), readModuleInterface(fixture(name))]);
    expect(interfaceDifferences(a, b)).toEqual([]);
  });

  it("declares the agreed variables and outputs", async () => {
    const m = await readModuleInterface(real(name));
    expect(Object.keys(m.variables).sort()).toEqual(EXPECTED[name].variables);
    expect(m.requiredVariables).toEqual(EXPECTED[name].required);
    expect(Object.keys(m.outputs).sort()).toEqual(EXPECTED[name].outputs);
  });

  it("declares no backend; the real one requires the google provider 5.x or 6.x, the fixture no provider at all", async () => {
    const [a, b] = await Promise.all([readModuleInterface(real(name)), readModuleInterface(fixture(name))]);
    expect([a.declaresBackend, b.declaresBackend]).toEqual([false, false]);
    expect(a.requiredProviders).toEqual({ google: { source: "hashicorp/google", version: ">= 5.0, < 7.0" } });
    expect(b.requiredProviders).toEqual({});
  });
});

it.each(["startup-script.sh.tftpl", "health-report.sh"])("the deployment fixture ships the real module's %s, unchanged", async (file) => {
  expect(await readFile(path.join(fixture("deployment"), file), "utf8")).toBe(await readFile(path.join(real("deployment"), file), "utf8"));
});

it("both deployment modules put the health report in the VM's metadata and the startup script installs it as a cron job", async () => {
  for (const dir of [real("deployment"), fixture("deployment")]) {
    expect(await readFile(path.join(dir, "main.tf"), "utf8")).toMatch(/sourcegraph-health-report\W+(value\s*=\s*)?file\("\$\{path\.module\}\/health-report\.sh"\)/);
  }
  const script = await readFile(path.join(real("deployment"), "startup-script.sh.tftpl"), "utf8");
  expect(script).toContain("instance/attributes/sourcegraph-health-report");
  expect(script).toContain("/etc/cron.d/sourcegraph-health-report");
});

describe("the interface comparison", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  /** A copy of the instance fixture's variables and outputs with one edit applied. */
  async function editedInstanceFixture(edit: (variables: string) => string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "module-interface-"));
    dirs.push(dir);
    await writeFile(path.join(dir, "variables.tf"), edit(await readFile(path.join(fixture("instance"), "variables.tf"), "utf8")));
    await writeFile(path.join(dir, "outputs.tf"), 'output "global_address" {\n  value = "x"\n}\n');
    return dir;
  }

  it("notices a changed default, a dropped validation, a changed type and missing outputs", async () => {
    const realInstance = await readModuleInterface(real("instance"));
    const changed = await readModuleInterface(
      await editedInstanceFixture((v) =>
        v
          .replace('default     = ""', 'default     = "sourcegraph-infrastructure"')
          .replace(/  validation \{\n    condition     = contains\(\["red", "black"\][\s\S]*?\n  \}\n/, "")
          .replace("type        = list(string)", "type        = set(string)"),
      ),
    );
    const diffs = interfaceDifferences(realInstance, changed);
    expect(diffs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^variable "dns_project": default: "" here, "sourcegraph-infrastructure" there$/),
        expect.stringMatching(/^variable "serving_colour": validations: /),
        expect.stringMatching(/^variable "allowlist_cidrs": type: "list\(string\)" here, "set\(string\)" there$/),
        expect.stringMatching(/^output "nat_ips" is only in/),
      ]),
    );
  });
});
