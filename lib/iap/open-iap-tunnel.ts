import net from "node:net";
import { findExecutable } from "../shell/find-executable";
import { ProcessSpawnError, runProcess, type OutputStream, type ProcessResult } from "../shell/run-process";
import { IapTunnelError } from "./iap-tunnel-error";
import { checkIapTunnelTarget, LOCAL_HOST, parseTunnelLine, startIapTunnelArgs, type IapTunnelTarget } from "./start-iap-tunnel-args";

export interface OpenIapTunnelOptions extends IapTunnelTarget {
  /** Aborting stops gcloud, whether the tunnel is still opening or already open. */
  signal?: AbortSignal;
  /** Each line gcloud prints, as it arrives (for the job log). */
  onLine?: (stream: OutputStream, line: string) => void;
  /** How long gcloud may take to listen. Default 60 s (gcloud itself waits up to 60 s for IAP). */
  readyTimeoutMs?: number;
}

export interface IapTunnel {
  localPort: number;
  /** e.g. http://127.0.0.1:51234: the VM's port as if it were local. */
  baseUrl: string;
  /** Stops gcloud (SIGINT, then SIGTERM, then SIGKILL) and resolves once it has exited. */
  close(): Promise<void>;
  /** Resolves when gcloud exits, for whatever reason. */
  exited: Promise<ProcessResult>;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const PROBE_INTERVAL_MS = 100;
const KEPT_STDERR_LINES = 10;

/**
 * Opens `gcloud compute start-iap-tunnel` to one port of a VM (the runbook's port-forward to
 * Caddy) and resolves once it accepts connections. gcloud names the port it picked on stderr;
 * it is ready when it prints "Listening on port [N]." or, since that line goes to stdout,
 * which Python may hold back on a pipe, as soon as the port accepts a TCP connection.
 *
 * Reaches the instance without the load balancer: before the managed certificate is issued
 * and past a Cloud Armor allowlist. Fails with IapTunnelError: "not-found" for an unknown VM,
 * "unreachable" when IAP cannot connect (4003), "timeout", "cancelled", or "failed" with the
 * tail of gcloud's stderr.
 */
export async function openIapTunnel(options: OpenIapTunnelOptions): Promise<IapTunnel> {
  const checked = checkIapTunnelTarget(options);
  const args = startIapTunnelArgs(checked);
  const { project, vm, remotePort } = checked;
  const where = `IAP tunnel to ${vm}:${remotePort} (${project})`;
  if (options.signal?.aborted) throw new IapTunnelError("cancelled", `${where}: cancelled`);
  // PATH is looked up now so a missing gcloud says so, instead of a bare ENOENT.
  const gcloud = await findExecutable("gcloud");
  if (!gcloud) throw new IapTunnelError("gcloud-missing", "gcloud is not installed (not found on PATH)");

  const stop = new AbortController();
  const relayAbort = () => stop.abort();
  options.signal?.addEventListener("abort", relayAbort, { once: true });
  const stderrTail: string[] = [];
  let port: number | null = null;
  let listening = false;
  let wake = () => {};

  let outcome: { result: ProcessResult } | { spawnError: unknown } | undefined;
  const exited = runProcess(gcloud, args, {
    signal: stop.signal,
    // gcloud stops promptly on SIGINT ("Server shutdown complete.").
    killGraceMs: 3_000,
    // gcloud is Python, which holds stdout back on a pipe; unbuffered, "Listening on port"
    // reaches us when it is printed (the TCP probe covers a gcloud that ignores this).
    env: { PYTHONUNBUFFERED: "1" },
    onLine: (stream, line) => {
      if (stream === "stderr" && stderrTail.push(line) > KEPT_STDERR_LINES) stderrTail.shift();
      const seen = parseTunnelLine(line);
      if (seen) {
        port ??= seen.port;
        listening ||= seen.listening && seen.port === port;
        wake();
      }
      options.onLine?.(stream, line);
    },
  });
  exited.then(
    (result) => {
      outcome = { result };
      wake();
    },
    (spawnError: unknown) => {
      outcome = { spawnError };
      wake();
    },
  );
  const stopAndWait = async () => {
    stop.abort();
    await exited.catch(() => {});
    options.signal?.removeEventListener("abort", relayAbort);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  try {
    for (;;) {
      if (outcome && "spawnError" in outcome) {
        const cause = outcome.spawnError;
        throw new IapTunnelError("gcloud-missing", cause instanceof ProcessSpawnError ? cause.message : String(cause), null, [], { cause });
      }
      if (stop.signal.aborted) throw new IapTunnelError("cancelled", `${where}: cancelled`, null, [...stderrTail]);
      if (outcome) throw exitedEarly(where, outcome.result, stderrTail);
      if (port !== null && (listening || (await acceptsConnections(port)))) break;
      if (Date.now() >= deadline) {
        throw new IapTunnelError("timeout", `${where}: not listening within ${options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS} ms`, null, [...stderrTail]);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PROBE_INTERVAL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  } catch (error) {
    await stopAndWait();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const localPort: number = port;
  return {
    localPort,
    baseUrl: `http://${LOCAL_HOST}:${localPort}`,
    close: () => (closing ??= stopAndWait()),
    exited,
  };
}

function exitedEarly(where: string, result: ProcessResult, stderrTail: string[]): IapTunnelError {
  const tail = [...stderrTail];
  const text = tail.join("\n");
  const kind = /was not found/.test(text) ? "not-found" : /\[40\d\d: /.test(text) ? "unreachable" : "failed";
  const how = result.exitCode ?? result.signal;
  const said = tail.map((l) => l.trim()).filter((l) => l && !/^(Picking local unused port|Testing if tunnel connection works)/.test(l));
  const detail = said.length ? said.join(" | ") : "no output";
  return new IapTunnelError(kind, `${where} failed (exit ${how}): ${detail}`, result.exitCode, tail);
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOCAL_HOST, port });
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}
