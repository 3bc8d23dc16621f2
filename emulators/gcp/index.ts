export { startGcpEmulator, type GcpEmulator, type GcpEmulatorOptions } from "./server";
export * from "./state";
