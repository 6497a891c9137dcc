/** README.md's blocks after the first two run as written (test/readme-commands.test.ts says why a file of their own). */
import { repoRoot } from "./cli-helpers.js";
import { allDocCommands } from "./doc-commands.js";
import { describeDocCommands } from "./doc-runner.js";
import { README_LATER } from "./doc-shares.js";

describeDocCommands(
  "README.md, after its first two sh blocks, runs as written",
  allDocCommands(repoRoot).filter(README_LATER),
);
