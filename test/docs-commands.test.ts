/** docs/*.md run as written (test/readme-commands.test.ts says why a file of their own). */
import { repoRoot } from "./cli-helpers.js";
import { allDocCommands } from "./doc-commands.js";
import { describeDocCommands } from "./doc-runner.js";
import { DOCS } from "./doc-shares.js";

describeDocCommands("docs/*.md run as written", allDocCommands(repoRoot).filter(DOCS));
