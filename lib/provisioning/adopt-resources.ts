import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { gcpResourceExists, type GcpResourceRef } from "../gcp";

/**
 * Adopting resources built without this control plane (by hand, from the runbook) into a
 * root's Terraform state: Terraform `import` blocks, one per module resource that exists in
 * GCP. Each module ships `imports.json` (terraform/modules/<name>/ and its offline fixture)
 * saying which GCP resource each of its resources is; it is read from the module as
 * `terraform init` installed it, so a module from git works as well as a local one.
 */

const manifestSchema = z.object({
  imports: z.array(
    z.object({
      to: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+(\[\d+\])?$/),
      id: z.string().min(1),
      resource: z.object({ service: z.enum(["compute", "storage", "dns"]), path: z.string().min(1) }),
      /** Only in the configuration when the instance is allowlisted, or when the module manages its DNS record. */
      when: z.enum(["ip_allowlist", "dns_record"]).optional(),
    }),
  ),
});

export type ImportManifest = z.infer<typeof manifestSchema>["imports"];

export interface ImportBlock {
  to: string;
  id: string;
}

/** The `imports.json` of module `name` as `terraform init` installed it in `workingDir`. */
export async function readModuleImports(workingDir: string, name: string): Promise<ImportManifest> {
  const index = JSON.parse(await readFile(path.join(workingDir, ".terraform/modules/modules.json"), "utf8")) as { Modules?: Array<{ Key: string; Dir: string }> };
  const mod = index.Modules?.find((m) => m.Key === name);
  if (!mod) throw new Error(`module ${name} is not installed in ${workingDir} (run terraform init first)`);
  const file = path.resolve(workingDir, mod.Dir, "imports.json");
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not an import manifest: ${z.prettifyError(parsed.error)}`);
  return parsed.data.imports;
}

/** Fills `{variable}` placeholders; an unknown one is an error, not an empty string. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`import manifest placeholder {${name}} has no value`);
    return values[name];
  });
}

/**
 * The import blocks for the resources of module `name` that exist in GCP now. What does not
 * exist is left for the plan to create (importing a missing resource fails in Terraform).
 */
export async function importsForExisting(
  manifest: ImportManifest,
  o: { moduleName: string; variables: Record<string, string>; accessMode?: string; dnsRecord?: boolean },
  exists: (ref: GcpResourceRef) => Promise<boolean> = (ref) => gcpResourceExists(ref),
): Promise<{ imports: ImportBlock[]; absent: string[] }> {
  const imports: ImportBlock[] = [];
  const absent: string[] = [];
  for (const entry of manifest) {
    if (entry.when === "ip_allowlist" && o.accessMode !== "ip_allowlist") continue;
    // The rendered roots leave dns_project empty (the DNS step owns the record), so the module has none.
    if (entry.when === "dns_record" && !o.dnsRecord) continue;
    const ref = { service: entry.resource.service, path: fillPlaceholders(entry.resource.path, o.variables) };
    const to = `module.${o.moduleName}.${entry.to}`;
    if (await exists(ref)) imports.push({ to, id: fillPlaceholders(entry.id, o.variables) });
    else absent.push(`${to} (${ref.path})`);
  }
  return { imports, absent };
}

/** `imports.tf`: the blocks, with a comment saying why they are there. */
export function renderImportBlocks(blocks: ImportBlock[]): string {
  // Ids come from validated names; anything else (a quote, an interpolation) never reaches HCL.
  for (const b of blocks) if (!/^[A-Za-z0-9._\/-]+$/.test(b.id)) throw new Error(`refusing to render import id ${JSON.stringify(b.id)}`);
  const body = blocks.map((b) => `import {\n  to = ${b.to}\n  id = ${JSON.stringify(b.id)}\n}\n`).join("\n");
  return (
    "# Rendered by the control plane: resources built by hand, adopted into this root's state.\n" +
    "# Removed again once the apply has imported them.\n\n" +
    body
  );
}
