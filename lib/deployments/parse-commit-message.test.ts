import { describe, expect, it } from "vitest";
import { formatCommitMessage } from "./format-commit-message";
import { parseCommitMessage } from "./parse-commit-message";

const message = { jobId: "4b1d2c7e-0000-4000-8000-000000000001", jobKind: "provision", actor: { email: "ops@example.com", role: "operator" }, summary: "render Terraform for 6.1.0" };

describe("commit messages", () => {
  it("formats the subject, a blank line and the three trailers", () => {
    expect(formatCommitMessage("acme", message)).toBe(
      "acme: render Terraform for 6.1.0\n\nJob: 4b1d2c7e-0000-4000-8000-000000000001\nJob-Kind: provision\nStarted-By: ops@example.com (operator)\n",
    );
  });

  it("reads back what it wrote", () => {
    expect(parseCommitMessage("acme", formatCommitMessage("acme", message))).toEqual({
      summary: "render Terraform for 6.1.0",
      jobId: message.jobId,
      jobKind: "provision",
      startedBy: { email: "ops@example.com", role: "operator" },
    });
  });

  it("folds a multi-line summary onto one line, so it cannot forge a trailer", () => {
    const text = formatCommitMessage("acme", { ...message, summary: "resize\n\nJob: forged\r\nStarted-By: evil@example.com (admin)" });
    expect(text.split("\n")[0]).toBe("acme: resize Job: forged Started-By: evil@example.com (admin)");
    const parsed = parseCommitMessage("acme", text);
    expect(parsed.jobId).toBe(message.jobId);
    expect(parsed.startedBy).toEqual({ email: "ops@example.com", role: "operator" });
  });

  it("keeps shell syntax and quotes as plain text", () => {
    const summary = `upgrade $(touch /tmp/x) \`id\` "quoted" 'single'; rm -rf /`;
    expect(parseCommitMessage("acme", formatCommitMessage("acme", { ...message, summary })).summary).toBe(summary);
  });

  it("gives a commit made by hand no job", () => {
    expect(parseCommitMessage("acme", "acme: bump the disk by hand\n\nIt was full.\n")).toEqual({ summary: "bump the disk by hand", jobId: null, jobKind: null, startedBy: null });
    expect(parseCommitMessage("acme", "initialize GCP tfstate bucket")).toMatchObject({ summary: "initialize GCP tfstate bucket", jobId: null });
  });

  it("ignores trailer-like lines that are not in the last paragraph, or share it with prose", () => {
    expect(parseCommitMessage("acme", "acme: x\n\nJob: early\n\nthen prose\n").jobId).toBeNull();
    expect(parseCommitMessage("acme", "acme: x\n\nJob: mixed\nsome prose\n").jobId).toBeNull();
    expect(parseCommitMessage("acme", "Job: subject only").jobId).toBeNull();
  });

  it("reads trailers case-insensitively, a started-by without a role, and CRLF endings", () => {
    expect(parseCommitMessage("acme", "acme: x\r\n\r\njob: 7\r\njob-kind: upgrade\r\nstarted-by: someone@example.com\r\n")).toEqual({
      summary: "x",
      jobId: "7",
      jobKind: "upgrade",
      startedBy: { email: "someone@example.com", role: null },
    });
  });

  it("never writes an empty subject", () => {
    expect(formatCommitMessage("acme", { ...message, summary: " \n " }).split("\n")[0]).toBe("acme: update deployment");
  });
});
