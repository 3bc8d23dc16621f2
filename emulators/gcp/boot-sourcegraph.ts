import type pg from "pg";

/**
 * Superseded: a VM's boot now happens per VM and per data disk, after instances.insert, in
 * sourcegraph-hooks.ts (`afterComputeInsert`, called by handlers.ts), which needs the VM's
 * name and zone this signature never had. Kept as a no-op only because instance-insert.ts
 * still calls it; remove that call and this file together.
 */
export async function bootSourcegraph(
  _pool: pg.Pool,
  _vm: { project: string; labels: Record<string, string>; metadataItems: { key?: string; value?: string }[] },
): Promise<void> {}
