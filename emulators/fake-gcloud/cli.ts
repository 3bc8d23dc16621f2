/**
 * The fake `gcloud` (see README.md): `gcloud compute ssh prod --zone Z --project P
 * --tunnel-through-iap -- <command>` runs <command> against the Sourcegraph emulator's state
 * for the instance behind project P, in the database at DATABASE_URL.
 */
import pg from "pg";
// Direct imports, not the state barrel: every gcloud call is a new process, and the barrel's
// seeding code pulls in zod, which costs a third of a second at each start.
import { getInstance, slugForProject } from "../sourcegraph/instance-state";
import { ensureSchema } from "../sourcegraph/schema";
import { parseGcloudArgs } from "./parse-gcloud-args";
import { runRemoteCommand } from "./run-remote-command";
import { splitShellWords } from "./split-shell-words";

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
    console.error("fake gcloud: DATABASE_URL is not set (the Sourcegraph emulator's state lives there)");
    return 1;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await ensureSchema(client);
    const slug = await slugForProject(client, invocation.project);
    const instance = slug && invocation.vm === "prod" ? await getInstance(client, slug) : null;
    if (!instance) {
      console.error("ERROR: (gcloud.compute.ssh) Could not fetch resource:");
      console.error(` - The resource 'projects/${invocation.project}/zones/${invocation.zone}/instances/${invocation.vm}' was not found`);
      return 1;
    }
    if (instance.faults.sshUnreachable) {
      console.error("ERROR: (gcloud.compute.start-iap-tunnel) Error while connecting [4003: 'failed to connect to backend'].");
      console.error("kex_exchange_identification: Connection closed by remote host");
      return 255; // ssh's own failure code, as with the real thing
    }
    const split = splitShellWords(invocation.commandLine);
    if (!split.ok) {
      console.error(`fake gcloud: refusing remote command line ${JSON.stringify(invocation.commandLine)}: ${split.error}`);
      return 127;
    }
    const result = await runRemoteCommand(client, instance, split.words);
    for (const line of result.stdout) process.stdout.write(`${line}\n`);
    for (const line of result.stderr) process.stderr.write(`${line}\n`);
    return result.exitCode;
  } finally {
    await client.end().catch(() => {});
  }
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
