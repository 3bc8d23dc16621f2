import type { DemoInstance } from "./build-demo-fleet";

/**
 * Makes the demo fleet's instances exist in the local GCP emulator, whose state lives in the
 * same database (schema gcp_emulator). Filled in once the emulator lands.
 */
export async function seedEmulatorsForFleet(_databaseUrl: string, _fleet: DemoInstance[]): Promise<void> {}
