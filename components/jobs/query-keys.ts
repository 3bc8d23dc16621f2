export const jobKeys = {
  all: ["jobs"] as const,
  list: (params: string) => ["jobs", "list", params] as const,
  detail: (id: string) => ["jobs", "detail", id] as const,
};
