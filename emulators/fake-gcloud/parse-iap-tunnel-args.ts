/**
 * `gcloud compute start-iap-tunnel INSTANCE_NAME INSTANCE_PORT [--local-host-port=HOST:PORT]
 * [--zone Z] [--project P] [--iap-tunnel-disable-connection-check]`, read as gcloud reads it
 * (googlecloudsdk/command_lib/compute/start_iap_tunnel.py): INSTANCE_PORT is an integer in
 * 1–65535; --local-host-port defaults to `localhost:0`, its port may be omitted (0), and
 * port 0 means "pick an unused local port".
 */
export interface IapTunnelInvocation {
  kind: "iap-tunnel";
  vm: string;
  instancePort: number;
  zone: string;
  project: string;
  /** Where to listen: a host name or address (default `localhost`). */
  localHost: string;
  /** 0: pick an unused port, as gcloud does. */
  localPort: number;
  /** `--iap-tunnel-disable-connection-check` turns the up-front test off. */
  checkConnection: boolean;
}

type Parsed = IapTunnelInvocation | { kind: "usage-error"; exitCode: number; message: string };

const COMMAND = "gcloud.compute.start-iap-tunnel";
const VALUE_FLAGS = new Set(["--local-host-port", "--zone", "--project", "--verbosity"]);
const BOOLEAN_FLAGS = new Set(["--iap-tunnel-disable-connection-check", "--quiet", "-q"]);
const NOT_EMULATED = new Set(["--listen-on-stdin", "--network", "--region", "--dest-group"]);

/** `args`: what follows `compute start-iap-tunnel`. */
export function parseIapTunnelArgs(args: readonly string[]): Parsed {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq !== -1 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = eq !== -1 && arg.startsWith("--") ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return usage(2, `ERROR: (${COMMAND}) argument ${name}: expected one argument`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(arg)) {
      flags.set(arg, "true");
    } else if (NOT_EMULATED.has(name)) {
      return usage(2, `fake gcloud: start-iap-tunnel ${name} is not emulated (only INSTANCE_NAME INSTANCE_PORT --local-host-port)`);
    } else if (arg.startsWith("-")) {
      return usage(2, `ERROR: (${COMMAND}) unrecognized arguments: ${arg}`);
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length < 2) return usage(2, `ERROR: (${COMMAND}) argument INSTANCE_NAME INSTANCE_PORT: Must be specified.`);
  if (positionals.length > 2) return usage(2, `ERROR: (${COMMAND}) unrecognized arguments: ${positionals.slice(2).join(" ")}`);
  const [vm, portText] = positionals;
  const instancePort = Number(portText);
  if (!/^\d+$/.test(portText)) return usage(2, `ERROR: (${COMMAND}) argument INSTANCE_PORT: Value must be an integer; received: ${portText}`);
  if (instancePort < 1) return usage(2, `ERROR: (${COMMAND}) argument INSTANCE_PORT: Value must be greater than or equal to 1; received: ${portText}`);
  if (instancePort > 65535) return usage(2, `ERROR: (${COMMAND}) argument INSTANCE_PORT: Value must be less than or equal to 65535; received: ${portText}`);

  const local = parseHostPort(flags.get("--local-host-port") ?? "localhost:0");
  if (!local) {
    return usage(
      2,
      `ERROR: (${COMMAND}) argument --local-host-port: Failed to parse host and port. Expected format IPv4_ADDRESS_OR_HOSTNAME:PORT or [IPv6_ADDRESS]:PORT (where :PORT is optional).`,
    );
  }
  const zone = flags.get("--zone");
  const project = flags.get("--project");
  if (!zone) return usage(1, `ERROR: (${COMMAND}) Underspecified resource [${vm}]. Specify the [--zone] flag.`);
  if (!project) return usage(1, `ERROR: (${COMMAND}) The required property [project] is not currently set.`);
  return {
    kind: "iap-tunnel",
    vm,
    instancePort,
    zone,
    project,
    localHost: local.host,
    localPort: local.port,
    checkConnection: !flags.has("--iap-tunnel-disable-connection-check"),
  };
}

/** gcloud's HostPort: `host:port`, `host`, `:port`, `[v6]:port`; an empty host is localhost. */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*))(?::(\d*))?$/.exec(text);
  if (!match) return null;
  const host = match[1] ?? match[2] ?? "";
  const port = match[3] ? Number(match[3]) : 0;
  if (port > 65535) return null;
  return { host: host === "" ? "localhost" : host, port };
}

function usage(exitCode: number, message: string): Parsed {
  return { kind: "usage-error", exitCode, message };
}
