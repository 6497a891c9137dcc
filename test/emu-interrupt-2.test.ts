/** Ctrl-C during `launch`, the seeded instants #10-#19 (test/emu-interrupt.test.ts has #0-#9 and says why). */
import { describeLaunchInterrupts, launchTrials } from "./interrupt-helpers.js";

describeLaunchInterrupts(
  "Ctrl-C during launch, 20 times at random instants: #10-#19",
  launchTrials().filter((t) => t.k >= 10),
);
