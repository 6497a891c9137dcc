/**
 * A run's credentials (docs/security.md): a 256-bit secret every caller of the run's RPCs presents
 * as call metadata, and optionally a self-signed TLS certificate that clients pin. The launcher
 * creates them with the run dir (run-dir.ts keeps them there, 0600); child hosts and external apps
 * get them through their environment (never argv: /proc/<pid>/cmdline is world-readable, environ
 * is readable by the same uid only). The secret is never logged: nothing here prints it.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

/** Call metadata that carries the run secret (lower case: gRPC metadata keys are). */
export const SECRET_HEADER = "x-constellate-secret";
/** Environment of child hosts and external apps: the secret, hex. */
export const SECRET_ENV = "CONSTELLATE_SECRET";
/** Environment: the run's TLS certificate, PEM (clients pin it; present only with --tls). */
export const TLS_CERT_ENV = "CONSTELLATE_TLS_CERT_PEM";
/** Environment of child hosts only: the TLS private key, PEM (they serve TLS themselves). */
export const TLS_KEY_ENV = "CONSTELLATE_TLS_KEY_PEM";

/** 256 bits, as the brief of issue 13 asks; hex on the wire and on disk (64 characters). */
export const SECRET_BYTES = 32;

export interface RunTls {
  certPem: string;
  /** Null for a client: it needs only the certificate to pin. */
  keyPem: string | null;
}

export class RunAuth {
  private readonly hex: string;
  private readonly hexBytes: Buffer;

  constructor(
    secret: Buffer,
    readonly tls: RunTls | null = null,
  ) {
    if (secret.length !== SECRET_BYTES) throw new Error(`a run secret has ${SECRET_BYTES} bytes`);
    this.hex = secret.toString("hex");
    this.hexBytes = Buffer.from(this.hex);
  }

  static generate(tls: RunTls | null = null): RunAuth {
    return new RunAuth(randomBytes(SECRET_BYTES), tls);
  }

  /** The hex form written to the run dir; null if `text` is not one. */
  static parse(text: string, tls: RunTls | null = null): RunAuth | null {
    const t = text.trim();
    if (!/^[0-9a-f]{64}$/.test(t)) return null;
    return new RunAuth(Buffer.from(t, "hex"), tls);
  }

  /** A child's credentials from its environment (undefined when the parent gave none). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): RunAuth | undefined {
    const s = env[SECRET_ENV];
    if (!s) return undefined;
    const cert = env[TLS_CERT_ENV];
    const auth = RunAuth.parse(s, cert ? { certPem: cert, keyPem: env[TLS_KEY_ENV] ?? null } : null);
    if (!auth) throw new Error(`${SECRET_ENV} is not a run secret`);
    return auth;
  }

  /** What goes into the secret file and the metadata header. Callers must not log it. */
  secretHex(): string {
    return this.hex;
  }

  /** Constant-time comparison of an offered value with the secret (its length is public: 64). */
  matches(offered: unknown): boolean {
    const b = typeof offered === "string" ? Buffer.from(offered) : Buffer.isBuffer(offered) ? offered : null;
    if (!b || b.length !== this.hexBytes.length) return false;
    return timingSafeEqual(b, this.hexBytes);
  }

  /** The same secret without the private key: what an external app or a client may hold. */
  forClient(): RunAuth {
    return new RunAuth(
      Buffer.from(this.hex, "hex"),
      this.tls ? { certPem: this.tls.certPem, keyPem: null } : null,
    );
  }

  /** Environment for a child: hosts get the key (they serve), external apps only the certificate. */
  env(withKey: boolean): Record<string, string> {
    const e: Record<string, string> = { [SECRET_ENV]: this.hex };
    if (this.tls) {
      e[TLS_CERT_ENV] = this.tls.certPem;
      if (withKey && this.tls.keyPem) e[TLS_KEY_ENV] = this.tls.keyPem;
    }
    return e;
  }
}

/** Constant-time comparison of two equal-length secrets given as strings (false when lengths differ). */
export function sameSecret(offered: unknown, expected: string): boolean {
  if (typeof offered !== "string") return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A host's identity toward the controller (registration proves the node is one the controller
 * started): the host id, and a random key of that host only, given to its child process alone
 * (environment) or kept in memory for the in-process host. The run secret alone does not make a
 * host: external apps hold the secret, and must not register nodes, host addresses or events.
 */
export const HOST_ID_HEADER = "x-constellate-host-id";
export const HOST_KEY_HEADER = "x-constellate-host-key";
export const HOST_KEY_ENV = "CONSTELLATE_HOST_KEY";

export function newHostKey(): string {
  return randomBytes(SECRET_BYTES).toString("hex");
}
