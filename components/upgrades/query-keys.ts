export const waveKeys = {
  all: ["waves"] as const,
  list: () => ["waves", "list"] as const,
  detail: (id: string) => ["waves", "detail", id] as const,
  preview: (body: string) => ["waves", "preview", body] as const,
};
