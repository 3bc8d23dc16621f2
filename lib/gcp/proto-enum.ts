/**
 * An enum field as its name. Plain calls decode enums to names, but a long-running
 * operation's result is a decoded protobuf message whose enums are numbers.
 */
export function enumName(values: Record<string, string | number>, value: unknown, fallback = "STATE_UNSPECIFIED"): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    const name = Object.entries(values).find(([, v]) => v === value)?.[0];
    if (name) return name;
  }
  return fallback;
}
