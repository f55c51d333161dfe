import type { ApiKey, Auth } from './client-options.js';

// btoa takes Latin-1 only, so encode the UTF-8 bytes (Elasticsearch decodes credentials as UTF-8).
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Every field of every `Auth` scheme, so that one destructuring reads them all. */
interface AuthFields {
  apiKey?: ApiKey | undefined;
  bearer?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** The Authorization header value for `auth`, or `undefined` without credentials. */
export function authorization(auth: Auth | undefined): string | undefined {
  // An unset value (`process.env.X` is undefined) sends no header, so the server answers 401.
  const { apiKey, bearer, username, password }: AuthFields = auth ?? {};
  if (typeof apiKey === 'object') return `ApiKey ${base64(`${apiKey.id}:${apiKey.api_key}`)}`;
  if (apiKey) return `ApiKey ${apiKey}`;
  if (bearer) return `Bearer ${bearer}`;
  if (username) return `Basic ${base64(`${username}:${password}`)}`;
  return undefined;
}
