export interface DeploymentCommitMessage {
  jobId: string;
  /** The job kind: `provision`, `upgrade`, … */
  jobKind: string;
  /** Who started the job. */
  actor: { email: string; role: string };
  /** One line, e.g. "render Terraform for 6.1.0". */
  summary: string;
}

const MAX_SUMMARY = 200;

/**
 * `<slug>: <summary>`, a blank line, then `Job:`, `Job-Kind:` and `Started-By:` trailers.
 * Every value is folded onto one line: a newline in a summary could otherwise forge a
 * trailer (`…\nJob: someone-else`), and the history page trusts the trailers.
 */
export function formatCommitMessage(slug: string, message: DeploymentCommitMessage): string {
  const summary = oneLine(message.summary).slice(0, MAX_SUMMARY) || "update deployment";
  return [
    `${slug}: ${summary}`,
    "",
    `Job: ${oneLine(message.jobId)}`,
    `Job-Kind: ${oneLine(message.jobKind)}`,
    `Started-By: ${oneLine(message.actor.email)} (${oneLine(message.actor.role).replace(/[()]/g, "")})`,
    "",
  ].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ").trim();
}
