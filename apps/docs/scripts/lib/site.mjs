// The page shell every page shares: the guides and the Redoc reference (through its handlebars template).
// Links are relative file names (`semantics.html`, never `/semantics`), so the site works from any static
// host, from a sub-directory and from file://.

/** The pages of the site, in navigation order. */
export const PAGES = [
  { file: 'index.html', nav: 'Overview' },
  { file: 'getting-started.html', nav: 'Getting started' },
  { file: 'semantics.html', nav: 'Close-job semantics' },
  { file: 'examples.html', nav: 'Examples' },
  { file: 'testing-without-a-cluster.html', nav: 'Testing without a cluster' },
  { file: 'conformance.html', nav: 'Conformance' },
  { file: 'requirements.html', nav: 'Requirements' },
  { file: 'changelog.html', nav: 'Changelog' },
  { file: 'reference.html', nav: 'API reference' },
];

/** @param {unknown} text */
export function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The site header with the navigation; `current` is the file name of the page being rendered.
 * @param {{ current: string, version: string }} options
 */
export function header({ current, version }) {
  const items = PAGES.map(({ file, nav }) => {
    const here = file === current ? ' aria-current="page"' : '';
    return `<li><a href="${file}"${here}>${escapeHtml(nav)}</a></li>`;
  }).join('');
  return `<header class="site-header">
  <a class="site-skip" href="#main">Skip to content</a>
  <div class="site-bar">
    <a class="site-brand" href="index.html">mlclose <span class="site-version" title="Documented version">v${escapeHtml(version)}</span></a>
    <nav class="site-nav" aria-label="Documentation"><ul>${items}</ul></nav>
  </div>
</header>`;
}

/** @param {{ version: string, specVersion: string }} options */
export function footer({ version, specVersion }) {
  return `<footer class="site-footer">
  <p>Documents <code>@mlclose/*</code> v${escapeHtml(version)} and the close-job description (spec) v${escapeHtml(specVersion)}.
  Generated from <code>spec/openapi.yaml</code> by <code>apps/docs</code>; do not edit the output.
  <a href="openapi.json">Download the OpenAPI description</a>.</p>
</footer>`;
}

/**
 * A complete guide page. `body` is HTML.
 * @param {{ current: string, title: string, description: string, body: string, version: string,
 *   specVersion: string }} options
 */
export function guidePage({ current, title, description, body, version, specVersion }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeHtml(description)}">
<meta name="generator" content="@mlclose/docs">
<title>${escapeHtml(title)} · mlclose v${escapeHtml(version)}</title>
<link rel="stylesheet" href="site.css">
</head>
<body class="guide page-${current.replace(/\.html$/, '')}">
${header({ current, version })}
<main id="main" class="guide-main">
${body}
</main>
${footer({ version, specVersion })}
</body>
</html>
`;
}

/**
 * The handlebars template Redoc renders the reference into, with the same header and stylesheet.
 * @param {{ version: string, specVersion: string }} options
 */
export function referenceTemplate({ version, specVersion }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="API reference of POST /_ml/anomaly_detectors/{job_id}/_close, rendered from the mlclose OpenAPI description.">
<meta name="generator" content="@mlclose/docs">
<title>API reference · mlclose v${escapeHtml(version)}</title>
<link rel="stylesheet" href="site.css">
{{{redocHead}}}
</head>
<body class="reference">
${header({ current: 'reference.html', version })}
<main id="main" class="reference-main">
{{{redocHTML}}}
</main>
${footer({ version, specVersion })}
</body>
</html>
`;
}
