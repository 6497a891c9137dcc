/**
 * `constellate catalog fetch` against a CelesTrak-compatible GP endpoint this test starts on
 * 127.0.0.1 (port 0), serving the shared 2023 Starlink snapshot as CelesTrak would
 * (gp.php?GROUP=starlink&FORMAT=tle), and failing in the ways real servers fail: HTTP errors,
 * "No GP data found", an answer that is not element sets, no answer at all, and answers too
 * large to keep (an endless stream, a Content-Length above the cap).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FetchOptions, fetchCatalog } from "../src/cli/commands/catalog-fetch.js";
import { InputError } from "../src/util/input-error.js";
import { MAX_FETCH_BYTES } from "../src/util/limits.js";
import { repoRoot, STACK_LINE } from "./cli-helpers.js";

const SNAPSHOT = fileURLToPath(new URL("../../shared/catalogs/starlink-2023-07-18.3le", import.meta.url));
const present = existsSync(SNAPSHOT);
if (!present) console.warn(`skipping catalog fetch tests: ${SNAPSHOT} (../shared/catalogs) is absent`);

const tmp = mkdtempSync(join(tmpdir(), "constellate-fetch-"));
let server: Server;
let base = "";
const requests: URL[] = [];
/** Bytes the endless endpoint wrote before its client hung up, per request (resolved on close). */
const endless: Promise<number>[] = [];

// Two objects of the snapshot as CelesTrak's CSV, written by hand from their TLE columns
// (STARLINK-1007: 19074A, epoch 23198.31707558 = 2023-07-17T07:36:35.330112).
const CSV =
  "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\r\n" +
  "STARLINK-1007,2019-074A,2023-07-17T07:36:35.330112,15.06399147,.0000977,53.0547,204.8335,90.1304,269.9797,0,U,44713,999,20326,.58057E-4,.584E-5,0\r\n";

const snapshotBytes = present ? readFileSync(SNAPSHOT) : Buffer.from("");
const snapshot = () => snapshotBytes;

beforeAll(async () => {
  const snapshot = snapshotBytes;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    const group = url.searchParams.get("GROUP");
    const format = url.searchParams.get("FORMAT");
    if (url.pathname === "/slow/gp.php") return; // never answers: the client's timeout must end it
    if (url.pathname === "/endless/gp.php") {
      // The snapshot over and over, chunked with no length, until the client closes the connection.
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed) {
          sent += snapshot.length;
          if (!res.write(snapshot)) {
            res.once("drain", pump);
            return;
          }
        }
      };
      endless.push(new Promise((ok) => res.on("close", () => ok(sent))));
      pump();
      return;
    }
    if (url.pathname === "/announced/gp.php") {
      // Says 1 GiB is coming; sends the first chunk only and waits.
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(1024 ** 3) });
      res.write(snapshot.subarray(0, 1000));
      return;
    }
    if (url.pathname !== "/NORAD/elements/gp.php") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
      return;
    }
    if (group === "starlink" && format === "tle")
      res.writeHead(200, { "content-type": "text/plain" }).end(snapshot);
    else if (group === "starlink" && format === "csv")
      res.writeHead(200, { "content-type": "text/csv" }).end(CSV);
    else if (group === "broken")
      res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>\n");
    else if (group === "forbidden")
      res.writeHead(403, { "content-type": "text/plain" }).end("Too many requests\n");
    else res.writeHead(200, { "content-type": "text/plain" }).end("No GP data found\n");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(tmp, { recursive: true, force: true });
});

