/**
 * A git command failed. The message names the command and git's last words, with any
 * credentials in URLs (`https://user:token@host`) blanked: it ends up in job logs.
 */
export class GitError extends Error {
  override readonly name = "GitError";
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    const how = options?.reason ?? (exitCode === null ? "was stopped" : `exited ${exitCode}`);
    const said = stderr.trim().split("\n").slice(-5).join(" | ");
    super(withoutCredentials(`git ${args.join(" ")} ${how}${said ? `: ${said}` : ""}`), { cause: options?.cause });
  }
}

function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, "$1***@");
}
