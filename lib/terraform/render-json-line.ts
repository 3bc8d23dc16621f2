/**
 * Turns one line of Terraform's `-json` output (its "machine-readable UI") into the human
 * text the job log shows, and keeps the parsed record for anything that needs structure
 * (plan summary, change counts, diagnostics).
 *
 * Each record carries the human rendering in `@message`; diagnostics add their detail and
 * source location, which `@message` alone ("Error: <summary>") would drop. Lines that are not
 * JSON (Terraform still prints a few plain ones, e.g. CLI configuration warnings on stderr)
 * are passed through unchanged.
 */

export interface TerraformDiagnostic {
  severity: "error" | "warning" | string;
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: { line: number; column?: number } };
}

/** A record of `terraform <cmd> -json`. Only the common fields are typed; the rest is kept. */
export interface TerraformUiMessage {
  "@level": string;
  "@message": string;
  "@module"?: string;
  "@timestamp"?: string;
  type: string;
  diagnostic?: TerraformDiagnostic;
  changes?: { add: number; change: number; import?: number; remove: number; operation: string };
  change?: {
    resource: { addr: string; resource_type: string; resource_name: string; module?: string };
    action: string;
    reason?: string;
  };
  [key: string]: unknown;
}

export interface RenderedLine {
  /** Lines for the log, in order; empty for a record with nothing to say. */
  text: string[];
  /** The parsed record, or null when the line was not Terraform JSON. */
  record: TerraformUiMessage | null;
}

export function renderJsonLine(line: string): RenderedLine {
  const record = parseRecord(line);
  if (record === null) return { text: [line], record: null };

  const text = splitMessage(record["@message"]);
  const diagnostic = record.type === "diagnostic" ? record.diagnostic : undefined;
  if (diagnostic) {
    const where = diagnostic.range
      ? `  on ${diagnostic.range.filename} line ${diagnostic.range.start.line}${diagnostic.address ? `, in ${diagnostic.address}` : ""}:`
      : diagnostic.address
        ? `  with ${diagnostic.address}:`
        : null;
    if (where) text.push(where);
    for (const detail of splitMessage(diagnostic.detail ?? "")) text.push(`  ${detail}`);
  }
  return { text, record };
}

function parseRecord(line: string): TerraformUiMessage | null {
  if (!line.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(line);
    if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as Record<string, unknown>)["@message"] === "string" &&
      typeof (value as Record<string, unknown>).type === "string"
    ) {
      return value as TerraformUiMessage;
    }
  } catch {
    // Not JSON after all: show it as it is.
  }
  return null;
}

/** `@message` may span lines ("\nInterrupt received.\nPlease wait…\n"); drop the blank edges. */
function splitMessage(message: string): string[] {
  const lines = message.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return lines;
}
