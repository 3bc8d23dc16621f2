import { CONFIG_KEYS, configSchema, type Config } from "./config-schema";

export type { Config } from "./config-schema";

type Env = Record<string, string | undefined>;

/** Every problem of a configuration, each naming its variable; thrown at start. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing to start; set these and start again:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

// Values that may hold a password are named, never echoed.
const SENSITIVE = /SECRET|TOKEN|KEY|DATABASE_URL/;

function parse(env: Env): { config: Config | null; problems: string[]; badKeys: Set<string> } {
  const result = configSchema.safeParse(env);
  if (result.success) return { config: result.data, problems: [], badKeys: new Set() };
  const badKeys = new Set<string>();
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    badKeys.add(key);
    const shown = SENSITIVE.test(key) ? "" : `=${JSON.stringify(env[key])}`;
    return `${key}${shown}: ${issue.message}`;
  });
  return { config: null, problems, badKeys };
}

/** The configuration of an environment; throws a ConfigError naming every bad value. Tests build configurations with it. */
export function parseConfig(env: Env): Config {
  const { config, problems } = parse(env);
  if (!config) throw new ConfigError(problems);
  return config;
}

/**
 * Every problem at once: the values that do not fit the schema, then what `checks` finds in
 * the rest (with the bad values left at their defaults), e.g. settings missing outside demo
 * mode. Empty: the process may start.
 */
export function configProblems(env: Env, checks: (config: Config) => string[] = () => []): string[] {
  const { config, problems, badKeys } = parse(env);
  const usable = config ?? parseConfig(Object.fromEntries(Object.entries(env).filter(([k]) => !badKeys.has(k))));
  return [...problems, ...checks(usable)];
}

let cached: { fingerprint: string; config: Config } | undefined;

/**
 * The process's configuration, parsed from `process.env` the first time and kept. It is
 * parsed again only if one of its variables changed since: nothing does that in the web or a
 * worker, but tests set variables per test and the server entry sets its marker.
 */
export function config(): Config {
  const env = process.env;
  const fingerprint = CONFIG_KEYS.map((k) => env[k] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, config: parseConfig(env) };
  return cached.config;
}

/**
 * Called first by each entry point (the web's instrumentation, workers/main.ts): parses the
 * environment and throws one ConfigError listing every problem, so a bad value stops the
 * process at start rather than a job an hour later.
 */
export function loadConfigAtStart(checks: (config: Config) => string[] = () => []): Config {
  const problems = configProblems(process.env, checks);
  if (problems.length) throw new ConfigError(problems);
  return config();
}
