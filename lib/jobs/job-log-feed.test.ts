import { describe, expect, it } from "vitest";
import { parseLogNotification } from "./job-log-feed";

const JOB = "0b6f4f1e-3c1d-4a57-9a43-1f1f3f0c2a11";

describe("parseLogNotification", () => {
  it("reads the job and its last sequence number", () => {
    expect(parseLogNotification(`${JOB}:42`)).toEqual({ jobId: JOB, lastSeq: 42, lines: null });
  });

  it("numbers carried lines back from the last sequence number, with the commit time as ISO", () => {
    const carried = JSON.stringify({ at: "2026-11-25T03:40:00.123+00:00", lines: [["stdout", "plan", "a: b"], ["system", null, "→ next"]] });
    expect(parseLogNotification(`${JOB}:11:${carried}`)).toEqual({
      jobId: JOB,
      lastSeq: 11,
      lines: [
        { seq: 10, stream: "stdout", step: "plan", line: "a: b", at: "2026-11-25T03:40:00.123Z" },
        { seq: 11, stream: "system", step: null, line: "→ next", at: "2026-11-25T03:40:00.123Z" },
      ],
    });
  });

  it("falls back to reading the table when the carried part is unreadable, and ignores garbage", () => {
    expect(parseLogNotification(`${JOB}:7:{not json`)).toEqual({ jobId: JOB, lastSeq: 7, lines: null });
    expect(parseLogNotification("nonsense")).toBeNull();
    expect(parseLogNotification(`${JOB}:x`)).toBeNull();
  });
});
