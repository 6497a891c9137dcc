/**
 * `constellate catalog fetch --group <name> --out <file> [--url <GP endpoint>] [--format tle|...]`:
 * download a group's element sets from a CelesTrak-compatible GP endpoint (CelesTrak "A New Way to
 * Obtain GP Data": gp.php?GROUP=<group>&FORMAT=<format>; mirrors take `--url`), check that what came
 * back parses as that format (src/orbit/element-formats.ts) and holds at least one element set, and
 * only then replace the output file, atomically. Network and HTTP failures are one line, exit 2.
 * The answer is read as a stream and refused as soon as it passes MAX_FETCH_BYTES (or at once when
 * its Content-Length says it will), so a runaway server costs bounded memory and writes nothing.
 *
 * `--format` here names the element format asked of the server (CelesTrak's FORMAT values), not an
 * output table format: the command's output is the file; stdout gets a one-line summary.
 */
import type { Command } from "commander";
import { type ElementFormat, parseElements } from "../../orbit/element-formats.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { fmtBytes } from "../../util/bounded-read.js";
import { InputError } from "../../util/input-error.js";
import { MAX_FETCH_BYTES } from "../../util/limits.js";
import { parseDuration } from "../common.js";

/** CelesTrak's GP endpoint (https://celestrak.org/NORAD/documentation/gp-data-formats.php). */
export const DEFAULT_GP_URL = "https://celestrak.org/NORAD/elements/gp.php";
/** How long a fetch may take, connection to last byte, unless --timeout says otherwise. */
export const DEFAULT_FETCH_TIMEOUT = "60s";

/** CelesTrak FORMAT values and the reader that checks each (tle is 3LE at CelesTrak, 2le bare pairs). */
const FETCH_FORMATS: Record<string, ElementFormat> = {
  tle: "tle",
  "3le": "tle",
  "2le": "tle",
  json: "omm",
  xml: "omm-xml",
  kvn: "omm-kvn",
  csv: "omm-csv",
};

export interface FetchOptions {
  group: string;
  out: string;
  url?: string;
  format?: string;
  timeout?: string;
  /** Refuse an answer larger than this many decoded bytes; API only (tests), MAX_FETCH_BYTES by default. */
  maxBytes?: number;
}

/** Thrown inside the read loop when the answer passes the cap; turned into the InputError outside. */
class TooLarge extends Error {}

/**
 * The body as text, at most `maxBytes` decoded bytes: fetch's `res.text()` would buffer any size.
 * The Content-Length, when sent, is checked first; the count is then checked on every chunk, and
 * the stream is cancelled (closing the connection) the moment it passes the cap.
 */
async function readBodyBounded(res: Response, maxBytes: number): Promise<string> {
  const announced = Number(res.headers.get("content-length"));
  // With Content-Encoding the header counts compressed bytes, which says nothing of the decoded size.
  if (!res.headers.get("content-encoding") && Number.isFinite(announced) && announced > maxBytes) {
    await res.body?.cancel();
    throw new TooLarge(`announces ${fmtBytes(announced)}`);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new TooLarge(`passed ${fmtBytes(maxBytes)} while downloading`);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/** The request URL: the endpoint with GROUP and FORMAT set (other query parameters kept). */
export function gpRequestUrl(base: string, group: string, format: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new InputError("not a URL", { field: "--url", value: base });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InputError("expected an http or https URL", { field: "--url", value: base });
  url.searchParams.set("GROUP", group);
  url.searchParams.set("FORMAT", format);
  return url;
}

/** Why a fetch failed, in one line (Node's fetch wraps the socket error in `cause`). */
function networkReason(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError")
    return `no complete answer within ${timeoutMs / 1000} s (--timeout)`;
  const code = err.cause?.code;
  const what: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "host not found",
    ECONNRESET: "connection reset",
    EAI_AGAIN: "name resolution failed (no network?)",
  };
  return code
    ? `${what[code] ?? err.cause?.message ?? "network error"} (${code})`
    : (err.cause?.message ?? err.message);
}

/** Fetch, validate, write. Returns the number of element sets written. */
export async function fetchCatalog(
  opts: FetchOptions,
): Promise<{ url: string; count: number; bytes: number; elementFormat: ElementFormat }> {
  const format = (opts.format ?? "tle").toLowerCase();
  const reader = FETCH_FORMATS[format];
  if (!reader)
    throw new InputError(`expected one of ${Object.keys(FETCH_FORMATS).join(", ")}`, {
      field: "--format",
      value: opts.format,
    });
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.group))
    throw new InputError("a GP group name is letters, digits, _ . - (e.g. starlink)", {
      field: "--group",
      value: opts.group,
    });
  const timeoutMs = parseDuration(opts.timeout ?? DEFAULT_FETCH_TIMEOUT, 0, "--timeout");
  const url = gpRequestUrl(opts.url ?? DEFAULT_GP_URL, opts.group, format).toString();
  const maxBytes = opts.maxBytes ?? MAX_FETCH_BYTES;
  let text: string;
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "follow",
      // Name the client, so that a server operator can tell who is fetching.
      headers: { "user-agent": "constellate (catalog fetch)" },
    });
    text = await readBodyBounded(res, maxBytes);
    if (!res.ok) {
      const said = text.trim().split(/\r?\n/)[0]?.slice(0, 100);
      throw new InputError(`GET ${url}: HTTP ${res.status} ${res.statusText}${said ? ` (${said})` : ""}`);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof TooLarge)
      throw new InputError(
        `GET ${url}: the answer ${e.message}, above the limit of ${fmtBytes(maxBytes)}; ${opts.out} left as it was`,
      );
    throw new InputError(`GET ${url}: ${networkReason(e, timeoutMs)}`);
  }
  // CelesTrak answers an unknown group with HTTP 200 and this text.
  if (/^\s*No GP data found/i.test(text))
    throw new InputError(`GET ${url}: the server has no GP data for this group`, {
      field: "--group",
      value: opts.group,
    });
  let count: number;
  try {
    count = parseElements(text, reader, { file: url, shell: opts.group, firstIndex: 0 }).length;
  } catch (e) {
    if (e instanceof InputError)
      throw new InputError(`the answer is not valid ${format}, ${opts.out} left as it was: ${e.message}`);
    throw e;
  }
  if (count === 0)
    throw new InputError(`GET ${url}: the answer holds no element sets; ${opts.out} left as it was`);
  writeFileAtomic(opts.out, text);
  return { url, count, bytes: Buffer.byteLength(text), elementFormat: reader };
}

/** Add `fetch` to the `catalog` command. */
export function registerCatalogFetch(catalog: Command): void {
  catalog
    .command("fetch")
    .description(
      "download element sets from a CelesTrak-compatible GP endpoint, validated, written atomically",
    )
    .requiredOption("--group <name>", "GP group, e.g. starlink, oneweb, active")
    .requiredOption("--out <file>", "element file to write (replaced only by a valid answer)")
    .option("--url <url>", "GP endpoint (a mirror)", DEFAULT_GP_URL)
    .option(
      "--format <format>",
      `element format to ask for: ${Object.keys(FETCH_FORMATS).join(" | ")}`,
      "tle",
    )
    .option("--timeout <duration>", "give up after this long", DEFAULT_FETCH_TIMEOUT)
    .action(async (opts: FetchOptions) => {
      const r = await fetchCatalog(opts);
      process.stdout.write(
        `wrote ${r.count} element sets (${r.bytes} bytes) from ${r.url} to ${opts.out}` +
          ` (a shell reads it with elements: { file, format: ${r.elementFormat} })\n`,
      );
    });
}
