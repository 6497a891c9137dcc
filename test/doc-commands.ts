/**
 * The ```sh blocks of README.md and docs/*.md as commands: continuation lines joined, comments
 * dropped, `a && b` split, each command split into words as a POSIX shell would for the quoting the
 * docs use ("..." and '...'). No expansion: the docs' commands use none.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface DocCommand {
  /** The file and the 1-based line the command starts on. */
  where: string;
  /** The command as written (one line). */
  text: string;
  words: string[];
  /** Index of the ```sh block within its file (commands of one block run together). */
  block: number;
}

/** Split one shell line into commands of words; `#` at a word start begins a comment. */
export function shellCommands(line: string): string[][] {
  const cmds: string[][] = [[]];
  let word: string | null = null;
  let i = 0;
  const end = () => {
    if (word !== null) cmds[cmds.length - 1]!.push(word);
    word = null;
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'" || ch === '"') {
      const close = line.indexOf(ch, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, close);
      i = close + 1;
    } else if (ch === " " || ch === "\t") {
      end();
      i++;
    } else if (ch === "#" && word === null) {
      break;
    } else if (line.startsWith("&&", i)) {
      end();
      cmds.push([]);
      i += 2;
    } else {
      word = (word ?? "") + ch;
      i++;
    }
  }
  end();
  return cmds.filter((c) => c.length > 0);
}

export function docCommands(file: string, label: string): DocCommand[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: DocCommand[] = [];
  let block = -1;
  let inSh = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!inSh) {
      if (/^```sh\s*$/.test(l)) {
        inSh = true;
        block++;
      }
      continue;
    }
    if (/^```\s*$/.test(l)) {
      inSh = false;
      continue;
    }
    const start = i;
    let text = l;
    while (text.endsWith("\\") && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    for (const words of shellCommands(text))
      out.push({ where: `${label}:${start + 1}`, text: words.join(" "), words, block });
  }
  return out;
}

/** README.md, then docs/*.md in name order. */
export function allDocCommands(root: string): DocCommand[] {
  const files = [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((f) => docCommands(join(root, f), f));
}
