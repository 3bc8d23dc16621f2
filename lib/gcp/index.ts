export * from "./addresses";
export * from "./certificates";
export * from "./client-options";
export * from "./clients";
export * from "./errors";
export * from "./read-instance-network";
export * from "./vm";
