import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The adapter boundary to emulators/demo-infrastructure.ts. In demo mode (DEMO_MODE=1) the
 * outside world is emulated, and what a person or the real Terraform module would have done
 * must be mirrored there; everywhere else this returns null and the steps talk to real GCP
 * only. Loaded at run time by path (never bundled, never imported by production code).
 */
export interface DemoWorld {
  linkBillingAsPerson(projectId: string): Promise<void>;
  applyInfrastructure(a: AppliedInfrastructure): Promise<void>;
}

/** What the infrastructure apply produced, for the emulators to mirror. */
export interface AppliedInfrastructure {
  slug: string;
  projectId: string;
  zone: string;
  version: string;
  globalIp: string;
  natIps: string[];
  dataDiskSizeGb: number;
  /** How many certificate reads stay PROVISIONING (the real one took 1h41m). */
  certificateReads: number;
}

export async function demoWorld(env: Record<string, string | undefined> = process.env): Promise<DemoWorld | null> {
  if (env.DEMO_MODE !== "1") return null;
  const file = pathToFileURL(path.resolve("emulators/demo-infrastructure.ts")).href;
  return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ file)) as DemoWorld;
}
