import path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { readModuleInterface } from "../../emulators/terraform-fixtures/module-interface";
import type { Instance } from "../generated/prisma/client";
import { fill, renderDeployment } from "./render-deployment";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REAL = (name: string) => path.join(ROOT, "terraform/modules", name);

const instance = {
  slug: "acme",
  gcpProjectId: "sourcegraph-managed-acme",
  region: "europe-west1",
  zone: "europe-west1-c",
  machineType: "n1-standard-32",
  dataDiskSizeGb: 1234,
  version: "5.10.2",
  accessMode: "ip_allowlist",
  allowlistCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
  domain: "acme.sourcegraph.com",
} as Instance;

const settings = { modules: { instance: REAL("instance"), deployment: REAL("deployment"), stateBucket: REAL("state-bucket") } };

/** The `module` block of a rendered root, parsed with HCL's own parser (no regexes). */
async function moduleCall(file: string, text: string): Promise<{ name: string; args: Record<string, unknown>; backend: unknown }> {
  const parsed = (await parse(file, text)) as { module: Record<string, [Record<string, unknown>]>; terraform: [{ backend?: unknown }] };
  const [name, [args]] = Object.entries(parsed.module)[0];
  return { name, args, backend: parsed.terraform[0].backend };
}

describe("renderDeployment", () => {
  it("passes every variable each module requires, and only variables it has", async () => {
    const files = await renderDeployment(instance, settings, { colours: ["red", "black"], servingColour: "red", dataDiskSnapshots: { black: "upgrade-5-10-2-abc" } });
    expect(Object.keys(files).sort()).toEqual(["black/deployment.tf", "gcp-tfstate/gcp-tfstate.tf", "infrastructure/infrastructure.tf", "red/deployment.tf"]);
    const modules = { "infrastructure/infrastructure.tf": "instance", "red/deployment.tf": "deployment", "black/deployment.tf": "deployment", "gcp-tfstate/gcp-tfstate.tf": "state-bucket" } as const;
    for (const [file, moduleName] of Object.entries(modules)) {
      const iface = await readModuleInterface(REAL(moduleName));
      const call = await moduleCall(file, files[file]);
      const passed = Object.keys(call.args).filter((k) => k !== "source");
      expect(iface.requiredVariables.filter((v) => !passed.includes(v)), `${file} omits required variables`).toEqual([]);
      expect(passed.filter((v) => !(v in iface.variables)), `${file} passes unknown variables`).toEqual([]);
      expect(call.args.source).toBe(REAL(moduleName));
    }
  });

  it("writes what was asked for, with the state in the instance's bucket, one prefix per root", async () => {
    const files = await renderDeployment(instance, settings, { colours: ["black"], servingColour: "black", dataDiskSnapshots: { black: "snap-1" } });
    const infra = await moduleCall("infrastructure.tf", files["infrastructure/infrastructure.tf"]);
    expect(infra.args).toMatchObject({ project_id: "sourcegraph-managed-acme", region: "europe-west1", access_mode: "ip_allowlist", allowlist_cidrs: ["203.0.113.0/24", "198.51.100.0/24"], serving_colour: "black" });
    expect(JSON.stringify(infra.backend)).toContain('"bucket":"sourcegraph-managed-acme-tfstate"');
    expect(JSON.stringify(infra.backend)).toContain('"prefix":"infrastructure"');
    const black = await moduleCall("deployment.tf", files["black/deployment.tf"]);
    expect(black.args).toMatchObject({ colour: "black", machine_type: "n1-standard-32", zone: "europe-west1-c", data_disk_size_gb: 1234, data_disk_snapshot: "snap-1", sourcegraph_version: "5.10.2", deploy_ref: "v5.10.2" });
    expect(JSON.stringify(black.backend)).toContain('"prefix":"deployments/black"');
  });

  it("refuses values that would change the configuration's meaning", async () => {
    await expect(renderDeployment({ ...instance, domain: 'x"; evil = "y' }, settings, { colours: ["red"], servingColour: "red" })).rejects.toThrow(/refusing to render/);
    await expect(renderDeployment({ ...instance, slug: "${file(\"/etc/passwd\")}" }, settings, { colours: ["red"], servingColour: "red" })).rejects.toThrow(/refusing to render/);
    await expect(renderDeployment(instance, { modules: { ...settings.modules, instance: null } }, { colours: ["red"], servingColour: "red" })).rejects.toThrow(/INSTANCE_MODULE_SOURCE/);
  });
});

describe("fill", () => {
  it("replaces every placeholder and refuses a missing one", () => {
    expect(fill('slug = "{{slug}}"', { slug: "acme" })).toBe('slug = "acme"');
    expect(() => fill("{{version}}", {})).toThrow("{{version}} has no value");
  });
});
