import { describe, expect, it } from "vitest";
import type { FleetSearchClient } from "../gcp";
import { VmInventory } from "./vm-inventory";

/** A stand-in for the asset client: one page per call, answering what `states` holds now. */
function fakeClient(states: Record<string, string>, opts: { fail?: boolean; delayMs?: number } = {}) {
  const calls = { n: 0 };
  const client = {
    settings: {},
    callOptions: {},
    close: async () => {},
    asset: {
      async searchAllResources() {
        calls.n++;
        await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
        if (opts.fail) throw Object.assign(new Error("denied"), { code: 7 });
        const results = Object.entries(states).map(([key, state]) => ({ name: `//compute.googleapis.com/${key}`, state }));
        return [results, null, { nextPageToken: "" }];
      },
    },
  } as unknown as FleetSearchClient;
  return { client, calls };
}

const ref = { project: "p1", zone: "z", vmName: "prod" };
const key = "projects/p1/zones/z/instances/prod";

describe("VmInventory", () => {
  it("answers every VM from one search while it is fresh", async () => {
    const { client, calls } = fakeClient({ [key]: "RUNNING" });
    const inventory = new VmInventory("folders/1", () => client, 60_000);
    expect(await Promise.all([inventory.statusOf(ref), inventory.statusOf(ref), inventory.statusOf({ ...ref, project: "p2" })])).toEqual(["RUNNING", "RUNNING", undefined]);
    expect(calls.n).toBe(1);
  });

  it("serves the last search while the next one runs, then the new states", async () => {
    const states = { [key]: "RUNNING" };
    const { client, calls } = fakeClient(states, { delayMs: 50 });
    const inventory = new VmInventory("folders/1", () => client, 100);
    await inventory.prime();
    await new Promise((r) => setTimeout(r, 120));
    states[key] = "TERMINATED";
    expect(await inventory.statusOf(ref)).toBe("RUNNING");
    await new Promise((r) => setTimeout(r, 80));
    expect(await inventory.statusOf(ref)).toBe("TERMINATED");
    expect(calls.n).toBe(2);
  });

  it("answers undefined (read the VM itself) without a scope, or after a failed search, and does not retry it at once", async () => {
    const { client, calls } = fakeClient({ [key]: "RUNNING" }, { fail: true });
    expect(await new VmInventory(null, () => client, 60_000).statusOf(ref)).toBeUndefined();
    const logs: string[] = [];
    const inventory = new VmInventory("folders/1", () => client, 60_000, (m) => logs.push(m));
    expect(await inventory.statusOf(ref)).toBeUndefined();
    expect(await inventory.statusOf(ref)).toBeUndefined();
    expect(calls.n).toBe(1);
    expect(inventory.stats.failures).toBe(1);
    expect(logs[0]).toMatch(/reading VMs per project/);
  });
});
