export const backupKeys = {
  all: ["backup-policy"] as const,
  fleet: ["backup-policy", "fleet"] as const,
  instance: (slug: string) => ["backup-policy", "instance", slug] as const,
};
