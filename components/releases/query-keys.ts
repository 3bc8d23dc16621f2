export const releaseKeys = {
  all: ["releases"] as const,
  list: () => ["releases", "list"] as const,
};
