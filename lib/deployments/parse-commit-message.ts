export interface ParsedCommitMessage {
  /** The subject without its `<slug>: ` prefix. */
  summary: string;
  jobId: string | null;
  jobKind: string | null;
  startedBy: { email: string; role: string | null } | null;
}

const TRAILER = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;

/**
 * Reads what formatCommitMessage wrote. Trailers count only in the last paragraph after the
 * subject (as `git interpret-trailers` reads them), so a body line that merely looks like
 * `Job: x` does not count; a commit someone made by hand simply has no job.
 */
export function parseCommitMessage(slug: string, message: string): ParsedCommitMessage {
  const lines = message.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
  const subject = lines[0] ?? "";
  const prefix = `${slug}: `;
  const summary = subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;

  const rest = lines.slice(1);
  const lastBlank = rest.lastIndexOf("");
  const paragraph = lastBlank === -1 ? [] : rest.slice(lastBlank + 1).filter((l) => l.trim() !== "");
  const trailers = new Map<string, string>();
  if (paragraph.length && paragraph.every((l) => TRAILER.test(l))) {
    for (const line of paragraph) {
      const [, key, value] = TRAILER.exec(line)!;
      // The last occurrence wins, as git's `%(trailers)` lists them in order.
      trailers.set(key.toLowerCase(), value.trim());
    }
  }
  const started = trailers.get("started-by");
  return {
    summary,
    jobId: trailers.get("job") || null,
    jobKind: trailers.get("job-kind") || null,
    startedBy: started ? parseStartedBy(started) : null,
  };
}

function parseStartedBy(value: string): { email: string; role: string | null } {
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(value);
  return m ? { email: m[1], role: m[2] || null } : { email: value, role: null };
}
