/**
 * "Did you mean ...?" for a name the user mistyped (a station, a satellite, a YAML key, a mode),
 * by edit distance (fastest-levenshtein), case-insensitively.
 */
import { distance } from "fastest-levenshtein";

/** The candidate nearest to `value`, if near enough to be a plausible typo of it. */
export function nearestName(value: string, candidates: readonly string[]): string | undefined {
  const v = value.trim().toLowerCase();
  if (v === "") return undefined;
  // A unique partial name ("Svalbard" for "Svalbard SvalSat") beats edit distance.
  const partial = candidates.filter((c) => c.toLowerCase().includes(v));
  if (partial.length === 1) return partial[0];
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(v, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // At most a third of the name wrong (and at least 1 edit allowed): "Londn" -> "London",
  // but "Atlantis" suggests nothing rather than the least unlike city.
  return best !== undefined && bestD <= Math.max(1, Math.floor(v.length / 3)) ? best : undefined;
}

/** ` (did you mean "X"?)`, or "" when nothing is near. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const hit = nearestName(value, candidates);
  return hit === undefined ? "" : ` (did you mean ${JSON.stringify(hit)}?)`;
}
