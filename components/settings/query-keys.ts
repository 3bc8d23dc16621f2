export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => ["tokens", "list"] as const,
};
