import type { Auth } from './client-options.js';

// btoa takes Latin-1 only, so encode the UTF-8 bytes (Elasticsearch decodes credentials as UTF-8).
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** The Authorization header value for `auth`, or `undefined` without credentials. */
export function authorization(auth: Auth | undefined): string | undefined {
  // An unset value (`process.env.X` is undefined) sends no header, so the server answers 401.
  const { apiKey, bearer, username, password } = (auth ?? {}) as Record<string, any>;
  return apiKey
    ? 'ApiKey ' + (apiKey.id ? base64(apiKey.id + ':' + apiKey.api_key) : apiKey)
    : bearer
      ? 'Bearer ' + bearer
      : username && 'Basic ' + base64(username + ':' + password);
}
