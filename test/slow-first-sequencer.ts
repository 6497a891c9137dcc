/**
 * The order vitest starts test files in, when it knows nothing of earlier runs (a clean clone, as
 * in CI): the files measured slowest first. vitest schedules by file on its two workers, and with
 * no cached durations it starts the largest files first; the slowest files are small (a table of
 * documented commands, a list of Ctrl-C instants), so one could start last and run alone at the
 * end. With durations cached from an earlier run, vitest's own order (longest first) is kept.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Wall seconds per file in the clean-clone CI run of stop 17 (`bash .ci/run`, 2 cores, 2 workers,
 * vitest 688 s); for a file split since, its tests' share of that run. Only the order matters:
 * files not listed start after these, in vitest's order.
 */
export const MEASURED_S: Readonly<Record<string, number>> = {
  "test/docs-commands.test.ts": 147,
  "test/readme-commands.test.ts": 111,
  "test/emu-interrupt-2.test.ts": 105,
  "test/emu-interrupt.test.ts": 105,
  "test/view-browser.test.ts": 84,
  "test/apps-external.test.ts": 47,
  "test/readme-commands-2.test.ts": 46,
  "test/emu-cli.test.ts": 45,
  "test/emu-security.test.ts": 45,
  "test/emu-virtual.test.ts": 38,
  "test/report-czml.test.ts": 31,
  "test/emu-faults.test.ts": 29,
  "test/eo-replay-workers.test.ts": 26,
  "test/bad-inputs.test.ts": 26,
  "test/emu-launch-clock.test.ts": 24,
  "test/cli-orbit.test.ts": 24,
  "test/replay-interrupt.test.ts": 22,
  "test/report-metrics.test.ts": 22,
};

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId);
    if (sorted.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${key(f)}`))) return sorted;
    // Array.prototype.sort is stable: unlisted files keep vitest's order after the listed ones.
    return [...sorted].sort((a, b) => (MEASURED_S[key(b)] ?? 0) - (MEASURED_S[key(a)] ?? 0));
  }
}
