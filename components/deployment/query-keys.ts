export const deploymentKeys = {
  all: ["deployment"] as const,
  instance: (slug: string) => ["deployment", "instance", slug] as const,
};
