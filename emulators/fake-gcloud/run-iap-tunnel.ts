import http from "node:http";
import net from "node:net";
import type { Socket } from "node:net";
import { caddyListening } from "../sourcegraph/instance-record";
import { forwardToCaddy } from "./forward-to-caddy";
import { close, listenEverywhere, localAddresses, pickUnusedPort, portIsFree } from "./local-sockets";
import type { VmLookup } from "./look-up-vm";
import type { IapTunnelInvocation } from "./parse-iap-tunnel-args";

/**
 * `gcloud compute start-iap-tunnel VM PORT`, after the VM was found: prints what gcloud prints
 * (googlecloudsdk/command_lib/compute/iap_tunnel.py and start_iap_tunnel.py), in its order
 * and on its streams, then forwards every local connection to the VM's Caddy, played by the
 * Sourcegraph emulator, until SIGINT:
 *
 *   stderr  Picking local unused port [N].          (only for port 0)
 *   stderr  Testing if tunnel connection works.     (unless --iap-tunnel-disable-connection-check)
 *   stdout  Listening on port [N].                  (log.out: Python block-buffers it on a pipe)
 *   stderr  Server shutdown complete.               (after Ctrl-C; exit 0)
 *
 * Only Caddy (port 80) is emulated; any other port fails the connection test the way a port
 * IAP cannot reach does (4003), and so does a VM that is not RUNNING, has nothing deployed
 * yet, or carries the `sshUnreachable` fault. SIGTERM ends the process at once, as it does
 * gcloud's (Python's default handler), losing whatever stdout still held.
 */
const COMMAND = "gcloud.compute.start-iap-tunnel";
export const CADDY_PORT = 80;

export interface TunnelContext {
  env: NodeJS.ProcessEnv;
  stdoutIsTty: boolean;
  /** Resolves when the user presses Ctrl-C (SIGINT). */
  interrupted: Promise<void>;
}

export async function runIapTunnel(invocation: IapTunnelInvocation, vm: Extract<VmLookup, { found: true }>, context: TunnelContext): Promise<number> {
  const stdout = new PythonStdout(context.stdoutIsTty || pythonUnbuffered(context.env));
  const emulator = sourcegraphEmulatorUrl(context.env);
  if (!emulator) {
    stderr("fake gcloud: set SOURCEGRAPH_EMULATOR_URL (e.g. http://127.0.0.1:4020) to where the Sourcegraph emulator listens");
    return 1;
  }

  const addresses = await localAddresses(invocation.localHost);
  let port = invocation.localPort;
  if (port === 0) {
    const picked = await pickUnusedPort(addresses);
    if (picked === null) {
      stderr(`ERROR: (${COMMAND}) Unable to open socket on port [0].`);
      return 1;
    }
    port = picked;
    stderr(`Picking local unused port [${port}].`);
  } else if (!(await portIsFree(addresses, port))) {
    stderr(`ERROR: (${COMMAND}) Local port [${port}] is not available.`);
    return 1;
  }

  const backendError = `Error while connecting [4003: 'failed to connect to backend']. (Failed to connect to port ${invocation.instancePort})`;
  const reachable = await backendReachable(vm, invocation.instancePort, emulator);
  if (invocation.checkConnection) {
    stderr("Testing if tunnel connection works.");
    if (!reachable) {
      stderr(`ERROR: (${COMMAND}) While checking if a connection can be made: ${backendError}`);
      return 1;
    }
  }

  const agent = new http.Agent({ keepAlive: true });
  const target = { emulator, prefix: `/vm/${invocation.project}/${invocation.vm}`, agent };
  const clients = new Set<Socket>();
  const servers = await listenEverywhere(addresses, port, () => {
    const server = http.createServer((req, res) => forwardToCaddy(target, req, res));
    server.on("connection", (socket: Socket) => {
      if (!reachable) {
        // Without the up-front check, each connection's own WebSocket fails instead.
        stderr(`ERROR: [${process.pid}] Error during local connection to [${socket.remoteAddress}:${socket.remotePort}]: ${backendError}`);
        socket.destroy();
        return;
      }
      clients.add(socket);
      socket.once("close", () => clients.delete(socket));
    });
    return server;
  });
  if (servers.length === 0) {
    stderr(`ERROR: (${COMMAND}) Unable to open socket on port [${port}].`);
    return 1;
  }
  stdout.print(`Listening on port [${port}].`);

  await context.interrupted;
  const closing = Promise.all(servers.map(close));
  const open = clients.size;
  for (const socket of clients) socket.destroy();
  await closing;
  agent.destroy();
  if (open > 0) stderr(`Closed [${open}] local connection(s).`);
  stderr("Server shutdown complete.");
  stdout.flush();
  return 0;
}

/** Where the Sourcegraph emulator listens: SOURCEGRAPH_EMULATOR_URL, else the origin of SOURCEGRAPH_BASE_URL_TEMPLATE. */
export function sourcegraphEmulatorUrl(env: NodeJS.ProcessEnv): URL | null {
  for (const raw of [env.SOURCEGRAPH_EMULATOR_URL, env.SOURCEGRAPH_BASE_URL_TEMPLATE?.replaceAll("{slug}", "x")]) {
    if (!raw?.trim()) continue;
    try {
      const url = new URL(raw.trim());
      if (url.protocol === "http:") return new URL(url.origin);
    } catch {
      // not a URL: try the next one
    }
  }
  return null;
}

/** What IAP's connection test finds: Caddy answering on that port of a running VM. */
async function backendReachable(vm: Extract<VmLookup, { found: true }>, port: number, emulator: URL): Promise<boolean> {
  if (port !== CADDY_PORT || vm.status !== "RUNNING" || !vm.instance || vm.instance.faults.sshUnreachable || !caddyListening(vm.instance)) return false;
  return new Promise((resolve) => {
    const socket = net.connect({ host: emulator.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(emulator.port || 80) });
    socket.setTimeout(5_000, () => socket.destroy(new Error("timeout")));
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function pythonUnbuffered(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.PYTHONUNBUFFERED) || (env.CLOUDSDK_PYTHON_ARGS ?? "").split(/\s+/).includes("-u");
}

function stderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * gcloud's stdout as Python gives it: line-buffered on a terminal, block-buffered on a pipe
 * (so "Listening on port" reaches a parent process only when gcloud exits), unless
 * PYTHONUNBUFFERED is set. Its stderr is unbuffered either way.
 */
class PythonStdout {
  private held: string[] = [];
  constructor(private readonly unbuffered: boolean) {}
  print(line: string): void {
    if (this.unbuffered) process.stdout.write(`${line}\n`);
    else this.held.push(line);
  }
  flush(): void {
    for (const line of this.held.splice(0)) process.stdout.write(`${line}\n`);
  }
}
