// Fails the build when a page would load anything from another origin: a script, stylesheet, image, font,
// frame or CSS url()/@import. Plain links (<a href>) to other sites are fine: they are not loaded.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const LOADING_ATTRIBUTE =
  /<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(src|href|srcset|data)\s*=\s*["']?([^"'\s>]+)/gi;
const CSS_URL = /(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)/gi;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/**
 * Problems found in the built files of `dir`, as human-readable lines.
 * @param {string} dir
 */
export function checkSelfContained(dir) {
  /** @type {string[]} */
  const problems = [];
  for (const name of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    if (name.endsWith('.html')) {
      // Every group takes part in a match.
      for (const [, tag, attr, value] of /** @type {Iterable<[string, string, string, string]>} */ (
        text.matchAll(LOADING_ATTRIBUTE)
      )) {
        if (EXTERNAL.test(value))
          problems.push(`${name}: <${tag} ${attr}="${value}"> loads from another origin`);
      }
    }
    if (name.endsWith('.css') || name.endsWith('.html')) {
      for (const [, value] of /** @type {Iterable<[string, string]>} */ (text.matchAll(CSS_URL))) {
        if (EXTERNAL.test(value) && !value.startsWith('http://www.w3.org/')) {
          problems.push(`${name}: CSS url(${value}) loads from another origin`);
        }
      }
    }
  }
  return problems;
}
