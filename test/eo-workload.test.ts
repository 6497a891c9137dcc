/** Workload files and seeded generators. */
import { describe, expect, it } from "vitest";
import { generateWorkload } from "../src/eo/generators.js";
import { mulberry32 } from "../src/eo/prng.js";
import {
  formatWorkloadCsv,
  formatWorkloadJsonl,
  parseWorkloadCsv,
  parseWorkloadJsonl,
  resolveWorkload,
} from "../src/eo/workload.js";
import { InputError } from "../src/util/input-error.js";

const H = 3_600_000;

describe("mulberry32", () => {
  it("matches the reference generator's first outputs for seed 0", () => {
    // mulberry32(0)() = 0.26642920868471265, the value quoted with the algorithm in bryc's answer to
    // "Seeding the random number generator in JavaScript" (Stack Overflow, q. 521295).
    const r = mulberry32(0);
    const first = Math.round(r() * 4294967296);
    expect(first).toBe(1144304738);
  });
});

describe("generators", () => {
  it("give the same workload for the same seed, and a different one for another seed", () => {
    for (const kind of ["land", "shipping", "wildfire", "mixed"] as const) {
      const a = generateWorkload({ kind, seed: 42, count: 200, horizonMs: 24 * H });
      const b = generateWorkload({ kind, seed: 42, count: 200, horizonMs: 24 * H });
      const c = generateWorkload({ kind, seed: 43, count: 200, horizonMs: 24 * H });
      expect(formatWorkloadJsonl(a)).toBe(formatWorkloadJsonl(b));
      expect(formatWorkloadJsonl(a)).not.toBe(formatWorkloadJsonl(c));
    }
  });

  it("keep every request inside the horizon and on the globe, with the kind's priorities", () => {
    const w = generateWorkload({ kind: "mixed", seed: 1, count: 1000, horizonMs: 24 * H });
    expect(w).toHaveLength(1000);
    const tags = new Set(w.map((r) => r.tag));
    expect(tags).toEqual(new Set(["land", "shipping", "wildfire"]));
    for (const r of w) {
      if (!("offsetMs" in r.start) || !("offsetMs" in r.end)) throw new Error("offsets expected");
      expect(r.start.offsetMs).toBeGreaterThanOrEqual(0);
      expect(r.end.offsetMs).toBeLessThanOrEqual(24 * H);
      expect(r.end.offsetMs).toBeGreaterThan(r.start.offsetMs);
      if (r.target.kind !== "point") throw new Error("points expected");
      expect(Math.abs(r.target.latDeg)).toBeLessThanOrEqual(90);
      expect(Math.abs(r.target.lonDeg)).toBeLessThanOrEqual(180);
      if (r.tag === "wildfire") expect(r.priority).toBeGreaterThanOrEqual(5);
      if (r.tag === "land") expect(r.priority).toBeLessThanOrEqual(2);
    }
  });
});

describe("workload files", () => {
  it("round-trip through JSONL and CSV", () => {
    const w = generateWorkload({ kind: "shipping", seed: 9, count: 50, horizonMs: 12 * H });
    expect(parseWorkloadJsonl(formatWorkloadJsonl(w), "w.jsonl")).toEqual(w);
    expect(parseWorkloadCsv(formatWorkloadCsv(w), "w.csv")).toEqual(w);
  });

  it("read points, boxes, absolute times and offsets", () => {
    const text = [
      "# a comment",
      '{"id":"a","start":"+0s","end":"+6h","lat":37.7,"lon":-122.4,"priority":3,"tag":"wildfire"}',
      "",
      '{"id":"b","start":"2026-01-01T01:00:00Z","end":"2026-01-01T02:00:00Z","bbox":[-10,35,5,44],"tag":"land"}',
    ].join("\n");
    const w = parseWorkloadJsonl(text, "x.jsonl");
    const r = resolveWorkload(w, Date.parse("2026-01-01T00:00:00Z"));
    expect(r[0]!.startUnixMs).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(r[0]!.endUnixMs).toBe(Date.parse("2026-01-01T06:00:00Z"));
    expect(r[1]!.target).toEqual({
      kind: "bbox",
      minLonDeg: -10,
      minLatDeg: 35,
      maxLonDeg: 5,
      maxLatDeg: 44,
    });
    expect(r[1]!.priority).toBe(1);
  });

  function errorOf(f: () => unknown): InputError {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error("expected an InputError");
  }

  it("reject a bad JSONL line naming file, line, field and value", () => {
    const text = [
      '{"id":"a","start":"+0s","end":"+6h","lat":37.7,"lon":-122.4,"tag":"land"}',
      '{"id":"b","start":"+0s","end":"+6h","lat":95,"lon":0,"tag":"land"}',
    ].join("\n");
    const e = errorOf(() => parseWorkloadJsonl(text, "bad.jsonl"));
    expect(e.location).toMatchObject({ file: "bad.jsonl", line: 2, field: "lat", value: 95 });
    expect(e.message).toContain("bad.jsonl:2");
  });

  it("reject a bad CSV field naming file, line, field and value", () => {
    const text = "id,start,end,lat,lon,priority,tag\na,+0s,+1h,10,20,3,x\nb,+0s,soon,10,20,3,x\n";
    const e = errorOf(() => parseWorkloadCsv(text, "bad.csv"));
    expect(e.location).toMatchObject({ file: "bad.csv", line: 3, field: "end", value: "soon" });
  });

  it("reject a window that ends before it starts, non-JSON, and missing targets", () => {
    expect(
      errorOf(() => parseWorkloadJsonl('{"start":"+2h","end":"+1h","lat":0,"lon":0}', "f")).location.field,
    ).toBe("end");
    expect(errorOf(() => parseWorkloadJsonl("{nope", "f")).location.line).toBe(1);
    expect(errorOf(() => parseWorkloadJsonl('{"start":"+0s","end":"+1h"}', "f")).message).toContain("target");
    expect(
      errorOf(() => parseWorkloadJsonl('{"start":"+0s","end":"+1h","lat":1,"lon":1,"priority":12}', "f"))
        .location.field,
    ).toBe("priority");
  });
});
