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

describe.each(["state-bucket", "instance"])("module %s's import manifest (adopting a hand-built deployment)", (name) => {
  const manifest = async (dir: string) => (JSON.parse(await readFile(path.join(dir, "imports.json"), "utf8")) as { imports: { to: string; id: string; resource: { path: string }; when?: string }[] }).imports;
  const resourcesOf = async (dir: string) => {
    const { readdir } = await import("node:fs/promises");
    const text = (await Promise.all((await readdir(dir)).filter((f) => f.endsWith(".tf")).map((f) => readFile(path.join(dir, f), "utf8")))).join("\n");
    return new Set([...text.matchAll(/^resource "([a-z0-9_]+)" "([a-z0-9_]+)"/gm)].map((m) => `${m[1]}.${m[2]}`));
  };

  it("names only resources the module declares, each once", async () => {
    for (const dir of [real(name), fixture(name)]) {
      const entries = await manifest(dir);
      const declared = await resourcesOf(dir);
      for (const e of entries) expect(declared, `${dir}: ${e.to}`).toContain(e.to.replace(/\[\d+\]$/, ""));
      expect(new Set(entries.map((e) => e.to)).size).toBe(entries.length);
    }
  });

  it("the fixture adopts a subset of the real module's GCP resources, by the same ids' resources and conditions", async () => {
    const realEntries = await manifest(real(name));
    for (const e of await manifest(fixture(name))) {
      const match = realEntries.find((r) => r.resource.path === e.resource.path && (r.when ?? null) === (e.when ?? null));
      expect(match, `${e.to} (${e.resource.path}) has no counterpart in the real module's imports.json`).toBeDefined();
    }
  });

  it("every fixture resource that creates a GCP resource is in its manifest, and is importable (no triggers_replace)", async () => {
    const dir = fixture(name);
    const text = (await Promise.all((await (await import("node:fs/promises")).readdir(dir)).filter((f) => f.endsWith(".tf")).map((f) => readFile(path.join(dir, f), "utf8")))).join("\n");
    const adopted = new Set((await manifest(dir)).map((e) => e.to.replace(/\[\d+\]$/, "")));
    // A resource with a destroy-time delete is one GCP resource of its own (the settings resources have none).
    const blocks = [...text.matchAll(/^resource "terraform_data" "([a-z0-9_]+)" \{([\s\S]*?)^\}/gm)];
    for (const [, resource, body] of blocks) {
      if (!/when\s*=\s*destroy/.test(body) || /setSecurityPolicy/.test(body)) continue;
      expect(adopted, `terraform_data.${resource} creates a GCP resource but imports.json cannot adopt it`).toContain(`terraform_data.${resource}`);
      expect(body, `terraform_data.${resource}: an imported terraform_data has no triggers_replace, so one here would replace it`).not.toMatch(/^\s*triggers_replace\s*=/m);
    }
  });
});
