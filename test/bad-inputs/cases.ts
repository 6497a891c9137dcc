/**
 * The bad-input corpus: one line per case, grouped by family. Each case is the argv after
 * `constellate` and a pattern its one-line error must match (so the case fails for the right
 * reason, not for any reason). Add a case by adding a line.
 */
import { GOOD_JSONL_LINE, type Sandbox } from "./sandbox.js";

export interface BadInput {
  family: string;
  name: string;
  argv: string[];
  /** What the one stderr line must say. */
  expect: RegExp;
}

/** Required options of commands, given where a case tests something else (commander reports them first). */
const REQUIRED: Record<string, string[]> = {
  passes: ["--station", "London"],
  eclipses: ["--sat", "0"],
  "export-hypatia": ["--out", "x"],
};

export function corpus(sb: Sandbox): BadInput[] {
  const cases: BadInput[] = [];
  const add = (family: string, name: string, argv: string[], expect: RegExp) =>
    cases.push({ family, name, argv, expect });
  const good = sb.p("good.yaml");
  const Y = (name: string, edit: (s: string) => string) => sb.yaml(name, edit);
  const F = (name: string, text: string) => sb.file(name, text);
  /** A constellation whose shell reads `file` as `format` elements. */
  const withElements = (name: string, file: string, format = "tle") =>
    Y(name, (s) =>
      s.replace(/walker: \{[^}]*\}/, `elements: { file: ${JSON.stringify(file)}, format: ${format} }`),
    );
  /** A JSONL workload of one line. */
  const W = (name: string, line: string) => F(`${name}.jsonl`, `${line}\n`);
  const withField = (patch: Record<string, unknown>, drop: string[] = []) => {
    const rec: Record<string, unknown> = { ...JSON.parse(GOOD_JSONL_LINE), ...patch };
    for (const k of drop) delete rec[k];
    return JSON.stringify(rec);
  };

  // ---- Usage: commands, options, arguments (commander), with suggestions.
  for (const [typo, near] of [
    ["positon", "positions"],
    ["pases", "passes"],
    ["latncy", "latency"],
    ["replya", "replay"],
    ["lauch", "launch"],
    ["eclipse", "eclipses"],
    ["shema", "schema"],
  ])
    add(
      "usage",
      `unknown command ${typo}`,
      [typo!, good],
      new RegExp(`unknown command '${typo}' \\(did you mean ${near}\\?\\)`),
    );
  add("usage", "unknown command, nothing near", ["teleport", good], /unknown command 'teleport'/);
  for (const cmd of [
    "info",
    "positions",
    "passes",
    "eclipses",
    "latency",
    "replay",
    "export-hypatia",
    "launch",
    "status",
    "ping",
    "trace",
    "schema",
  ])
    add(
      "usage",
      `${cmd}: unknown option`,
      [cmd, ...(REQUIRED[cmd] ?? []), "--bogus-flag"],
      /unknown option '--bogus-flag'/,
    );
  add(
    "usage",
    "info: --formt suggests --format",
    ["info", good, "--formt", "csv"],
    /did you mean --format\?/,
  );
  add(
    "usage",
    "passes: --hour suggests --hours",
    ["passes", good, "--station", "London", "--hour", "2"],
    /did you mean --hours\?/,
  );
  for (const cmd of [
    "info",
    "positions",
    "passes",
    "eclipses",
    "latency",
    "replay",
    "export-hypatia",
    "launch",
  ])
    add(
      "usage",
      `${cmd}: missing constellation argument`,
      [cmd, ...(REQUIRED[cmd] ?? [])],
      /missing required argument 'constellation'/,
    );
  add("usage", "replay: missing workload argument", ["replay", good], /missing required argument 'workload'/);
  add("usage", "ping: missing B", ["ping", "London"], /missing required argument 'B'/);
  add("usage", "trace: missing A and B", ["trace"], /missing required argument 'A'/);
  add("usage", "passes: no --station", ["passes", good], /required option '--station <name>'/);
  add("usage", "eclipses: no --sat", ["eclipses", good], /required option '--sat <id>'/);
  add("usage", "export-hypatia: no --out", ["export-hypatia", good], /required option '--out <dir>'/);
  add("usage", "info: excess argument", ["info", good, "extra"], /too many arguments/);

  // ---- Flag values.
  for (const cmd of ["info", "positions", "latency --pair London:Tokyo", "export-hypatia --out X"]) {
    const [c, ...rest] = cmd.split(" ");
    const argv = [c!, good, ...rest.map((r) => (r === "X" ? sb.p("fresh-out") : r))];
    add(
      "flags",
      `${c}: --format xml`,
      [...argv, "--format", "xml"],
      /--format, value "xml": expected one of/,
    );
  }
  add(
    "flags",
    "replay: --format yaml",
    ["replay", good, sb.p("good.jsonl"), "--format", "yaml"],
    /--format, value "yaml"/,
  );
  add("flags", "status: --format yaml", ["status", "--format", "yaml"], /--format, value "yaml"/);
  for (const h of ["0", "-1", "abc", "1e9", "NaN", "Infinity", "8785"]) {
    add(
      "flags",
      `passes --hours ${h}`,
      ["passes", good, "--station", "London", "--hours", h],
      /--hours.*expected a number of hours/,
    );
    add(
      "flags",
      `eclipses --hours ${h}`,
      ["eclipses", good, "--sat", "0", "--hours", h],
      /--hours.*expected a number of hours/,
    );
  }
  const badInstants: [string, RegExp][] = [
    ["2026-02-30", /no such day \(month 2 of 2026 has 28 days\)/],
    ["2026-02-29T00:00:00Z", /no such day/],
    ["2026-04-31T12:00:00Z", /no such day \(month 4 of 2026 has 30 days\)/],
    ["2026-13-01", /no such month/],
    ["2026-01-01T25:00:00Z", /no such time of day/],
    ["2026-01-01T12:60:00Z", /no such time of day/],
    ["+275760-09-13T00:00:00Z", /not an ISO 8601 time/],
    ["1899-12-31T23:59:59Z", /year outside 1900\.\.2199/],
    ["2200-01-01", /year outside/],
    ["yesterday", /not an ISO 8601 time/],
    ["2026-01-01T00:00:00+25:00", /no such UTC offset/],
  ];
  for (const [t, re] of badInstants) {
    add("dates", `positions --at ${t}`, ["positions", good, "--at", t], re);
    add("dates", `passes --from ${t}`, ["passes", good, "--station", "London", "--from", t], re);
    add("dates", `latency --from ${t}`, ["latency", good, "--pair", "London:Tokyo", "--from", t], re);
  }
  for (const t of ["2026-02-30", "+275760-09-13T00:00:00Z", "1899-01-01"])
    add("dates", `eclipses --from ${t}`, ["eclipses", good, "--sat", "0", "--from", t], /--from/);
  add(
    "dates",
    "replay --from 2026-02-30",
    ["replay", good, sb.p("good.jsonl"), "--from", "2026-02-30"],
    /no such day/,
  );
  const badDurations: [string, RegExp][] = [
    ["0s", /duration must be positive/],
    ["-5s", /not a duration/],
    ["abc", /not a duration/],
    ["5 parsecs", /not a duration/],
    ["1e12d", /above the limit of 366 days/],
    ["400d", /above the limit of 366 days/],
    ["1e400s", /duration must be positive/],
  ];
  for (const [d, re] of badDurations) {
    add(
      "durations",
      `latency --duration ${d}`,
      ["latency", good, "--pair", "London:Tokyo", "--duration", d],
      re,
    );
    add("durations", `replay --duration ${d}`, ["replay", good, sb.p("good.jsonl"), "--duration", d], re);
  }
  add(
    "durations",
    "latency --step 0ms",
    ["latency", good, "--pair", "London:Tokyo", "--step", "0ms"],
    /--step/,
  );
  add(
    "durations",
    "latency: too many steps",
    ["latency", good, "--pair", "London:Tokyo", "--duration", "300d", "--step", "1ms"],
    /too many/,
  );
  add("durations", "launch --duration 0", ["launch", good, "--duration", "0"], /--duration/);
  add("durations", "launch --step never", ["launch", good, "--step", "never"], /--step/);
  add("durations", "ping --timeout forever", ["ping", "A", "B", "--timeout", "forever"], /--timeout/);
  for (const s of ["999", "16", "nope", "s1-P0-S9"])
    add("names", `eclipses --sat ${s}`, ["eclipses", good, "--sat", s], /--sat/);
  add(
    "names",
    "eclipses --sat s1-P0-S4 suggests s1-P0-S3",
    ["eclipses", good, "--sat", "s1-P0-S4"],
    /did you mean "s1-P0-S3"\?|did you mean "s1-P1-S0"\?|did you mean/,
  );
  add(
    "names",
    "passes --station Londn suggests London",
    ["passes", good, "--station", "Londn"],
    /did you mean "London"\?/,
  );
  add(
    "names",
    "passes --station Atlantis",
    ["passes", good, "--station", "Atlantis"],
    /unknown ground station \(known: London, New York, Tokyo\)/,
  );
  add(
    "names",
    "latency --pair London:Tokio",
    ["latency", good, "--pair", "London:Tokio"],
    /did you mean "Tokyo"\?/,
  );
  for (const p of [":", "London", "London:", ":Tokyo"])
    add(
      "names",
      `latency --pair ${JSON.stringify(p)}`,
      ["latency", good, "--pair", p],
      /expected "<station A>:<station B>"/,
    );
  add("names", "latency --pair London:London", ["latency", good, "--pair", "London:London"], /must differ/);
  add("flags", "latency: no pair", ["latency", good], /give at least one --pair/);
  add(
    "flags",
    "latency --engine gpu",
    ["latency", good, "--pair", "London:Tokyo", "--engine", "gpu"],
    /--engine/,
  );
  add(
    "flags",
    "latency --stretch 0.5",
    ["latency", good, "--pair", "London:Tokyo", "--stretch", "0.5"],
    /--stretch/,
  );
  add(
    "flags",
    "latency --mesh nonsense",
    ["latency", good, "--pair", "London:Tokyo", "--mesh", "nonsense"],
    /--mesh/,
  );
  add(
    "flags",
    "latency --mesh unknown key",
    ["latency", good, "--pair", "London:Tokyo", "--mesh", "isl.warpFactor=9"],
    /isl\.warpFactor|warpFactor/,
  );
  for (const [flag, v] of [
    ["--mode", "teleport"],
    ["--mode", ","],
    ["--seed", "-1"],
    ["--seed", "1.5"],
    ["--seed", "4294967296"],
    ["--speed", "0"],
    ["--speed", "fast"],
    ["--speed", "10"],
    ["--clock", "sundial"],
    ["--isolation", "vm"],
    ["--engine", "tensorflow"],
  ])
    add("flags", `replay ${flag} ${v}`, ["replay", good, sb.p("good.jsonl"), flag!, v!], new RegExp(flag!));
  for (const [flag, v] of [
    ["--speed", "0"],
    ["--speed", "1e7"],
    ["--isolation", "vm"],
    ["--hosts", "0"],
    ["--hosts", "1.5"],
    ["--hosts", "999"],
  ])
    add("flags", `launch ${flag} ${v}`, ["launch", good, flag!, v!], new RegExp(flag!));
  add(
    "flags",
    "launch --isolation sim without --duration",
    ["launch", good, "--isolation", "sim"],
    /give it a --duration/,
  );
  for (const [flag, v] of [
    ["--count", "0"],
    ["--count", "1e6"],
    ["--count", "two"],
    ["--interval", "-1"],
    ["--size", "0"],
    ["--size", "big"],
    ["--via", "carrier-pigeon"],
  ])
    add("flags", `ping ${flag} ${v}`, ["ping", "A", "B", flag!, v!], new RegExp(flag!));
  for (const [flag, v] of [
    ["--size", "-3"],
    ["--via", "sea"],
    ["--timeout", "0s"],
  ])
    add("flags", `trace ${flag} ${v}`, ["trace", "A", "B", flag!, v!], new RegExp(flag!));
  add("flags", "schema --kind planets", ["schema", "--kind", "planets"], /--kind/);
  add(
    "runs",
    "launch --run-dir onto a file",
    ["launch", good, "--run-dir", sb.p("out-file")],
    /out-file: cannot create directory: a file is in the way/,
  );
  add(
    "runs",
    "launch --run-dir in a read-only dir",
    ["launch", good, "--run-dir", `${sb.readOnlyDir}/run`],
    /(read-only file system|permission denied)/,
  );
  add("runs", "status: no such run dir", ["status", "--run-dir", sb.p("no-such-run")], /no-such-run/);
  add(
    "runs",
    "ping: no such run dir",
    ["ping", "London", "Tokyo", "--run-dir", sb.p("no-such-run")],
    /no-such-run/,
  );
  add(
    "runs",
    "trace: run dir without a launch",
    ["trace", "London", "Tokyo", "--run-dir", sb.p("a-directory")],
    /a-directory/,
  );

  // ---- Constellation YAML files.
  add("yaml", "file not found", ["info", sb.p("missing.yaml")], /missing\.yaml: cannot read: file not found/);
  add("yaml", "a directory", ["info", sb.p("a-directory")], /a directory, not a file/);
  add("yaml", "/dev/zero", ["info", "/dev/zero"], /not a regular file/);
  add("yaml", "a FIFO", ["info", sb.p("fifo")], /not a regular file/);
  add("yaml", "65 MiB file", ["info", sb.p("sparse-65mib")], /above the limit of 8\.0 MiB/);
  add("yaml", "empty file", ["info", F("empty.yaml", "")], /required field is missing|expected object/);
  add(
    "yaml",
    "syntax error",
    ["info", Y("syntax", (s) => s.replace("shells:", "shells: [\n  - oops"))],
    /YAML syntax error/,
  );
  add(
    "yaml",
    "tab indentation",
    ["info", Y("tabs", (s) => s.replace("  - name: s1", "\t- name: s1"))],
    /YAML syntax error/,
  );
  add("yaml", "a list, not a mapping", ["info", F("list.yaml", "- a\n- b\n")], /expected object/);
  const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++)
    bomb.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  add(
    "yaml",
    "alias bomb (billion laughs)",
    ["info", F("bomb.yaml", `${bomb.join("\n")}\n${BASE_YAML_TAIL()}`)],
    /YAML aliases expand too far/,
  );
  add(
    "yaml",
    "100k-deep flow sequence",
    [
      "info",
      Y("deep", (s) =>
        s.replace("name: tiny", `name: tiny\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}`),
      ),
    ],
    /YAML syntax error|nested too deep|aliases expand/,
  );
  add(
    "yaml",
    "unknown top-level key suggests",
    ["info", Y("nme", (s) => s.replace("name: tiny", "nme: tiny"))],
    /field nme.*did you mean "name"\?/,
  );
  add(
    "yaml",
    "unknown walker key suggests",
    ["info", Y("altitud", (s) => s.replace("altitudeKm", "altitudKm"))],
    /shells\[0\]\.walker\.altitudKm.*did you mean "altitudeKm"\?/,
  );
  add(
    "yaml",
    "unknown station key suggests",
    ["info", Y("latdeg", (s) => s.replace("latDeg: 51.5074", "lattDeg: 51.5074"))],
    /did you mean "latDeg"\?/,
  );
  add(
    "yaml",
    "missing name",
    ["info", Y("noname", (s) => s.replace("name: tiny\n", ""))],
    /field name: required field is missing/,
  );
  add(
    "yaml",
    "missing epoch",
    ["info", Y("noepoch", (s) => s.replace(/epoch: .*\n/, ""))],
    /field epoch: required field is missing/,
  );
  add(
    "yaml",
    "no shells",
    [
      "info",
      Y("noshells", (s) => s.replace(/shells:[\s\S]*?groundStations:/, "shells: []\ngroundStations:")),
    ],
    /field shells/,
  );
  add(
    "yaml",
    "epoch 2026-02-30",
    ["info", Y("feb30", (s) => s.replace("2026-01-01T00:00:00Z", "2026-02-30T00:00:00Z"))],
    /field epoch.*no such day/,
  );
  add(
    "yaml",
    "epoch year 275760",
    ["info", Y("y275760", (s) => s.replace("2026-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"))],
    /field epoch/,
  );
  add(
    "yaml",
    "epoch 1800",
    ["info", Y("y1800", (s) => s.replace("2026-01-01T00:00:00Z", "1800-01-01T00:00:00Z"))],
    /year outside/,
  );
  add(
    "yaml",
    "altitude a string",
    ["info", Y("altstr", (s) => s.replace("altitudeKm: 550", 'altitudeKm: "high"'))],
    /altitudeKm.*value "high"/,
  );
  add(
    "yaml",
    "altitude below 150 km",
    ["info", Y("altlow", (s) => s.replace("altitudeKm: 550", "altitudeKm: 50"))],
    /altitudeKm.*value 50/,
  );
  add("yaml", "planes 1.5", ["info", Y("planes15", (s) => s.replace("planes: 4", "planes: 1.5"))], /planes/);
  add(
    "yaml",
    "phasing >= planes",
    ["info", Y("phasing", (s) => s.replace("phasing: 1", "phasing: 4"))],
    /phasing F must be less than planes/,
  );
  add(
    "yaml",
    "1e10 satellites",
    [
      "info",
      Y("huge", (s) => s.replace("planes: 4, satsPerPlane: 4", "planes: 100000, satsPerPlane: 100000")),
    ],
    /10,000,000,000 satellites is above the limit of 100,000/,
  );
  add(
    "yaml",
    "100,100 satellites",
    ["info", Y("huge2", (s) => s.replace("planes: 4, satsPerPlane: 4", "planes: 1001, satsPerPlane: 100"))],
    /100,100 satellites is above the limit of 100,000/,
  );
  add(
    "yaml",
    "duplicate shell name",
    ["info", Y("dupshell", (s) => s.replace(/( {2}- name: s1\n {4}walker: .*\n)/, "$1$1"))],
    /duplicate shell name/,
  );
  add(
    "yaml",
    "shell name with spaces",
    ["info", Y("shellname", (s) => s.replace("name: s1", "name: shell one"))],
    /use letters, digits/,
  );
  add(
    "yaml",
    "walker and elements both",
    [
      "info",
      Y("both", (s) =>
        s.replace(
          "raanSpreadDeg: 360 }",
          `raanSpreadDeg: 360 }\n    elements: { file: iss.tle, format: tle }`,
        ),
      ),
    ],
    /exactly one of walker/,
  );
  add(
    "yaml",
    "station lat a string",
    ["info", Y("latstr", (s) => s.replace("latDeg: 51.5074", 'latDeg: "north"'))],
    /latDeg.*value "north"/,
  );
  add(
    "yaml",
    "station lat 95",
    ["info", Y("lat95", (s) => s.replace("latDeg: 51.5074", "latDeg: 95"))],
    /latDeg.*value 95/,
  );
  add(
    "yaml",
    "station lon -181",
    ["info", Y("lon181", (s) => s.replace("lonDeg: -0.1278", "lonDeg: -181"))],
    /lonDeg.*value -181/,
  );
  add(
    "yaml",
    "station without name",
    ["info", Y("stnoname", (s) => s.replace("{ name: London, ", "{ "))],
    /stations\[0\]\.name.*required/,
  );
  add(
    "yaml",
    "duplicate station (case)",
    ["info", Y("dupst", (s) => s.replace("name: Tokyo", "name: LONDON"))],
    /duplicate ground-station name/,
  );
  add(
    "yaml",
    "elevation mask 91",
    ["info", Y("mask", (s) => s.replace("lonDeg: -0.1278 }", "lonDeg: -0.1278, minElevationDeg: 91 }"))],
    /minElevationDeg/,
  );
  const many = Array.from(
    { length: 10_001 },
    (_, i) => `    - { name: st${i}, latDeg: 0, lonDeg: ${(i % 360) - 180} }`,
  ).join("\n");
  add(
    "yaml",
    "10,001 stations",
    ["info", Y("manyst", (s) => `${s.replace(/ {2}stations:[\s\S]*$/, "  stations:\n")}${many}\n`)],
    /10,001 ground stations is above the limit of 10,000/,
  );
  add(
    "yaml",
    "include not found",
    [
      "info",
      Y("incmissing", (s) => s.replace("groundStations:\n", "groundStations:\n  include: [nowhere.yaml]\n")),
    ],
    /groundStations\.include\[0\].*file not found/,
  );
  add(
    "yaml",
    "include /dev/zero",
    [
      "info",
      Y("inczero", (s) => s.replace("groundStations:\n", "groundStations:\n  include: [/dev/zero]\n")),
    ],
    /not a regular file/,
  );
  add(
    "yaml",
    "include a shadow-like file: not echoed",
    [
      "info",
      Y("incsecret", (s) =>
        s.replace("groundStations:\n", `groundStations:\n  include: [${sb.p("secret.txt")}]\n`),
      ),
    ],
    /its content is not shown/,
  );
  add(
    "yaml",
    "include the same set twice",
    [
      "info",
      Y("inctwice", (s) =>
        s.replace("groundStations:\n", "groundStations:\n  include: [set.yaml, set.yaml]\n"),
      ),
    ],
    /included twice/,
  );
  add(
    "yaml",
    "include a constellation, not a set",
    [
      "info",
      Y("incconst", (s) => s.replace("groundStations:\n", "groundStations:\n  include: [good.yaml]\n")),
    ],
    /unknown key|field/,
  );
  add(
    "yaml",
    "routing section of the wrong type",
    ["info", Y("routing", (s) => `${s}routing: 7\n`)],
    /routing/,
  );
  add("yaml", "emu speed negative", ["info", Y("emuspeed", (s) => `${s}emu: { speed: -1 }\n`)], /emu\.speed/);

  // ---- Element files named by a YAML.
  add(
    "elements",
    "not found",
    ["info", withElements("el-missing", "nope.tle")],
    /cannot read element file .*nope\.tle: file not found/,
  );
  add(
    "elements",
    "/dev/zero",
    ["info", withElements("el-zero", "/dev/zero")],
    /\/dev\/zero: not a regular file/,
  );
  add("elements", "a FIFO", ["info", withElements("el-fifo", sb.p("fifo"))], /not a regular file/);
  add(
    "elements",
    "a directory",
    ["info", withElements("el-dir", sb.p("a-directory"))],
    /a directory, not a file/,
  );
  add(
    "elements",
    "65 MiB",
    ["info", withElements("el-big", sb.p("sparse-65mib"))],
    /above the limit of 64\.0 MiB/,
  );
  add(
    "elements",
    "shadow-like TLE: not echoed",
    ["info", withElements("el-secret", sb.p("secret.txt"))],
    /is not TLE\/3LE text.*its content is not shown/,
  );
  add(
    "elements",
    "shadow-like OMM: not echoed",
    ["info", withElements("el-secret-omm", sb.p("secret.txt"), "omm")],
    /is not OMM JSON.*its content is not shown/,
  );
  add("elements", "empty TLE file", ["info", withElements("el-empty", F("empty.tle", ""))], /is not TLE/);
  add(
    "elements",
    "TLE checksum wrong",
    ["info", withElements("el-cksum", F("cksum.tle", ISS_TLE_BAD_CHECKSUM()))],
    /cksum\.tle:2.*checksum/,
  );
  add(
    "elements",
    "TLE line 2 missing",
    [
      "info",
      withElements(
        "el-noline2",
        F("noline2.tle", `${ISS_TLE_LINES()[0]}\n${ISS_TLE_LINES()[1]}\n2 25544  51.6416\n`),
      ),
    ],
    /noline2\.tle/,
  );
  add(
    "elements",
    "OMM not JSON",
    ["info", withElements("el-notjson", F("notjson.json", "{ nope"), "omm")],
    /notjson\.json/,
  );
  add(
    "elements",
    "OMM 100k-deep JSON",
    ["info", withElements("el-deep", F("deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`), "omm")],
    /nests JSON deeper than 64 levels/,
  );
  add(
    "elements",
    "OMM empty array",
    ["info", withElements("el-omm-empty", F("empty.json", "[]"), "omm")],
    /no element sets|empty/,
  );
  add(
    "elements",
    "OMM record without fields",
    ["info", withElements("el-omm-bad", F("bad-omm.json", '[{"OBJECT_NAME":"X"}]'), "omm")],
    /bad-omm\.json/,
  );
  add("elements", "unknown format", ["info", withElements("el-fmt", "iss.tle", "kvn2")], /format/);

  // ---- Workloads (replay reads them after the constellation).
  const replay = (w: string, ...more: string[]) => ["replay", good, w, ...more];
  add(
    "workloads",
    "not found",
    replay(sb.p("nope.jsonl")),
    /nope\.jsonl: cannot read workload: file not found/,
  );
  add("workloads", "/dev/zero", replay("/dev/zero"), /\/dev\/zero: cannot read workload: not a regular file/);
  add("workloads", "a FIFO", replay(sb.p("fifo")), /not a regular file/);
  add("workloads", "a directory", replay(sb.p("a-directory")), /a directory, not a file/);
  add("workloads", "empty file", replay(F("empty.jsonl", "")), /the workload holds no requests/);
  add(
    "workloads",
    "only comments",
    replay(F("comments.jsonl", "# nothing\n\n# here\n")),
    /the workload holds no requests/,
  );
  add("workloads", "empty CSV", replay(F("empty.csv", "")), /empty CSV workload/);
  add(
    "workloads",
    "CSV header only",
    replay(F("header.csv", "id,start,end,lat,lon,priority,tag\n")),
    /the workload holds no requests/,
  );
  for (const col of ["id", "start", "end", "priority", "tag"]) {
    const header = ["id", "start", "end", "lat", "lon", "priority", "tag"].filter((c) => c !== col);
    const vals: Record<string, string> = {
      id: "a",
      start: "+0s",
      end: "+6h",
      lat: "1",
      lon: "2",
      priority: "3",
      tag: "land",
    };
    add(
      "workloads",
      `CSV without ${col} column`,
      replay(F(`no-${col}.csv`, `${header.join(",")}\n${header.map((h) => vals[h]).join(",")}\n`)),
      new RegExp(`CSV header lacks column "${col}"`),
    );
  }
  add(
    "workloads",
    "CSV without a target",
    replay(F("no-target.csv", "id,start,end,priority,tag\na,+0s,+6h,3,land\n")),
    /lacks a target/,
  );
  add(
    "workloads",
    "CSV wrong field count",
    replay(F("fields.csv", "id,start,end,lat,lon,priority,tag\na,+0s,+6h,1,2,3\n")),
    /expected 7 fields as in the header, found 6/,
  );
  add(
    "workloads",
    "CSV lat not a number",
    replay(F("latcsv.csv", "id,start,end,lat,lon,priority,tag\na,+0s,+6h,north,2,3,land\n")),
    /:2, field lat, value "north": expected a number/,
  );
  add(
    "workloads",
    "CSV blank id",
    replay(F("blankid.csv", "id,start,end,lat,lon,priority,tag\n,+0s,+6h,1,2,3,land\n")),
    /field id.*needs its id/,
  );
  add(
    "workloads",
    "CSV blank tag",
    replay(F("blanktag.csv", "id,start,end,lat,lon,priority,tag\na,+0s,+6h,1,2,3,\n")),
    /field tag.*needs its tag/,
  );
  add(
    "workloads",
    "JSONL missing id",
    replay(W("noid", withField({}, ["id"]))),
    /:1, field id: a request needs its id/,
  );
  add(
    "workloads",
    "JSONL missing tag",
    replay(W("notag", withField({}, ["tag"]))),
    /field tag: a request needs its tag/,
  );
  add(
    "workloads",
    "JSONL id a number",
    replay(W("idnum", withField({ id: 7 }))),
    /field id, value 7: expected a JSON string/,
  );
  add(
    "workloads",
    "JSONL string lat",
    replay(W("latstr", withField({ lat: "37.7" }))),
    /field lat, value "37\.7": expected a JSON number/,
  );
  add(
    "workloads",
    "JSONL string priority",
    replay(W("prstr", withField({ priority: "3" }))),
    /field priority.*expected a JSON number/,
  );
  add(
    "workloads",
    "JSONL lat 95",
    replay(W("lat95", withField({ lat: 95 }))),
    /field lat, value 95: expected a number in \[-90, 90\]/,
  );
  add("workloads", "JSONL lon 200", replay(W("lon200", withField({ lon: 200 }))), /field lon, value 200/);
  add("workloads", "JSONL lat null", replay(W("latnull", withField({ lat: null }))), /field lat/);
  add("workloads", "JSONL no target", replay(W("notarget", withField({}, ["lat", "lon"]))), /needs a target/);
  add(
    "workloads",
    "JSONL priority 12",
    replay(W("pr12", withField({ priority: 12 }))),
    /field priority, value 12/,
  );
  add(
    "workloads",
    "JSONL priority 1.5",
    replay(W("pr15", withField({ priority: 1.5 }))),
    /expected an integer 0\.\.9/,
  );
  add(
    "workloads",
    "JSONL end before start",
    replay(W("endfirst", withField({ start: "+6h", end: "+1h" }))),
    /end must be after start/,
  );
  add(
    "workloads",
    "JSONL start not a time",
    replay(W("startbad", withField({ start: "soon" }))),
    /field start, value "soon"/,
  );
  add(
    "workloads",
    "JSONL start 2026-02-30",
    replay(W("startfeb30", withField({ start: "2026-02-30T00:00:00Z", end: "2026-03-05T00:00:00Z" }))),
    /field start, value "2026-02-30T00:00:00Z"/,
  );
  add(
    "workloads",
    "JSONL offset +1e12d",
    replay(W("offhuge", withField({ end: "+1e12d" }))),
    /field end, value "\+1e12d"/,
  );
  add(
    "workloads",
    "JSONL bbox of 3",
    replay(W("bbox3", withField({ bbox: [1, 2, 3] }, ["lat", "lon"]))),
    /field bbox.*expected \[minLon, minLat, maxLon, maxLat\]/,
  );
  add(
    "workloads",
    "JSONL bbox inverted",
    replay(W("bboxinv", withField({ bbox: [5, 40, -5, 45] }, ["lat", "lon"]))),
    /max longitude must exceed min longitude/,
  );
  add(
    "workloads",
    "JSONL bbox strings",
    replay(W("bboxstr", withField({ bbox: ["1", "2", "3", "4"] }, ["lat", "lon"]))),
    /field bbox\[0\].*expected a JSON number/,
  );
  add(
    "workloads",
    "JSONL duplicate id",
    replay(F("dup.jsonl", `${GOOD_JSONL_LINE}\n${GOOD_JSONL_LINE}\n`)),
    /:2, field id, value "a": duplicate request id \(first on line 1\)/,
  );
  add("workloads", "JSONL not JSON", replay(W("notjson", "{id: a}")), /:1, field \(line\).*not JSON/);
  add("workloads", "JSONL an array line", replay(W("arrline", "[1,2,3]")), /expected a JSON object per line/);
  add(
    "workloads",
    "JSONL 100k-deep line",
    replay(W("deepline", `${"[".repeat(100_000)}${"]".repeat(100_000)}`)),
    /JSON nested deeper than 64 levels/,
  );
  add(
    "workloads",
    "binary bytes",
    replay(F("binary.jsonl", "\u0000\u0001\u00ff{\u0007".repeat(16))),
    /:1, field \(line\).*not JSON/,
  );
  add(
    "workloads",
    "a 600 MiB file (above the 512 MiB workload limit)",
    replay(sb.p("sparse-600mib")),
    /above the limit of 512\.0 MiB/,
  );
  add(
    "workloads",
    "JSONL __proto__ id",
    replay(W("proto", withField({ id: { polluted: true } }))),
    /field id.*expected a JSON string/,
  );
  add(
    "workloads",
    "--write-workload onto a directory",
    replay(sb.p("good.jsonl"), "--write-workload", sb.p("a-directory")),
    /a-directory.*it is a directory/,
  );
  const gens: [string, RegExp][] = [
    ["gen:land:1000000000000", /expected gen:<kind>:<count>/],
    ["gen:land:1e12", /expected gen:<kind>:<count>/],
    ["gen:land:1000001", /expected a count in 1\.\.1000000/],
    ["gen:land:0", /expected a count in 1\.\./],
    ["gen:land:-5", /expected gen:<kind>:<count>/],
    ["gen:land", /expected gen:<kind>:<count>/],
    ["gen::5", /expected gen:<kind>:<count>/],
    ["gen:lnd:10", /unknown generator \(did you mean "land"\?\)/],
    ["gen:volcano:10", /unknown generator \(known: land, shipping, wildfire, mixed\)/],
    ["gen:LAND:10", /expected gen:<kind>:<count>/],
  ];
  for (const [g, re] of gens) add("generators", g, replay(g), re);

  // ---- Outputs: unwritable --out paths leave everything as it was.
  const outs: [string, string[]][] = [
    ["latency", ["latency", good, "--pair", "London:Tokyo", "--duration", "1s", "--out"]],
    ["replay", ["replay", good, sb.p("good.jsonl"), "--duration", "1h", "--out"]],
    ["export-hypatia", ["export-hypatia", good, "--out"]],
  ];
  for (const [cmd, argv] of outs) {
    add(
      "outputs",
      `${cmd} --out onto a file`,
      [...argv, sb.p("out-file")],
      /--out, value ".*out-file": it is a file, not a directory/,
    );
    add(
      "outputs",
      `${cmd} --out under a file`,
      [...argv, `${sb.p("out-file")}/sub`],
      /out-file.*(a file is in the way|not a directory)/,
    );
    add(
      "outputs",
      `${cmd} --out a foreign dir`,
      [...argv, sb.p("foreign")],
      /holds files constellate did not write/,
    );
    add(
      "outputs",
      `${cmd} --out in a read-only dir`,
      [...argv, `${sb.readOnlyDir}/out`],
      /(read-only file system|permission denied)/,
    );
  }
  add(
    "outputs",
    "schema --out onto a directory",
    ["schema", "--out", sb.p("a-directory")],
    /it is a directory/,
  );
  add(
    "outputs",
    "schema --out in a read-only dir",
    ["schema", "--out", `${sb.readOnlyDir}/s.json`],
    /(read-only file system|permission denied)/,
  );
  add("outputs", "schema --out under a file", ["schema", "--out", `${sb.p("out-file")}/s.json`], /out-file/);
  add(
    "outputs",
    "replay bad workload keeps the previous --out",
    replay(W("prevout-bad", withField({ lat: 95 })), "--out", sb.p("prev-out")),
    /field lat, value 95/,
  );
  add(
    "outputs",
    "latency bad pair keeps the previous --out",
    ["latency", good, "--pair", "London:Atlantis", "--out", sb.p("prev-out")],
    /unknown ground station/,
  );
  return cases;

  function BASE_YAML_TAIL(): string {
    return "name: bomb\nepoch: 2026-01-01T00:00:00Z\nshells: [{ name: s, walker: { altitudeKm: 550, inclinationDeg: 53, planes: 1, satsPerPlane: 1, phasing: 0, raanSpreadDeg: 360 } }]\n";
  }
}

function ISS_TLE_LINES(): string[] {
  return [
    "ISS (ZARYA)",
    "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
    "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
  ];
}

/** The ISS TLE with line 1's checksum digit changed from 7 to 8. */
function ISS_TLE_BAD_CHECKSUM(): string {
  const [n, l1, l2] = ISS_TLE_LINES();
  return `${n}\n${l1!.slice(0, -1)}8\n${l2}\n`;
}