/** The CLI as a child process, asynchronously (the server lives in this process's event loop). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", resolve(repoRoot, "src/cli/main.ts"), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const kill = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (status) => {
      clearTimeout(kill);
      ok({ status, stdout, stderr });
    });
  });
}

describe.skipIf(!present)("constellate catalog fetch", () => {
  it("fetches GROUP=starlink&FORMAT=tle from --url, validates all 4,428 element sets, writes the bytes as served", async () => {
    const out = join(tmp, "sub", "starlink.tle");
    const r = await cli([
      "catalog",
      "fetch",
      "--group",
      "starlink",
      "--url",
      `${base}/NORAD/elements/gp.php`,
      "--out",
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote 4428 element sets \(\d+ bytes\) from http:\/\/127\.0\.0\.1:\d+\/NORAD\/elements\/gp\.php\?GROUP=starlink&FORMAT=tle to /,
    );
    expect(readFileSync(out)).toEqual(readFileSync(SNAPSHOT));
    const q = requests.at(-1)!;
    expect([q.searchParams.get("GROUP"), q.searchParams.get("FORMAT")]).toEqual(["starlink", "tle"]);
  }, 90_000);

  it("--format csv asks for FORMAT=csv and checks the answer as OMM CSV", async () => {
    const out = join(tmp, "starlink.csv");
    const r = await fetchCatalog({
      group: "starlink",
      format: "csv",
      url: `${base}/NORAD/elements/gp.php`,
      out,
    });
    expect([r.count, r.elementFormat]).toEqual([1, "omm-csv"]);
    expect(new URL(r.url).searchParams.get("FORMAT")).toBe("csv");
    expect(readFileSync(out, "utf8")).toBe(CSV);
  });

  it("an HTTP error through the CLI: one line, exit 2, no stack, the old file kept", async () => {
    const out = join(tmp, "keep-cli.tle");
    writeFileSync(out, "previous content\n");
    const r = await cli([
      "catalog",
      "fetch",
      "--group",
      "forbidden",
      "--url",
      `${base}/NORAD/elements/gp.php`,
      "--out",
      out,
    ]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /^constellate: GET http:\/\/127\.0\.0\.1:\d+\/.*: HTTP 403 Forbidden \(Too many requests\)\n$/,
    );
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(readFileSync(out, "utf8")).toBe("previous content\n");
  }, 90_000);

  it("an endless answer through the CLI: refused while streaming at MAX_FETCH_BYTES, one line, exit 2, nothing written", async () => {
    const out = join(tmp, "never", "endless.tle");
    const r = await cli([
      "catalog",
      "fetch",
      "--group",
      "starlink",
      "--url",
      `${base}/endless/gp.php`,
      "--out",
      out,
    ]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /^constellate: GET http:\/\/127\.0\.0\.1:\d+\/endless\/gp\.php\?GROUP=starlink&FORMAT=tle: the answer passed 64\.0 MiB while downloading, above the limit of 64\.0 MiB; .*endless\.tle left as it was\n$/,
    );
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(tmp, "never"))).toBe(false);
    // The client hung up near the cap: the server wrote past it only what socket buffers hold in flight.
    const sent = await endless.at(-1)!;
    expect(sent).toBeGreaterThanOrEqual(64 * 1024 * 1024 - 2 * snapshot().length);
    expect(sent).toBeLessThan(64 * 1024 * 1024 + 16 * 1024 * 1024);
  }, 90_000);

  it("the cap is on the bytes: the snapshot passes at exactly its size, fails one byte below, and a Content-Length above it is refused before the body", async () => {
    const url = `${base}/NORAD/elements/gp.php`;
    const size = snapshot().length; // 743,904 bytes, from the file, not from the code under test
    const out = join(tmp, "capped.tle");
    const atCap = await fetchCatalog({ group: "starlink", url, out, maxBytes: size });
    expect(atCap.count).toBe(4428);
    writeFileSync(out, "previous content\n");
    const cases: [Partial<FetchOptions>, RegExp][] = [
      [
        { url, maxBytes: size - 1 },
        /passed 743903 bytes while downloading, above the limit of 743903 bytes; .*capped\.tle left as it was/,
      ],
      [{ url: `${base}/announced/gp.php` }, /announces 1024\.0 MiB, above the limit of 64\.0 MiB/],
    ];
    for (const [o, expected] of cases) {
      const e = await fetchCatalog({ group: "starlink", out, ...o }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, String(expected)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(expected);
      expect(readFileSync(out, "utf8")).toBe("previous content\n");
    }
    expect(MAX_FETCH_BYTES).toBe(64 * 1024 * 1024);
  }, 60_000);

  it("unknown groups, non-element answers, 404, silence, bad flags: InputErrors, the old file kept", async () => {
    const out = join(tmp, "keep.tle");
    writeFileSync(out, "previous content\n");
    const url = `${base}/NORAD/elements/gp.php`;
    const cases: [Partial<FetchOptions>, RegExp][] = [
      [{ group: "nosuchgroup", url }, /no GP data for this group/],
      [{ group: "broken", url }, /the answer is not valid tle, .*keep\.tle left as it was: .*FORMAT=tle:1/],
      [{ group: "starlink", url: `${base}/elsewhere/gp.php` }, /HTTP 404 Not Found/],
      [{ group: "starlink", url: `${base}/slow/gp.php`, timeout: "1s" }, /no complete answer within 1 s/],
      [{ group: "starlink", url: "ftp://example.org/gp" }, /field --url.*http or https/],
      [{ group: "starlink", url, format: "yaml" }, /field --format/],
      [{ group: "star link", url }, /field --group/],
    ];
    for (const [o, expected] of cases) {
      const e = await fetchCatalog({ group: "starlink", out, ...o }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, String(expected)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(expected);
      expect(readFileSync(out, "utf8")).toBe("previous content\n");
    }
  }, 60_000);
});
