export const importKeys = {
  all: ["imports"] as const,
  candidates: () => ["imports", "candidates"] as const,
};
