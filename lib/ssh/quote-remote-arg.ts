/**
 * ssh sends the remote command as ONE string (its arguments joined with spaces) and the VM's
 * login shell parses it again. So every argument must be quoted for that shell, or
 * `{{json .}}` splits in two and `; rm -rf /` runs. Single quotes make everything literal in
 * POSIX shells; a single quote itself is written as '\'' (close, escaped quote, reopen).
 */
const SAFE = /^[A-Za-z0-9_\-+.,/:@%]+$/;

export function quoteRemoteArg(arg: string): string {
  if (typeof arg !== "string") throw new TypeError("remote arguments must be strings");
  // A NUL byte cannot cross a C argv or an ssh command string: refuse rather than truncate.
  if (arg.includes("\0")) throw new Error("remote arguments must not contain NUL bytes");
  // Plain words stay readable in logs. `=` is not "plain": `A=b cmd` is an assignment.
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The command line the remote shell will parse back into exactly `argv`. */
export function remoteCommandLine(argv: readonly string[]): string {
  return argv.map(quoteRemoteArg).join(" ");
}
