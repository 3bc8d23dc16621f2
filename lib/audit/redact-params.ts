const SECRET_KEY = /pass(word)?|secret|token|key|credential|authorization|cookie/i;

/** Drops the values of secret-looking keys, at any depth, before parameters are stored. */
export function redactParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactParams);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[REDACTED]" : redactParams(v)]),
    );
  }
  return value;
}
