export { startSourcegraphEmulator, type SourcegraphEmulator, type SourcegraphEmulatorOptions } from "./server";
export * from "./state";
