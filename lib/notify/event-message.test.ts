import { describe, expect, it } from "vitest";
import { eventText, slackBody, webhookBody } from "./event-message";

const at = new Date("2026-11-27T03:00:00Z");

describe("notification messages", () => {
  it("names the instance, the state and the failing checks, with a link to the instance page", () => {
    const e = { id: "e1", kind: "health.down", at, payload: { instanceSlug: "acme", instanceName: "Acme Corp", failing: ["VM status"] } };
    expect(eventText(e, "https://mi.example.com")).toBe("✖ Acme Corp (acme) is DOWN: VM status. https://mi.example.com/instances/acme");
  });
  it("says which step a job waits for, and links the job", () => {
    const e = { id: "e2", kind: "job.awaiting_task", at, payload: { jobId: "j1", jobKind: "provision", instanceSlug: "acme", instanceName: "Acme", stepName: "Link billing" } };
    expect(eventText(e, null)).toBe("‖ provision job of Acme (acme) waits for a person: Link billing.");
  });
  it("gives a wave's outcome with its counts", () => {
    const e = { id: "e3", kind: "wave.paused", at, payload: { waveId: "w1", targetVersion: "5.10.0", status: "paused", pausedReason: "the upgrade of acme failed", counts: { succeeded: 2, failed: 1 } } };
    expect(eventText(e, null)).toBe("≋ Upgrade wave to 5.10.0 paused (the upgrade of acme failed): 2 succeeded, 1 failed.");
  });
  it("a Slack body has the text Slack requires; a webhook body carries the event as data", () => {
    const e = { id: "e4", kind: "job.failed", at, payload: { jobId: "j", jobKind: "upgrade", instanceSlug: "a", error: "boom" } };
    expect(JSON.parse(slackBody(e, null))).toEqual({ text: expect.stringContaining("upgrade job of a failed: boom") });
    expect(JSON.parse(webhookBody(e, "d1", null))).toMatchObject({ id: "e4", deliveryId: "d1", kind: "job.failed", at: at.toISOString(), data: { error: "boom" } });
  });
});
