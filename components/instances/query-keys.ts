export const instanceKeys = {
  all: ["instances"] as const,
  list: (params: string) => ["instances", "list", params] as const,
  detail: (slug: string) => ["instances", "detail", slug] as const,
  jobs: (slug: string) => ["instances", "jobs", slug] as const,
  audit: (slug: string) => ["instances", "audit", slug] as const,
};
