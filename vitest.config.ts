import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: forks keep gRPC and child processes of one file away from another.
    pool: "forks",
    maxWorkers: 2,
  },
});
