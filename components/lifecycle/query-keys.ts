export const lifecycleKeys = {
  snapshots: (slug: string) => ["instances", "snapshots", slug] as const,
};
