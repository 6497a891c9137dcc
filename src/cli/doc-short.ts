/**
 * CONSTELLATE_DOC_SHORT=1: the documentation's commands, short. test/doc-runner.ts runs
 * every command block of README.md and docs/*.md as written, the way Skyfield doctests its docs;
 * with this variable set, long runs are capped so the whole README runs in about two minutes.
 * This module is the one place the caps live; each cap applied is said on stderr, so no one
 * mistakes a capped result for the real one. Unset (the default), nothing changes.
 */
const CAPS_MS: Record<string, number> = {
  "--duration": 60_000,
  "--eo-duration": 60_000,
  "--hours": 2 * 3_600_000,
};
/** Requests of a workload (read or generated) kept under the cap. */
const CAP_REQUESTS = 200;

export const docShort = (): boolean => process.env.CONSTELLATE_DOC_SHORT === "1";

const said = new Set<string>();
function say(what: string, cap: string): void {
  if (said.has(what)) return;
  said.add(what);
  process.stderr.write(`constellate: CONSTELLATE_DOC_SHORT=1: ${what} capped at ${cap}\n`);
}

/** `ms` for `flag`, or its cap when CONSTELLATE_DOC_SHORT=1 and the flag has one. */
export function docShortMs(ms: number, flag: string): number {
  const cap = CAPS_MS[flag];
  if (!docShort() || cap === undefined || ms <= cap) return ms;
  say(flag, flag === "--hours" ? `${cap / 3_600_000} h` : `${cap / 60_000} min`);
  return cap;
}

/** The first CAP_REQUESTS requests when CONSTELLATE_DOC_SHORT=1. */
export function docShortRequests<T>(requests: T[]): T[] {
  if (!docShort() || requests.length <= CAP_REQUESTS) return requests;
  say("the workload", `${CAP_REQUESTS} requests`);
  return requests.slice(0, CAP_REQUESTS);
}
