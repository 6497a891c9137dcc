/**
 * Ctrl-C at any moment during `launch`: SIGINT to the whole process group at seeded random instants
 * of start-up, of the run, and of the shutdown (a second Ctrl-C while the first one's stop is under
 * way), 20 times across the three isolation modes (test/interrupt-helpers.ts says what each must
 * leave). This file runs the first ten instants, emu-interrupt-2.test.ts the other ten; the four
 * Ctrl-Cs during `replay` are replay-interrupt.test.ts.
 */
import { describeLaunchInterrupts, launchTrials } from "./interrupt-helpers.js";

describeLaunchInterrupts(
  "Ctrl-C during launch, 20 times at random instants: #0-#9",
  launchTrials().filter((t) => t.k < 10),
);
