// Builds the documentation site into dist/: the guides (Markdown + our template), the generated pages
// (examples, requirement catalogue, changelog) and the Redoc API reference, from the bundled spec of
// @mlclose/schema with generated x-codeSamples. Nothing in the output loads anything from another origin.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS, SPEC_VERSION } from '@mlclose/schema';
import {
  changelogBody,
  createMarkdown,
  discrepanciesTable,
  examplesBody,
  frontMatter,
  matrixJobs,
  matrixTable,
  requirementsBody,
} from './lib/pages.mjs';
import { CONVERTER_VERSION, samplesFor } from './lib/samples.mjs';
import { guidePage, referenceTemplate } from './lib/site.mjs';
import { stateDiagram } from './lib/diagram.mjs';
import { scanCitations } from './lib/coverage.mjs';
import { packageChangelogs, pendingChangesets } from './lib/changelog.mjs';
import {
  documentedResponse,
  isCloseJob,
  loadExamples,
  operationFor,
  parseConsole,
  CLOSE_JOB_PATH,
} from './lib/examples.mjs';
import { checkSelfContained } from './lib/self-contained.mjs';
import { renderReference } from './lib/reference.mjs';

const started = performance.now();
const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(docsRoot, '../..');
const dist = path.join(docsRoot, 'dist');
const require = createRequire(import.meta.url);

// --- Inputs -------------------------------------------------------------------------------------------------
const bundled = JSON.parse(readFileSync(require.resolve('@mlclose/schema/openapi.json'), 'utf8'));
const schemaManifest = JSON.parse(readFileSync(require.resolve('@mlclose/schema/package.json'), 'utf8'));
const version = schemaManifest.version;
if (SPEC_VERSION !== bundled.info.version || SPEC_VERSION !== version) {
  throw new Error(
    `version mismatch: @mlclose/schema ${version}, SPEC_VERSION ${SPEC_VERSION}, bundled info.version ${bundled.info.version}`,
  );
}
const rootManifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const repositoryUrl = rootManifest.repository?.url ?? rootManifest.repository;
// Where requirement citations link to: MLCLOSE_DOCS_SOURCE_URL (for example
// https://github.com/org/mlclose/blob/<commit>), else the root package.json's repository on main; without
// either the catalogue shows plain paths.
const sourceUrl =
  process.env.MLCLOSE_DOCS_SOURCE_URL?.replace(/\/$/, '') ||
  (typeof repositoryUrl === 'string'
    ? `${repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main`
    : undefined);

const examples = loadExamples(path.join(docsRoot, 'samples/examples.json'), bundled);
const matrix = JSON.parse(readFileSync(path.join(docsRoot, 'content/expansion-matrix.json'), 'utf8'));

// --- Output ---------------------------------------------------------------------------------------------------
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(path.join(docsRoot, 'theme/site.css'), path.join(dist, 'site.css'));

// Every example's samples, written by @elastic/request-converter (plus the @mlclose/client one for close-job).
/** @type {Map<string, import('./lib/samples.mjs').Sample[]>} */
const samples = new Map();
for (const example of examples) {
  samples.set(example.id, await samplesFor(example, { closeJob: isCloseJob(bundled, example) }));
}
// The samples exactly as the pages show them, for the tests that run them (they never convert again).
writeFileSync(
  path.join(dist, 'samples.json'),
  `${JSON.stringify(
    {
      'x-generated': `Written by apps/docs/scripts/build.mjs with @elastic/request-converter ${CONVERTER_VERSION}; do not edit.`,
      samples: Object.fromEntries(samples),
    },
    null,
    2,
  )}\n`,
);
/** @param {import('./lib/examples.mjs').Example} example */
const codeSamples = (example) =>
  /** @type {import('./lib/samples.mjs').Sample[]} */ (samples.get(example.id)).map(
    ({ lang, label, source }) => ({ lang, label, source }),
  );

// The spec copy the reference renders: the bundled spec plus x-codeSamples. Close-job shows the primary example;
// every other operation with an example shows its first one.
const spec = structuredClone(bundled);
const closeJob = spec.paths[CLOSE_JOB_PATH].post;
const primary = examples.find((ex) => ex.primary);
// loadExamples checked that exactly one example is primary.
closeJob['x-codeSamples'] = codeSamples(/** @type {import('./lib/examples.mjs').Example} */ (primary));
for (const example of examples) {
  const request = parseConsole(example.request);
  const { path: template } = operationFor(bundled, request);
  const operation = spec.paths[template][request.method.toLowerCase()];
  operation['x-codeSamples'] ??= codeSamples(example);
}
closeJob.description +=
  '\n\nMore calls, in every language and with the answer each one gets, are on the [examples page](examples.html).';
// Link each operation to the catalogue entries it cites (x-requirements), which Redoc does not show itself.
for (const item of Object.values(spec.paths)) {
  for (const operation of Object.values(item)) {
    const ids = operation?.['x-requirements'];
    if (!Array.isArray(ids) || ids.length === 0) continue;
    const links = ids.map((id) => `[${id}](requirements.html#${id})`).join(', ');
    operation.description = `${operation.description ?? ''}\n\nRequirements: ${links}.`;
  }
}
spec['x-generated'] =
  `${bundled['x-generated'] ?? ''} Copied by apps/docs with generated x-codeSamples; do not edit.`.trim();
