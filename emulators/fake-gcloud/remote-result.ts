/** What a remote command printed and how it exited, as ssh hands it back. */
export interface RemoteResult {
  exitCode: number;
  stdout: string[];
  stderr: string[];
}

export function notEmulated(argv: readonly string[], why = "command not emulated"): RemoteResult {
  return {
    exitCode: 127,
    stdout: [],
    stderr: [`fake gcloud: ${why}: ${argv.join(" ")}`, "fake gcloud: see emulators/fake-gcloud/README.md for the commands it understands"],
  };
}
