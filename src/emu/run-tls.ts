/**
 * `launch --tls`: one self-signed certificate per run, made by `selfsigned` (a well-kept library;
 * hand-building X.509 is what it does well). EC P-256 with SHA-256: key generation takes
 * milliseconds, where RSA-2048 takes a noticeable fraction of a second. The subject alternative
 * names are the loopback addresses every server here binds (grpc-js checks the IP SAN).
 * Clients trust this certificate and nothing else (pinning): it is the only root they are given.
 *
 * `selfsigned` is imported when a certificate is made, not with this module: its X.509 and ASN.1
 * modules cost ~0.4 s of CPU to load, a quarter of what every process and replay-mode worker
 * thread that starts an emulation loads, and only `--tls` runs need them (docs/eo-replay.md, "Speed").
 */
import type { RunTls } from "./run-auth.js";

/** A run's lifetime is hours to days; a month covers the longest soak. Our own choice. */
const CERT_VALID_DAYS = 30;

export async function generateRunTls(runName: string): Promise<RunTls> {
  const notBeforeDate = new Date(Date.now() - 60_000); // tolerate small clock steps between processes
  const notAfterDate = new Date(notBeforeDate.getTime() + CERT_VALID_DAYS * 86_400_000);
  const { generate } = await import("selfsigned");
  const pems = await generate([{ name: "commonName", value: `constellate run ${runName}`.slice(0, 64) }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
