import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/slow-first-sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: forks keep gRPC and child processes of one file away from another.
    pool: "forks",
    maxWorkers: 2,
    // The slowest files first on a clean clone, so no long file starts last (test/slow-first-sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
  },
});
