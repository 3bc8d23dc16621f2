export * from "./gcp-secret-store";
export * from "./local-secret-store";
export * from "./secret-ref";
export * from "./secret-store";
export * from "./secret-store-from-env";
