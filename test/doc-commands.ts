/**
 * The ```sh blocks of README.md and docs/*.md as commands: continuation lines joined, comments
 * dropped, `a && b` split, each command split into words as a POSIX shell would for the quoting the
 * docs use ("..." and '...'). No expansion here: the few lines that need a shell (curl reading the
 * run's secret with `$(cat ...)`, a pipe) keep their `line` for the runner to give to sh.
 * A ```yaml block whose first line is a comment naming a file (`# starlink_550.yaml`) is the file
 * the reader is asked to write: it becomes a "write" step before the next ```sh block's commands.
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
  /** The whole line as written (continuations joined), for commands a shell must run. */
  line: string;
  /** A file the doc shows (a ```yaml block headed `# <name>`): its content, written as `words[1]`. */
  content?: string;
}

/** A ```yaml block's first line naming the file it is: `# name.yaml` (no spaces, no directory). */
const FILE_HEADER = /^#\s+([\w.-]+\.ya?ml)\s*$/;

/**
 * Lines that are commands to run (what a reader would type, from the line's start): the CLI,
 * npm/npx/node, curl, python3, grpcurl, after an optional `$ ` prompt and `VAR=value` assignments.
 * (A diagram's indented label such as " constellate view (Node)" is not one.)
 */
export const COMMAND_LINE =
  /^(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:constellate|npm|npx|node|curl|python3|grpcurl)(?:\s|$)/;

/**
 * Code blocks of a Markdown file that hold a command line but are not ```sh blocks (so the doc
 * runner never runs them): fenced blocks of any other info string, and indented code blocks.
 */
export function unrunCommandBlocks(file: string, label: string): string[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: string[] = [];
  let fence: { info: string; line: number; reported: boolean } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const f = /^\s*```\s*(\S*)/.exec(l);
    if (f) {
      fence = fence ? null : { info: f[1]!, line: i + 1, reported: false };
      continue;
    }
    if (fence) {
      if (fence.info !== "sh" && !fence.reported && COMMAND_LINE.test(l)) {
        out.push(`${label}:${i + 1} (in a \`\`\`${fence.info} fence from line ${fence.line}): ${l.trim()}`);
        fence.reported = true;
      }
      continue;
    }
    // An indented code block: four spaces after a blank line (list continuations here use two).
    if (/^ {4}\S/.test(l) && (lines[i - 1] ?? "").trim() === "" && COMMAND_LINE.test(l.slice(4)))
      out.push(`${label}:${i + 1} (an indented code block): ${l.trim()}`);
  }
  return out;
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
      const name = /^```ya?ml\s*$/.test(l) ? FILE_HEADER.exec(lines[i + 1] ?? "")?.[1] : undefined;
      if (name) {
        const end = lines.indexOf("```", i + 1);
        if (end < 0) throw new Error(`${label}:${i + 1}: unclosed yaml block`);
        const content = `${lines.slice(i + 1, end).join("\n")}\n`;
        // It belongs to the next ```sh block: the commands that use the file.
        out.push({
          where: `${label}:${i + 2}`,
          text: `write ${name}`,
          words: ["write", name],
          block: block + 1,
          line: lines[i + 1]!,
          content,
        });
        i = end;
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
      out.push({ where: `${label}:${start + 1}`, text: words.join(" "), words, block, line: text });
  }
  return out;
}

/** README.md, then docs/*.md in name order. */
export function docFiles(root: string): string[] {
  return [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

export function allDocCommands(root: string): DocCommand[] {
  return docFiles(root).flatMap((f) => docCommands(join(root, f), f));
}
