export const notificationKeys = {
  all: ["notifications"] as const,
  channels: () => ["notifications", "channels"] as const,
  deliveries: () => ["notifications", "deliveries"] as const,
};
