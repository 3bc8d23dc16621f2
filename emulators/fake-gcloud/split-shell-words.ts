/**
 * Splits a remote command line the way the VM's POSIX shell would, for the subset of shell
 * our SSH adapter produces: words, 'single quotes', "double quotes" and backslashes. Anything
 * that would make a real shell do more than run one command (; | & $ ` > globbing, a leading
 * VAR=value) is refused: in tests, that means a quoting bug in the adapter shows up as a
 * failure instead of silently "working" here and running something else in production.
 */
export type SplitResult = { ok: true; words: string[] } | { ok: false; error: string };

const UNQUOTED_SPECIAL = new Set([";", "&", "|", "<", ">", "(", ")", "$", "`", "*", "?", "[", "]", "{", "}", "~", "#", "!"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function splitShellWords(line: string): SplitResult {
  const words: string[] = [];
  let word: string | null = null;
  let wordHadQuotes = false;
  const endWord = () => {
    if (word === null) return;
    if (words.length === 0 && !wordHadQuotes && ASSIGNMENT.test(word)) throw new Refusal(`a leading assignment (${word}) is not emulated`);
    words.push(word);
    word = null;
    wordHadQuotes = false;
  };
  try {
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === " " || c === "\t" || c === "\n") {
        endWord();
      } else if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close === -1) throw new Refusal("unterminated single quote");
        word = (word ?? "") + line.slice(i + 1, close);
        wordHadQuotes = true;
        i = close;
      } else if (c === '"') {
        let text = "";
        for (i++; ; i++) {
          if (i >= line.length) throw new Refusal("unterminated double quote");
          const d = line[i];
          if (d === '"') break;
          if (d === "$" || d === "`") throw new Refusal(`expansion inside double quotes (${d}) is not emulated`);
          if (d === "\\" && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) {
            i++;
            if (line[i] !== "\n") text += line[i];
          } else {
            text += d;
          }
        }
        word = (word ?? "") + text;
        wordHadQuotes = true;
      } else if (c === "\\") {
        if (i + 1 >= line.length) throw new Refusal("trailing backslash");
        i++;
        if (line[i] !== "\n") word = (word ?? "") + line[i];
        wordHadQuotes = true;
      } else if (UNQUOTED_SPECIAL.has(c)) {
        throw new Refusal(`unquoted ${JSON.stringify(c)} would be interpreted by the remote shell`);
      } else {
        word = (word ?? "") + c;
      }
    }
    endWord();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, words };
}

class Refusal extends Error {}
