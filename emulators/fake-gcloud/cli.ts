/**
 * The fake `gcloud` (see README.md):
 *
 * - `gcloud compute ssh VM --zone Z --project P --tunnel-through-iap -- <command>` runs
 *   <command> against the Sourcegraph emulator's state for the instance behind project P;
 * - `gcloud compute start-iap-tunnel VM 80 --local-host-port=localhost:N --zone Z --project P`
 *   forwards local connections to that VM's Caddy (the Sourcegraph emulator) until Ctrl-C.
 *
 * Both find the VM in the GCP emulator's state (look-up-vm.ts), in the database at
 * DATABASE_URL.
 */
import pg from "pg";
// Direct imports, not the state barrel: every gcloud call is a new process, and the barrel's
// seeding code pulls in zod, which costs a third of a second at each start.
import { ensureSchema } from "../sourcegraph/schema";
import { lookUpVm, notFoundLines } from "./look-up-vm";
import { parseGcloudArgs } from "./parse-gcloud-args";
import type { IapTunnelInvocation } from "./parse-iap-tunnel-args";
import { runIapTunnel } from "./run-iap-tunnel";
import { runRemoteCommand } from "./run-remote-command";
import { splitShellWords } from "./split-shell-words";

type SshInvocation = { vm: string; zone: string; project: string; commandLine: string };

async function main(argv: string[]): Promise<number> {
  const invocation = parseGcloudArgs(argv);
  if (invocation.kind === "version") {
    console.log("Google Cloud SDK 999.0.0 (fake gcloud: Managed Instances demo mode and tests)");
    return 0;
  }
  if (invocation.kind === "usage-error") {
    console.error(invocation.message);
    return invocation.exitCode;
  }
  const databaseUrl = process.env.SOURCEGRAPH_EMULATOR_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("fake gcloud: DATABASE_URL is not set (the emulators' state lives there)");
    return 1;
  }
  return invocation.kind === "ssh" ? ssh(databaseUrl, invocation) : startIapTunnel(databaseUrl, invocation);
}

async function ssh(databaseUrl: string, invocation: SshInvocation): Promise<number> {
  const client = await connect(databaseUrl);
  try {
    const vm = await lookUpVm(client, invocation);
    if (!vm.found) {
      for (const line of notFoundLines("gcloud.compute.ssh", invocation)) console.error(line);
      return 1;
    }
    if (!vm.instance || vm.instance.faults.sshUnreachable) {
      console.error("ERROR: (gcloud.compute.start-iap-tunnel) Error while connecting [4003: 'failed to connect to backend'].");
      console.error("kex_exchange_identification: Connection closed by remote host");
      return 255; // ssh's own failure code, as with the real thing
    }
    const split = splitShellWords(invocation.commandLine);
    if (!split.ok) {
      console.error(`fake gcloud: refusing remote command line ${JSON.stringify(invocation.commandLine)}: ${split.error}`);
      return 127;
    }
    const result = await runRemoteCommand(client, vm.instance, split.words, invocation.vm);
    for (const line of result.stdout) process.stdout.write(`${line}\n`);
    for (const line of result.stderr) process.stderr.write(`${line}\n`);
    return result.exitCode;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startIapTunnel(databaseUrl: string, invocation: IapTunnelInvocation): Promise<number> {
  // Ctrl-C must be ours from the start: Node's default would kill the process mid-lookup.
  const interrupted = new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  const client = await connect(databaseUrl);
  let vm;
  try {
    vm = await lookUpVm(client, invocation);
  } finally {
    // The tunnel itself needs no database: it may run for hours.
    await client.end().catch(() => {});
  }
  if (!vm.found) {
    for (const line of notFoundLines("gcloud.compute.start-iap-tunnel", invocation)) console.error(line);
    return 1;
  }
  return runIapTunnel(invocation, vm, { env: process.env, stdoutIsTty: Boolean(process.stdout.isTTY), interrupted });
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await ensureSchema(client);
  return client;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fake gcloud: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
