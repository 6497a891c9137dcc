/**
 * apps-plan.json: how the launcher hands the apps plan to child host processes. A file in the run
 * dir rather than argv, since the node table of a large constellation exceeds what one command-line
 * argument may hold (Linux MAX_ARG_STRLEN, 128 KiB). Hosts on other machines will need the run dir
 * (and the app modules) shared or shipped: the same holds for the modules themselves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../util/atomic-write.js";
import type { AppsPlan } from "./plan.js";

export type { AppsPlan };

export const APPS_PLAN_FILE = "apps-plan.json";

export function writeAppsPlan(plan: AppsPlan): string {
  const path = join(plan.runDir, APPS_PLAN_FILE);
  writeFileAtomic(path, JSON.stringify(plan), 0o600);
  return path;
}

export function readAppsPlan(path: string): AppsPlan {
  return JSON.parse(readFileSync(path, "utf8")) as AppsPlan;
}
