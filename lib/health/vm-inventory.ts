import { searchFleetVmStates, vmKey, type FleetSearchClient, type VmStatus } from "../gcp";

/**
 * The fleet's VM states from Cloud Asset Inventory, shared by every check of a worker: one
 * paged search (20 calls for 10,000 VMs) at most every `maxAgeMs`, never two at once. When
 * the search fails (no scope configured, permission denied, quota exhausted past the
 * deadline), or a VM is not in it (just created, not indexed yet), `statusOf` answers
 * undefined and the caller reads that VM itself (`instances.get`, one call per project).
 */
export class VmInventory {
  private snapshot: { at: number; states: Map<string, VmStatus> | null } | undefined;
  private pending: Promise<void> | undefined;
  /** Searches made and pages read, for the benchmark and the logs. */
  readonly stats = { searches: 0, pages: 0, quotaRetries: 0, failures: 0 };

  constructor(
    private readonly scope: string | null,
    private readonly client: () => FleetSearchClient,
    private readonly maxAgeMs: number,
    private readonly log: (m: string) => void = () => {},
  ) {}

  async statusOf(ref: { project: string; zone: string; vmName: string }): Promise<VmStatus | undefined> {
    if (!this.scope) return undefined;
    const age = this.snapshot ? Date.now() - this.snapshot.at : Infinity;
    if (age > this.maxAgeMs) {
      const refreshing = this.prime();
      // While the next search runs, the last one serves (up to twice its age); only a first
      // search, or a very old one, is waited for.
      if (age > 2 * this.maxAgeMs) await refreshing;
    }
    return this.snapshot?.states?.get(vmKey(ref.project, ref.zone, ref.vmName));
  }

  /** Starts a search unless one is running; the loop calls it before its first claim. */
  prime(): Promise<void> {
    if (!this.scope) return Promise.resolve();
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async refresh(): Promise<void> {
    this.stats.searches++;
    try {
      const found = await searchFleetVmStates(this.scope!, this.client(), { deadlineMs: this.maxAgeMs });
      this.stats.pages += found.pages;
      this.stats.quotaRetries += found.quotaRetries;
      this.snapshot = { at: Date.now(), states: found.states };
    } catch (e) {
      // Remembered as failed for one period, so 10,000 checks don't each retry the search.
      this.stats.failures++;
      this.log(`health: Cloud Asset search of ${this.scope} failed, reading VMs per project: ${(e as Error).message}`);
      this.snapshot = { at: Date.now(), states: null };
    }
  }
}