writeFileSync(path.join(dist, 'openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);

// --- Guides and generated pages -------------------------------------------------------------------------
const md = createMarkdown();
const common = { version, specVersion: SPEC_VERSION };
const fill = (/** @type {string} */ text) =>
  text.replaceAll('{{version}}', version).replaceAll('{{specVersion}}', SPEC_VERSION);
/** @type {Record<string, () => string>} */
const generated = {
  matrix: () => matrixTable(matrix),
  'matrix-jobs': () => matrixJobs(matrix),
  'state-diagram': () => stateDiagram(),
  discrepancies: () => discrepanciesTable(bundled['x-upstream-discrepancies'] ?? []),
};

const pages = [];
const guidesDir = path.join(docsRoot, 'content/guides');
for (const name of readdirSync(guidesDir)
  .filter((n) => n.endsWith('.md'))
  .sort()) {
  const { data, markdown } = frontMatter(readFileSync(path.join(guidesDir, name), 'utf8'));
  md.reset();
  let body = md.block(fill(markdown));
  body = body.replace(/<!-- generated:([\w-]+) -->/g, (_, key) => {
    if (!generated[key]) throw new Error(`${name}: unknown generated block '${key}'`);
    return generated[key]();
  });
  pages.push({
    file: name.replace(/\.md$/, '.html'),
    title: data.title,
    description: data.description,
    body,
  });
}

const responses = new Map(examples.map((ex) => [ex.id, documentedResponse(bundled, ex)]));
md.reset();
pages.push({
  file: 'examples.html',
  title: 'Examples',
  description:
    'The job lifecycle and close-job calls in console, curl, JavaScript, Python, Ruby and PHP, with the answers they get.',
  body: examplesBody({
    examples,
    responses,
    samples,
    versions: {
      converter: CONVERTER_VERSION,
      elasticsearchJs: JSON.parse(
        readFileSync(require.resolve('@elastic/elasticsearch/package.json'), 'utf8'),
      ).version,
    },
    md,
  }),
});
md.reset();
pages.push({
  file: 'requirements.html',
  title: 'Requirement catalogue',
  description: 'Every close-job requirement, its source, and the tests that cover it.',
  body: requirementsBody({ requirements: REQUIREMENTS, citations: scanCitations(repoRoot), sourceUrl }),
});
md.reset();
pages.push({
  file: 'changelog.html',
  title: 'Changelog',
  description: 'Released and unreleased changes of the mlclose packages.',
  body: changelogBody({ pending: pendingChangesets(repoRoot), changelogs: packageChangelogs(repoRoot), md }),
});

for (const page of pages) {
  writeFileSync(path.join(dist, page.file), guidePage({ ...page, current: page.file, ...common }));
}

// --- API reference (Redoc) ----------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlclose-docs-'));
try {
  const template = path.join(tmp, 'reference.hbs');
  writeFileSync(template, referenceTemplate(common));
  renderReference({
    docsRoot,
    config: path.join(docsRoot, 'redocly.docs.yaml'),
    template,
    output: path.join(dist, 'reference.html'),
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Redoc adds the "API docs by Redocly" logo at runtime from cdn.redoc.ly, with no option to turn it off. Point it
// at a local copy instead, so the page loads nothing from another origin. Fail loudly if a Redocly upgrade
// changes those URLs, rather than silently loading from the CDN again.
const referenceFile = path.join(dist, 'reference.html');
let reference = readFileSync(referenceFile, 'utf8');
const logos = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': 'redocly-logo-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg': 'redocly-logo.svg',
};
for (const [remote, local] of Object.entries(logos)) {
  const count = reference.split(remote).length - 1;
  if (count !== 1)
    throw new Error(`expected Redoc to reference ${remote} once, found ${count}: update build.mjs`);
  reference = reference.replace(remote, local);
  copyFileSync(path.join(docsRoot, 'theme', local), path.join(dist, local));
}
// Redoc labels its example picker `aria-label="Example"` while the button shows the example's summary, which
// fails WCAG 2.5.3 "label in name" (axe: label-content-name-mismatch, serious). Without the aria-label the
// button's accessible name is the summary it shows.
const pickerLabel = '"aria-label":`Example`,options:';
if (reference.split(pickerLabel).length !== 2) {
  throw new Error("expected Redoc's example picker aria-label once: update build.mjs");
}
reference = reference.replace(pickerLabel, 'options:');
writeFileSync(referenceFile, reference);

// --- Checks on the output ---------------------------------------------------------------------------------
const problems = checkSelfContained(dist);
if (problems.length > 0) throw new Error(`the site is not self-contained:\n${problems.join('\n')}`);

const files = readdirSync(dist);
const bytes = files.reduce((sum, f) => sum + readFileSync(path.join(dist, f)).length, 0);
console.log(
  `@mlclose/docs v${version}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in dist/ (${Math.round(performance.now() - started)} ms)`,
);
