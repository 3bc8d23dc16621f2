export const auditKeys = {
  all: ["audit"] as const,
  list: (params: string) => ["audit", "list", params] as const,
};
