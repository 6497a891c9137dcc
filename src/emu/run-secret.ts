/**
 * The run's credentials on disk (docs/security.md): `secret` (64 hex characters, 0600), and with
 * --tls `tls-cert.pem` and `tls-key.pem` (0600). Written when the launch opens its run dir, read by
 * the CLI clients (status, ping, trace, stop, view), removed when the launch ends: after it they
 * open nothing.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/input-error.js";
import { RunAuth, type RunTls } from "./run-auth.js";
import { writeRunFile } from "./run-dir.js";

export const SECRET_FILE = "secret";
export const TLS_CERT_FILE = "tls-cert.pem";
export const TLS_KEY_FILE = "tls-key.pem";

export function writeRunAuth(dir: string, auth: RunAuth): void {
  writeRunFile(join(dir, SECRET_FILE), `${auth.secretHex()}\n`);
  if (auth.tls) {
    writeRunFile(join(dir, TLS_CERT_FILE), auth.tls.certPem);
    if (auth.tls.keyPem) writeRunFile(join(dir, TLS_KEY_FILE), auth.tls.keyPem);
  }
}

/** A client's credentials for the launch in `dir`: the secret, and the certificate to pin if any. */
export function readRunAuth(dir: string): RunAuth {
  const file = join(dir, SECRET_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM")
      throw new InputError("permission denied: only the user who launched this run can drive it", { file });
    if (code === "ENOENT")
      throw new InputError("no secret in this run dir: the launch has ended, or it predates run secrets", {
        file,
      });
    throw new InputError(`cannot read (${(e as Error).message})`, { file });
  }
  let tls: RunTls | null = null;
  try {
    tls = { certPem: readFileSync(join(dir, TLS_CERT_FILE), "utf8"), keyPem: null };
  } catch {
    // No certificate: the launch serves plaintext loopback (no --tls).
  }
  const auth = RunAuth.parse(text, tls);
  if (!auth) throw new InputError("not a run secret (expected 64 hex characters)", { file });
  return auth;
}

export function removeRunAuth(dir: string): void {
  for (const f of [SECRET_FILE, TLS_KEY_FILE, TLS_CERT_FILE]) rmSync(join(dir, f), { force: true });
}
