import { describe, expect, it } from "vitest";
import { remoteCommandLine } from "../../lib/ssh/quote-remote-arg";
import { splitShellWords } from "./split-shell-words";

describe("splitShellWords", () => {
  it("splits words and removes quoting like sh", () => {
    expect(splitShellWords(`sudo docker ps --format '{{json .}}'`)).toEqual({ ok: true, words: ["sudo", "docker", "ps", "--format", "{{json .}}"] });
    expect(splitShellWords(`a"b c"'d'\\ e  'it'\\''s'`)).toEqual({ ok: true, words: ["ab cd e", "it's"] });
    expect(splitShellWords(`''`)).toEqual({ ok: true, words: [""] });
  });

  it("reads back exactly what the SSH adapter quoted", () => {
    const argv = ["sudo", "docker", "exec", "pgsql", "psql", "-c", "ALTER DATABASE sg SET x = 'y'; SELECT $1 `id` *"];
    expect(splitShellWords(remoteCommandLine(argv))).toEqual({ ok: true, words: argv });
  });

  it("refuses what a real shell would interpret", () => {
    for (const line of ["ls; id", "echo $(id)", "echo `id`", "a | b", "a > f", "rm *", "FOO=1 docker ps", `echo "$HOME"`, "echo 'open"]) {
      expect(splitShellWords(line).ok, line).toBe(false);
    }
  });
});
