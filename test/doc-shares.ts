/**
 * Which documented commands each doc-running test file runs (readme-commands.test.ts,
 * readme-commands-2.test.ts, docs-commands.test.ts): whole ```sh blocks, so a block's launch and
 * the status, ping or stop that use it stay together.
 */
import type { DocCommand } from "./doc-commands.js";

const inReadme = (c: DocCommand) => c.where.startsWith("README.md:");

/** README.md's first two blocks: npm start, first steps, replays, the launch with status/ping/trace. */
export const README_FIRST = (c: DocCommand): boolean => inReadme(c) && c.block <= 1;
/** README.md's later blocks: catalog, exports, the view, metrics, the ping app. */
export const README_LATER = (c: DocCommand): boolean => inReadme(c) && c.block >= 2;
/** docs/*.md. */
export const DOCS = (c: DocCommand): boolean => !inReadme(c);
