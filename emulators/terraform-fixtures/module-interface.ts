import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";

/**
 * A Terraform module's interface as Terraform itself reads it: every `variable` and `output`
 * block of the module's *.tf files, parsed with HCL's own parser (hcl2json), never with
 * regular expressions. Expressions come back as their source text (`list(string)`,
 * `length(var.x) > 0`), so two modules can be compared exactly.
 */
export interface VariableInterface {
  /** The type constraint's source, e.g. `list(string)`; null when the variable has none. */
  type: string | null;
  hasDefault: boolean;
  default?: unknown;
  nullable: boolean | null;
  sensitive: boolean | null;
  /** Each `validation` block, in order. */
  validations: { condition: string; errorMessage: string }[];
  description: string | null;
}

export interface OutputInterface {
  sensitive: boolean | null;
  description: string | null;
}

export interface ModuleInterface {
  dir: string;
  variables: Record<string, VariableInterface>;
  outputs: Record<string, OutputInterface>;
  /** Variables without a default: every caller must pass them. */
  requiredVariables: string[];
  /** `required_providers` of the `terraform` blocks, by local name. */
  requiredProviders: Record<string, { source?: string; version?: string }>;
  /** Whether any `terraform` block declares a backend (a module never should). */
  declaresBackend: boolean;
}

type Block = Record<string, unknown>;
type Parsed = { variable?: Record<string, Block[]>; output?: Record<string, Block[]>; terraform?: Block[] };

export async function readModuleInterface(dir: string): Promise<ModuleInterface> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".tf")).sort();
  if (files.length === 0) throw new Error(`${dir} holds no .tf files`);
  const result: ModuleInterface = { dir, variables: {}, outputs: {}, requiredVariables: [], requiredProviders: {}, declaresBackend: false };
  for (const file of files) {
    const parsed = (await parse(file, await readFile(path.join(dir, file), "utf8"))) as Parsed;
    for (const [name, [block]] of Object.entries(parsed.variable ?? {})) {
      if (name in result.variables) throw new Error(`${dir}: variable "${name}" is declared twice`);
      result.variables[name] = variableOf(block);
    }
    for (const [name, [block]] of Object.entries(parsed.output ?? {})) {
      if (name in result.outputs) throw new Error(`${dir}: output "${name}" is declared twice`);
      result.outputs[name] = { sensitive: bool(block.sensitive), description: text(block.description) };
    }
    for (const tf of parsed.terraform ?? []) {
      if (tf.backend !== undefined || tf.cloud !== undefined) result.declaresBackend = true;
      for (const providers of (tf.required_providers as Block[] | undefined) ?? []) {
        for (const [local, req] of Object.entries(providers)) result.requiredProviders[local] = req as { source?: string; version?: string };
      }
    }
  }
  result.requiredVariables = Object.keys(result.variables)
    .filter((n) => !result.variables[n].hasDefault)
    .sort();
  return result;
}

/**
 * Where two modules' interfaces differ (names, types, defaults, nullability, sensitivity,
 * validations, outputs), one sentence each; empty when a caller cannot tell them apart.
 * Descriptions are documentation and not compared.
 */
export function interfaceDifferences(a: ModuleInterface, b: ModuleInterface): string[] {
  const out: string[] = [];
  const names = (x: Record<string, unknown>) => Object.keys(x).sort();
  for (const n of names(a.variables).filter((n) => !(n in b.variables))) out.push(`variable "${n}" is only in ${a.dir}`);
  for (const n of names(b.variables).filter((n) => !(n in a.variables))) out.push(`variable "${n}" is only in ${b.dir}`);
  for (const n of names(a.variables).filter((n) => n in b.variables)) {
    const [va, vb] = [a.variables[n], b.variables[n]];
    const fields: [string, unknown, unknown][] = [
      ["type", va.type, vb.type],
      ["default", va.hasDefault ? va.default : "(none)", vb.hasDefault ? vb.default : "(none)"],
      ["nullable", va.nullable, vb.nullable],
      ["sensitive", va.sensitive, vb.sensitive],
      ["validations", va.validations, vb.validations],
    ];
    for (const [field, x, y] of fields) {
      if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`variable "${n}": ${field}: ${JSON.stringify(x)} here, ${JSON.stringify(y)} there`);
    }
  }
  for (const n of names(a.outputs).filter((n) => !(n in b.outputs))) out.push(`output "${n}" is only in ${a.dir}`);
  for (const n of names(b.outputs).filter((n) => !(n in a.outputs))) out.push(`output "${n}" is only in ${b.dir}`);
  for (const n of names(a.outputs).filter((n) => n in b.outputs)) {
    if (a.outputs[n].sensitive !== b.outputs[n].sensitive) out.push(`output "${n}": sensitive: ${a.outputs[n].sensitive} here, ${b.outputs[n].sensitive} there`);
  }
  return out;
}

function variableOf(block: Block): VariableInterface {
  const validations = ((block.validation as Block[] | undefined) ?? []).map((v) => ({
    condition: expression(v.condition),
    errorMessage: expression(v.error_message),
  }));
  return {
    type: block.type === undefined ? null : expression(block.type),
    hasDefault: "default" in block,
    ...("default" in block ? { default: block.default } : {}),
    nullable: bool(block.nullable),
    sensitive: bool(block.sensitive),
    validations,
    description: text(block.description),
  };
}

/** hcl2json writes an expression as "${source}"; a plain string stays as it is. */
function expression(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  const m = /^\$\{([\s\S]*)\}$/.exec(s);
  return m ? m[1] : s;
}

const bool = (v: unknown) => (typeof v === "boolean" ? v : null);
const text = (v: unknown) => (typeof v === "string" ? v : null);
