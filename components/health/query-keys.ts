export const healthKeys = {
  all: ["health"] as const,
  summary: () => ["health", "summary"] as const,
  history: (slug: string) => ["health", "history", slug] as const,
};
