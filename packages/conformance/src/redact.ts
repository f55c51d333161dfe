// Credentials never leave the process: transcripts, reports and messages pass through a Redactor that knows
// every secret of the run (./credentials.ts lists them: the API key, the password, user:password).

const MASK = '[REDACTED]';

/** Replaces every known secret in a string. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: ReadonlyArray<string | undefined>) {
    const all = new Set<string>();
    for (const secret of secrets) {
      if (!secret || secret.length < 3) continue;
      all.add(secret);
      all.add(Buffer.from(secret, 'utf8').toString('base64'));
      all.add(encodeURIComponent(secret));
    }
    // Longest first, so an encoded form is masked before a substring of it.
    this.secrets = [...all].sort((a, b) => b.length - a.length);
  }

  /** The string with every secret masked. */
  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A header map with Authorization-like values masked entirely (scheme kept). */
  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      if (/^(authorization|proxy-authorization|cookie|set-cookie|es-secondary-authorization)$/i.test(name)) {
        const scheme = /^\s*(\S+)\s+/.exec(value)?.[1];
        out[name] = scheme ? `${scheme} ${MASK}` : MASK;
      } else {
        out[name] = this.text(value);
      }
    }
    return out;
  }
}
