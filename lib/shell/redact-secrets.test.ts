import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED, redactSecrets } from "./redact-secrets";

describe("createRedactor", () => {
  it("replaces every occurrence of every secret", () => {
    const redact = createRedactor(["hunter2", "tok_abc"]);
    expect(redact("pw=hunter2 again hunter2, token tok_abc")).toBe(
      `pw=${REDACTED} again ${REDACTED}, token ${REDACTED}`,
    );
  });

  it("treats secrets literally, not as patterns", () => {
    expect(redactSecrets("a.*b and a+b", ["a.*b"])).toBe(`${REDACTED} and a+b`);
  });

  it("replaces a longer secret before a shorter one it contains", () => {
    expect(redactSecrets("secret-long", ["secret", "secret-long"])).toBe(REDACTED);
  });

  it("also catches the JSON-escaped form of a secret", () => {
    const secret = 'p"a\\s<s>\n';
    const line = JSON.stringify({ value: secret });
    expect(redactSecrets(line, [secret])).toBe(`{"value":"${REDACTED}"}`);
    const goEscaped = '{"value":"p\\"a\\\\s\\u003cs\\u003e\\n"}';
    expect(redactSecrets(goEscaped, [secret])).toBe(`{"value":"${REDACTED}"}`);
  });

  it("ignores empty secrets and returns lines unchanged without secrets", () => {
    expect(createRedactor(["", ""])("nothing to hide")).toBe("nothing to hide");
  });
});
