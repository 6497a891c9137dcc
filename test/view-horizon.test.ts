import { describe, expect, it } from "vitest";
import { markHidden, OCCLUDER_MARGIN_M, OCCLUDER_RADIUS_M } from "../web/view/horizon.js";

/** One node at (x, y, z) km seen from a camera at (cx, 0, 0) km: hidden? */
function hiddenFrom(cxKm: number, p: [number, number, number], valid = 1): number {
  const m = Float64Array.from(p, (v) => v * 1000);
  const out = new Uint8Array(1);
  markHidden(m, Uint8Array.of(valid), 1, cxKm * 1000, 0, 0, out);
  return out[0]!;
}

describe("view horizon culling (web/view/horizon.ts)", () => {
  it("uses a ball just inside the WGS-84 polar radius", () => {
    // 6,356.7523 km (NIMA TR8350.2) less the 100 km tile-sag margin (a 12 x 12 deg level-0 cell's
    // centre sags 6,378.137 (1 - cos 6 deg cos 6 deg) = 69.7 km below the surface).
    expect(OCCLUDER_RADIUS_M).toBeCloseTo(6_256_752.3142, 3);
    expect(6_378.137 * (1 - Math.cos((6 * Math.PI) / 180) ** 2)).toBeLessThan(OCCLUDER_MARGIN_M / 1000);
  });

  it("hides what the Earth hides and nothing else (hand-computed sightlines)", () => {
    // Camera 20,000 km out on +x. A node straight behind the Earth: the sightline passes the centre.
    expect(hiddenFrom(20_000, [-7_000, 0, 0])).toBe(1);
    // In front of the Earth.
    expect(hiddenFrom(20_000, [7_000, 0, 0])).toBe(0);
    // Off to the side at 7,000 km: the sightline's closest approach to the centre is
    // |C x P| / |P - C| = 20,000 * 7,000 / sqrt(20,000^2 + 7,000^2) = 6,606.9 km > 6,256.8: visible.
    expect(hiddenFrom(20_000, [0, 7_000, 0])).toBe(0);
    // At 6,500 km: 20,000 * 6,500 / sqrt(20,000^2 + 6,500^2) = 6,181.7 km < 6,256.8 (reached at
    // t = 4e8 / 4.4225e8 = 0.90 of the way, inside the segment): hidden.
    expect(hiddenFrom(20_000, [0, 6_500, 0])).toBe(1);
    // Between the camera and the Earth: never hidden.
    expect(hiddenFrom(20_000, [10_000, 100, 0])).toBe(0);
    // A node without a position is not drawn, so it counts as hidden.
    expect(hiddenFrom(20_000, [7_000, 0, 0], 0)).toBe(1);
  });

  it("a segment between two hidden points is hidden along its length (the convexity the culling relies on)", () => {
    // Deterministic LCG (Numerical Recipes constants) so a failure reproduces.
    let s = 12345;
    const rnd = () => {
      s = (1664525 * s + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const cam = 25_000_000;
    const pts: number[] = [];
    while (pts.length < 3 * 400) {
      // Points in a shell 6,400-7,500 km from the centre, kept when hidden.
      const u = 2 * rnd() - 1;
      const phi = 2 * Math.PI * rnd();
      const r = 6.4e6 + 1.1e6 * rnd();
      const q = Math.sqrt(1 - u * u);
      const p = [r * q * Math.cos(phi), r * q * Math.sin(phi), r * u];
      const h = new Uint8Array(1);
      markHidden(Float64Array.from(p), Uint8Array.of(1), 1, cam, 0, 0, h);
      if (h[0] === 1) pts.push(...p);
    }
    const n = pts.length / 3;
    const mids = new Float64Array(3 * 9 * (n - 1));
    for (let i = 0; i + 1 < n; i++)
      for (let j = 1; j <= 9; j++)
        for (let c = 0; c < 3; c++)
          mids[3 * (9 * i + j - 1) + c] =
            pts[3 * i + c]! + (j / 10) * (pts[3 * (i + 1) + c]! - pts[3 * i + c]!);
    const count = mids.length / 3;
    const hidden = new Uint8Array(count);
    markHidden(mids, new Uint8Array(count).fill(1), count, cam, 0, 0, hidden);
    expect(hidden.every((h) => h === 1)).toBe(true);
  });
});
