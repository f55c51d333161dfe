// One home for credentials: their kind, the Authorization header, and the secrets every output redacts.
import { describe, expect, it } from 'vitest';
import { authorization, credentialKind, secrets, type Credentials } from '../src/credentials.js';
import { Redactor } from '../src/redact.js';

describe('credentials', () => {
  it.each<{ given: Credentials | undefined; kind: string; header: string | undefined; redacted: string[] }>([
    { given: undefined, kind: 'none', header: undefined, redacted: [] },
    { given: { apiKey: 'key-123' }, kind: 'api-key', header: 'ApiKey key-123', redacted: ['key-123'] },
    {
      given: { username: 'elastic', password: 'pw-123' },
      kind: 'basic',
      header: `Basic ${Buffer.from('elastic:pw-123').toString('base64')}`,
      redacted: ['pw-123', 'elastic:pw-123'],
    },
  ])('$kind: header and secrets', ({ given, kind, header, redacted }) => {
    expect(credentialKind(given)).toBe(kind);
    expect(authorization(given)).toBe(header);
    expect(secrets(given)).toEqual(redacted);
  });

  it('the secrets of basic auth mask its Authorization value wherever it is echoed', () => {
    const given = { username: 'elastic', password: 'pw-123' };
    const value = authorization(given)!.slice('Basic '.length);
    const redactor = new Redactor(secrets(given));
    expect(redactor.text(`echo ${value} and elastic:pw-123`)).toBe('echo [REDACTED] and [REDACTED]');
  });
});
