// The one home of credentials: their kind, the Authorization header they give, and the secrets every output of
// the suite (run reports, transcripts, cleanup messages) must redact.

/** Credentials: an encoded API key as Elasticsearch returns it, or a user and password. */
export type Credentials = { apiKey: string } | { username: string; password: string };

/** What kind of credentials a run has. */
export type CredentialKind = 'api-key' | 'basic' | 'none';

export function credentialKind(credentials: Credentials | undefined): CredentialKind {
  return !credentials ? 'none' : 'apiKey' in credentials ? 'api-key' : 'basic';
}

/** Basic-auth value for a user. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** The Authorization header value of `credentials`, or undefined without credentials. */
export function authorization(credentials: Credentials | undefined): string | undefined {
  if (!credentials) return undefined;
  return 'apiKey' in credentials
    ? `ApiKey ${credentials.apiKey}`
    : basicAuth(credentials.username, credentials.password);
}

/**
 * The secrets to redact for these credentials: the API key, or the password and `user:password` (whose base64
 * form is the Basic Authorization value; the Redactor adds the encoded forms of each secret).
 */
export function secrets(...credentials: ReadonlyArray<Credentials | undefined>): string[] {
  return credentials.flatMap((c) =>
    !c ? [] : 'apiKey' in c ? [c.apiKey] : [c.password, `${c.username}:${c.password}`],
  );
}
