/**
 * Hand-made TLEs for tests: the ISS example element set (CelesTrak's format page) with its name,
 * catalogue number, epoch, mean motion and BSTAR replaced, and the checksum recomputed per the
 * format (digits summed, '-' counts 1, mod 10), written independently of src/orbit/tle.ts.
 */

/** The line with its column-69 checksum. */
export function withChecksum(line: string): string {
  const body = line.slice(0, 68);
  let s = 0;
  for (const ch of body) s += ch === "-" ? 1 : /\d/.test(ch) ? Number(ch) : 0;
  return body + String(s % 10);
}

/** A 3LE (name line + two lines) with the given fields (columns per the format). */
export function tle(name: string, catnum: string, epoch: string, meanMotion: string, bstar: string): string {
  const l1 = `1 ${catnum}U 98067A   ${epoch}  .00000000  00000-0 ${bstar} 0  2927`;
  const l2 = `2 ${catnum}  51.6416 247.4627 0006703 130.5360 325.0288 ${meanMotion}563537`;
  return `${name}\n${withChecksum(l1)}\n${withChecksum(l2)}\n`;
}
