// Authentication (401) and authorization (403) with Elasticsearch's messages (CJ-SEC-001, CJ-SEC-002,
// CJ-SEC-003, CJ-SEC-004, CJ-SEC-005, CJ-SEC-006). Secrets are kept only as SHA-256 digests and compared with
// crypto.timingSafeEqual; nothing secret is logged.
import { nodeCrypto } from '../node-crypto.js';
import { EsError, esError } from '../rules/error-envelope.js';

/** The WWW-Authenticate values of a typical 8.x cluster (CJ-SEC-001). */
export const WWW_AUTHENTICATE = [
  'Basic realm="security", charset="UTF-8"',
  'Bearer realm="security"',
  'ApiKey',
];

/** Roles that hold the `manage_ml` cluster privilege. */
const ML_ADMIN_ROLES = new Set(['superuser', 'machine_learning_admin']);

export interface Principal {
  kind: 'user' | 'api_key';
  /** The user name; for an API key, its owner (named after the key's role, see README). */
  name: string;
  role: string;
  /** The API key id (the part before `:` of the decoded key). */
  apiKeyId?: string;
}

export interface SecurityConfig {
  apiKeys?: { key: string; role?: string }[];
  users?: { name: string; password: string; role?: string }[];
}

function digest(value: string): Buffer {
  return nodeCrypto().createHash('sha256').update(value, 'utf8').digest();
}

function sameDigest(a: Buffer, b: Buffer): boolean {
  return nodeCrypto().timingSafeEqual(a, b);
}

function unauthorized(reason: string, metadata?: Record<string, string>): EsError {
  const header = { 'WWW-Authenticate': WWW_AUTHENTICATE };
  return new EsError(
    401,
    { type: 'security_exception', reason, header, ...(metadata ? { metadata } : {}) },
    { 'WWW-Authenticate': WWW_AUTHENTICATE },
  );
}

/** The API key id: the part before `:` of the base64-decoded key, or a digest prefix if it does not decode. */
export function apiKeyId(key: string): string {
  const decoded = Buffer.from(key, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (/^[A-Za-z0-9+/_-]+=*$/u.test(key) && colon > 0 && !/[^\x20-\x7e]/u.test(decoded)) {
    return decoded.slice(0, colon);
  }
  return digest(key).toString('hex').slice(0, 20);
}

export class Security {
  private readonly apiKeys: { digest: Buffer; role: string; id: string }[];
  private readonly users = new Map<string, { digest: Buffer; role: string }>();
  /** See `dummy`. */
  private dummyDigest: Buffer | undefined;

  constructor(config: SecurityConfig) {
    this.apiKeys = (config.apiKeys ?? []).map(({ key, role }) => ({
      digest: digest(key),
      role: role ?? 'superuser',
      id: apiKeyId(key),
    }));
    for (const user of config.users ?? []) {
      this.users.set(user.name, { digest: digest(user.password), role: user.role ?? 'superuser' });
    }
  }

  /**
   * The digest an unknown user's password is compared with, so that both paths do the same work. Made by the first
   * login of an unknown user (one hash more, once), not at start: hashing loads node:crypto, which a server without
   * credentials does not need.
   */
  private get dummy(): Buffer {
    this.dummyDigest ??= digest('mlclose-dummy');
    return this.dummyDigest;
  }

  /** Security is on when any API key or user is configured. */
  get enabled(): boolean {
    return this.apiKeys.length > 0 || this.users.size > 0;
  }

  /**
   * Authenticates the Authorization header, or throws the 401 of CJ-SEC-001 and CJ-SEC-002. `uri` includes
   * the query string.
   */
  authenticate(authorization: string | undefined, uri: string): Principal {
    const missing = (): EsError =>
      unauthorized(`missing authentication credentials for REST request [${uri}]`);
    if (authorization === undefined) throw missing();
    const space = authorization.indexOf(' ');
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const credentials = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'basic') return this.basic(credentials, uri);
    if (scheme === 'apikey') return this.apiKey(credentials);
    if (scheme === 'bearer') {
      // No token service: a bearer token never authenticates (documented in the README).
      throw unauthorized(
        'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
        { additional_unsuccessful_credentials: 'oauth2 token: token malformed' },
      );
    }
    throw missing();
  }

  private basic(credentials: string, uri: string): Principal {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthorized('invalid basic authentication header value');
    const name = decoded.slice(0, colon);
    const given = digest(decoded.slice(colon + 1));
    const user = this.users.get(name);
    // Compare against a dummy digest for unknown users, so both paths do the same work.
    const matches = sameDigest(given, user?.digest ?? this.dummy) && user !== undefined;
    if (!matches || !user)
      throw unauthorized(`unable to authenticate user [${name}] for REST request [${uri}]`);
    return { kind: 'user', name, role: user.role };
  }

  private apiKey(credentials: string): Principal {
    const given = digest(credentials);
    let found: { role: string; id: string } | undefined;
    for (const key of this.apiKeys) if (sameDigest(given, key.digest)) found = key;
    if (!found) {
      throw unauthorized(
        'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
        { additional_unsuccessful_credentials: 'API key: invalid credentials' },
      );
    }
    return { kind: 'api_key', name: found.role, role: found.role, apiKeyId: found.id };
  }
}

/** Throws the 403 of CJ-SEC-003 and CJ-SEC-004 unless the principal holds `manage_ml`. */
export function authorizeMlAction(principal: Principal | null, action: string): void {
  if (principal === null || ML_ADMIN_ROLES.has(principal.role)) return;
  const granted = 'this action is granted by the cluster privileges [manage_ml,manage,all]';
  const who =
    principal.kind === 'api_key'
      ? `API key id [${principal.apiKeyId}] of user [${principal.name}]`
      : `user [${principal.name}] with effective roles [${principal.role}]`;
  throw esError(403, 'security_exception', `action [${action}] is unauthorized for ${who}, ${granted}`);
}
