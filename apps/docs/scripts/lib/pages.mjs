// HTML for the generated parts of the site: the expansion matrix, the examples, the requirement catalogue, the
// changelog and the upstream discrepancies. Everything here is a pure function of data read by build.mjs.
import { Marked, Renderer } from 'marked';
import { SECTIONS } from './examples.mjs';
import { escapeHtml } from './site.mjs';

/**
 * @typedef {import('./examples.mjs').Example} Example
 * @typedef {ReturnType<typeof import('./examples.mjs').documentedResponse>} DocumentedResponse
 * @typedef {import('./samples.mjs').Sample} Sample
 * @typedef {import('./changelog.mjs').Changeset} Changeset
 * @typedef {import('./changelog.mjs').PackageChangelog} PackageChangelog
 * @typedef {import('@mlclose/schema').Requirement} Requirement
 * @typedef {ReturnType<typeof createMarkdown>} Markdown
 */

/**
 * content/expansion-matrix.json: the jobs every row starts from, and each expression's outcome by allow_no_match.
 * @typedef {object} ExpansionMatrix
 * @property {{ job_id: string, groups: string[] }[]} jobs
 * @property {{ expression: string, note: string, jobs?: 'none', true: Outcome, false: Outcome }[]} rows
 */

/**
 * What closing an expression does: 200 closing these jobs, or 404 naming the tokens that matched nothing.
 * @typedef {{ closes: string[], notFound?: undefined } | { notFound: string, closes?: undefined }} Outcome
 */

/**
 * A URL-fragment id for a heading text, GitHub style.
 * @param {unknown} text
 */
export function slug(text) {
  return String(text)
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** A marked instance whose headings get ids, so every section can be linked. */
export function createMarkdown() {
  const seen = new Map();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const base = slug(inner) || 'section';
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count}`;
        return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
      },
      code({ text, lang }) {
        // Focusable, so that keyboard users can scroll a wide block (axe: scrollable-region-focusable).
        const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
        return `<pre tabindex="0"><code${cls}>${escapeHtml(text)}</code></pre>\n`;
      },
      table(token) {
        // Wrap tables so that wide ones scroll inside the page instead of widening it.
        const html = Renderer.prototype.table.call(this, token);
        return `<div class="table-wrap">${html}</div>\n`;
      },
    },
  });
  return {
    // Synchronous: no async extension is used, so marked returns strings.
    block: (/** @type {string} */ markdown) => /** @type {string} */ (marked.parse(markdown)),
    inline: (/** @type {string} */ markdown) => /** @type {string} */ (marked.parseInline(markdown)),
    reset: () => seen.clear(),
  };
}

/**
 * Splits `---` front matter (`key: value` lines) from a Markdown page.
 * @param {string} text
 * @returns {{ data: { title: string, description: string, [key: string]: string }, markdown: string }}
 */
export function frontMatter(text) {
  const match = /** @type {(RegExpExecArray & [string, string, string]) | null} */ (
    /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text)
  );
  if (!match) throw new Error('a guide must start with front matter (title, description)');
  /** @type {Record<string, string>} */
  const data = {};
  for (const line of match[1].split(/\r?\n/)) {
    const kv = /** @type {(RegExpExecArray & [string, string, string]) | null} */ (
      /^(\w+):\s*(.*)$/.exec(line)
    );
    if (kv) data[kv[1]] = kv[2];
  }
  if (!data.title || !data.description) throw new Error('front matter needs title and description');
  return { data: /** @type {{ title: string, description: string }} */ (data), markdown: match[2] };
}

/** @param {Outcome} outcome */
function outcomeHtml(outcome) {
  if (outcome.notFound !== undefined) {
    return `<span class="outcome outcome-404">404</span> <code>No known job with id '${escapeHtml(outcome.notFound)}'</code>, nothing closed`;
  }
  if (outcome.closes.length === 0) return `<span class="outcome outcome-200">200</span> no-op`;
  return `<span class="outcome outcome-200">200</span> closes ${outcome.closes.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}`;
}

/**
 * The allow_no_match × expression table, from content/expansion-matrix.json.
 * @param {ExpansionMatrix} matrix
 */
export function matrixTable(matrix) {
  const rows = matrix.rows
    .map((row) => {
      const same = JSON.stringify(row.true) === JSON.stringify(row.false);
      const data = row.jobs === 'none' ? ' <span class="muted">(no jobs at all)</span>' : '';
      const cells = same
        ? `<td colspan="2" class="same">${outcomeHtml(row.true)} <span class="muted">(either value)</span></td>`
        : `<td>${outcomeHtml(row.true)}</td><td>${outcomeHtml(row.false)}</td>`;
      return `<tr><th scope="row"><code>${escapeHtml(row.expression)}</code>${data}</th><td>${escapeHtml(row.note)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="matrix">
<caption>Outcome of closing each expression, by <code>allow_no_match</code></caption>
<thead><tr><th scope="col">Expression</th><th scope="col">Case</th><th scope="col"><code>allow_no_match=true</code> (default)</th><th scope="col"><code>allow_no_match=false</code></th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/**
 * The jobs the matrix starts from, with their groups, as an inline list.
 * @param {ExpansionMatrix} matrix
 */
export function matrixJobs(matrix) {
  return matrix.jobs
    .map(
      (job) =>
        `<code>${escapeHtml(job.job_id)}</code>${job.groups.length ? ` (group <code>${job.groups.map(escapeHtml).join(', ')}</code>)` : ''}`,
    )
    .join(', ');
}

/** @param {Example} example */
function setupHtml(example) {
  const { indices = [], jobs = [], datafeeds = [] } = example.setup;
  const parts = [
    ...indices.map((index) => `the index <code>${escapeHtml(index)}</code> exists`),
    ...jobs.map((job) => {
      const groups = job.groups?.length
        ? ` in group <code>${job.groups.map(escapeHtml).join(', ')}</code>`
        : '';
      const records = job.records?.length
        ? `, with ${job.records.length} record${job.records.length === 1 ? '' : 's'} posted to it (<code>${escapeHtml(job.records.map((r) => JSON.stringify(r)).join(' '))}</code>)`
        : '';
      return `<code>${escapeHtml(job.job_id)}</code>${groups} is <code>${escapeHtml(job.state)}</code>${records}`;
    }),
    ...datafeeds.map(
      (feed) =>
        `its datafeed <code>${escapeHtml(feed.datafeed_id)}</code> is <code>${escapeHtml(feed.state)}</code>`,
    ),
  ];
  return parts.length === 0 ? 'Nothing exists yet.' : `${parts.join('; ')}.`;
}

/**
 * The note of an example whose 9.x Python call does not run on the 7.17 client, with the call that does.
 * @param {Example} example
 */
function python717Html(example) {
  if (!example.python717) return '';
  return `<div class="note python717"><p><strong>Python client 7.17:</strong> the Python call above is the 9.x client's form, which takes the body as keyword arguments (its fields, or <code>data</code> for newline-delimited records). On the 7.17 client (Debian's <code>python3-elasticsearch</code>) it fails with <code>${escapeHtml(example.python717.error)}</code>. Pass the body as <code>body=</code> instead:</p>
<pre tabindex="0"><code class="language-python">${escapeHtml(example.python717.call)}</code></pre></div>`;
}

/**
 * The examples page body: every example in every language, with its setup and documented answer.
 * @param {{ examples: Example[], responses: Map<string, DocumentedResponse>, samples: Map<string, Sample[]>,
 *   versions: { converter: string, elasticsearchJs: string }, md: Markdown }} options `responses` and `samples`
 *   hold every example's id.
 */
export function examplesBody({ examples, responses, samples, versions, md }) {
  const section = (/** @type {Example} */ ex) => {
    const blocks = /** @type {Sample[]} */ (samples.get(ex.id))
      .map(
        (s, i) =>
          `<details class="sample"${i < 2 ? ' open' : ''}><summary>${escapeHtml(s.label)}</summary><pre tabindex="0"><code class="language-${s.id}">${escapeHtml(s.source)}</code></pre></details>`,
      )
      .join('\n');
    const response = /** @type {DocumentedResponse} */ (responses.get(ex.id));
    const unstable = response.unstable.length
      ? `<p class="unstable">The cluster chooses ${response.unstable.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}: yours will differ.</p>`
      : '';
    return `<section class="example" aria-labelledby="${ex.id}">
<h3 id="${ex.id}">${escapeHtml(ex.title)}</h3>
${md.block(ex.description)}
<p class="setup"><strong>Before the call:</strong> ${setupHtml(ex)}</p>
${blocks}
${python717Html(ex)}
<p class="answer-label"><strong>Answer:</strong> HTTP ${response.status} (${escapeHtml(response.summary)})${response.partial ? ', an excerpt: the cluster answers more fields' : ''}</p>
<pre class="answer" tabindex="0"><code class="language-json">${escapeHtml(JSON.stringify(response.value, null, 2))}</code></pre>
${unstable}
</section>`;
  };
  const toc = SECTIONS.map(
    ({ id, title }) =>
      `<li><a href="#${id}">${escapeHtml(title)}</a><ul>${examples
        .filter((ex) => ex.section === id)
        .map((ex) => `<li><a href="#${ex.id}">${escapeHtml(ex.title)}</a></li>`)
        .join('')}</ul></li>`,
  ).join('');
  const body = SECTIONS.map(
    ({ id, title }) =>
      `<h2 id="${id}">${escapeHtml(title)}</h2>\n${examples
        .filter((ex) => ex.section === id)
        .map(section)
        .join('\n')}`,
  ).join('\n');
  return `<h1 id="examples">Examples</h1>
<p>A cookbook of the job lifecycle: create the index, the job and its datafeed, open the job, send it records or start the feed, check the job, close it, then change or delete it. Each example is written once, as the console request of its first sample (<code>apps/docs/samples/examples.json</code>). Elastic's own converter, <code>@elastic/request-converter</code> ${escapeHtml(versions.converter)}, turns it into curl and into calls of Elastic's clients for JavaScript, Python, Ruby and PHP, as on Elastic's docs pages. Close-job examples also show the call with <code>@mlclose/client</code>.</p>
<p>The docs' tests run every sample against the reference server and compare its answer with the one shown: curl as printed, JavaScript with <code>@elastic/elasticsearch</code> ${escapeHtml(versions.elasticsearchJs)} and with <code>@mlclose/client</code>, Python with Elastic's Python client 7.17 (Debian's <code>python3-elasticsearch</code>). The Ruby and PHP samples are checked with <code>ruby -c</code> and <code>php -l</code>, and each call against the method names and parameters that the Ruby and PHP clients document; no Ruby or PHP client runs them here.</p>
<p>The samples read the cluster URL and an API key from the environment, and the client samples expect a client created as <code>client</code>:</p>
<pre tabindex="0"><code class="language-sh">export ELASTICSEARCH_URL=https://my-cluster.example.com:9200
export ELASTIC_API_KEY=...   # the encoded key Elasticsearch returns</code></pre>
<p>The Python samples are the 9.x client's call form. The 7.17 client runs the calls without a body as shown. It takes a request body only as <code>body=</code>, so each call with a body shows the 7.17 form below it.</p>
<nav aria-label="Examples on this page" class="toc"><ul>${toc}</ul></nav>
${body}`;
}

const REACH_TEXT = {
  standard: 'Any cluster',
  'test-control': 'Reference server test control',
  security: 'Security enabled',
  none: 'Not testable portably',
};

/** @type {Record<string, string>} */
const SOURCE_TEXT = {
  docs: "Elastic's docs",
  supporting: 'Supporting APIs',
  mlclose: 'mlclose',
};

/** Elasticsearch classes, optionally with a member: `TimeValue.parseTimeValue, RestController`. */
const ELASTICSEARCH_CLASSES = /^[A-Z][A-Za-z]*(?:\.[A-Za-z_]+)*(?:, [A-Z][A-Za-z]*(?:\.[A-Za-z_]+)*)*$/;

/**
 * Where a requirement comes from: Elastic's docs, the supporting APIs, mlclose, or the Elasticsearch classes (in
 * elastic/elasticsearch) that the rule rests on, which the page names. Anything else is refused, not printed.
 * @param {string} source
 */
export function sourceText(source) {
  const text = SOURCE_TEXT[source];
  if (text) return text;
  if (ELASTICSEARCH_CLASSES.test(String(source))) return `Elasticsearch: ${source}`;
  throw new Error(`unknown requirement source '${source}'`);
}

/**
 * The requirement catalogue page body. `citations` maps an ID to `{ file, line }[]`.
 * @param {{ requirements: readonly Requirement[], citations: Map<string, { file: string, line: number }[]>,
 *   sourceUrl: string | undefined }} options
 */
export function requirementsBody({ requirements, citations, sourceUrl }) {
  /** @type {Map<string, Requirement[]>} */
  const groups = new Map();
  for (const req of requirements) {
    // Every id is CJ-<GROUP>-<number>.
    const group = /** @type {string} */ (req.id.split('-')[1]);
    if (!groups.has(group)) groups.set(group, []);
    /** @type {Requirement[]} */ (groups.get(group)).push(req);
  }
  const covered = requirements.filter((r) => (citations.get(r.id) ?? []).length > 0).length;
  const link = (/** @type {{ file: string, line: number }} */ { file, line }) => {
    const label = `${escapeHtml(file)}:${line}`;
    return sourceUrl
      ? `<a href="${escapeHtml(`${sourceUrl}/${file}#L${line}`)}"><code>${label}</code></a>`
      : `<code>${label}</code>`;
  };
  const sections = [...groups].map(([group, reqs]) => {
    const rows = reqs
      .map((req) => {
        const cites = citations.get(req.id) ?? [];
        const coveredBy = cites.length
          ? `<ul class="cites">${cites.map((c) => `<li>${link(c)}</li>`).join('')}</ul>`
          : '<span class="uncovered">not yet covered</span>';
        const verified = req.verified ? 'yes' : '<strong class="unverified">unverified</strong>';
        return `<tr id="${req.id}"><th scope="row"><a href="#${req.id}"><code>${req.id}</code></a></th><td>${escapeHtml(req.statement)}</td><td>${escapeHtml(sourceText(req.source))}</td><td>${REACH_TEXT[req.reach] ?? escapeHtml(req.reach)}</td><td>${verified}</td><td>${coveredBy}</td></tr>`;
      })
      .join('\n');
    return `<h2 id="group-${group.toLowerCase()}">${escapeHtml(group)} <span class="muted">(${reqs.length})</span></h2>
<div class="table-wrap"><table class="requirements">
<thead><tr><th scope="col">ID</th><th scope="col">Requirement</th><th scope="col">Source</th><th scope="col">Reach</th><th scope="col">Verified</th><th scope="col">Covered by</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
  });
  const toc = [...groups.keys()]
    .map((g) => `<li><a href="#group-${g.toLowerCase()}">${escapeHtml(g)}</a></li>`)
    .join('');
  return `<h1 id="requirements">Requirement catalogue</h1>
<p>Every normative statement about close-job has a stable ID in the description's <code>x-requirements</code> list. This page is generated from it. <strong>${requirements.length}</strong> requirements; <strong>${covered}</strong> are cited by at least one test file, <strong>${requirements.length - covered}</strong> are not yet covered.</p>
<p><strong>Source</strong> is where the statement comes from: the Elasticsearch classes (in <code>elastic/elasticsearch</code>) it rests on, Elastic's docs, the supporting APIs the reference server implements around close-job, or mlclose itself. <strong>Reach</strong> is what a test needs to observe it. <strong>Unverified</strong> statements were derived from Elasticsearch's source but not observed on a live cluster; the conformance suite reports them without failing a server. <strong>Covered by</strong> lists the test files in this repository that cite the ID (scanned in <code>packages/*/test</code> and <code>packages/conformance/src</code> when the site was built).</p>
<nav aria-label="Requirement groups" class="toc"><ul>${toc}</ul></nav>
${sections.join('\n')}`;
}

/**
 * The changelog page body: pending changesets as "Unreleased", then each package's CHANGELOG.md.
 * @param {{ pending: Changeset[], changelogs: PackageChangelog[], md: Markdown }} options
 */
export function changelogBody({ pending, changelogs, md }) {
  const unreleased = pending.length
    ? pending
        .map(
          (cs) =>
            `<article class="changeset"><p class="bumps">${cs.releases.map((r) => `<code>${escapeHtml(r.name)}</code> <span class="bump bump-${r.type}">${r.type}</span>`).join(' ')}</p>${md.block(cs.summary)}</article>`,
        )
        .join('\n')
    : '<p>No pending changes.</p>';
  const released = changelogs.length
    ? changelogs
        .map(({ name, markdown }) => {
          // Each CHANGELOG.md starts with `# <package name>`; demote it under this page's headings.
          const body = markdown.replace(/^# .*\n/, '').replace(/^(#{1,4}) /gm, '$1## ');
          return `<section class="package-changelog"><h3 id="${slug(name)}">${escapeHtml(name)}</h3>${md.block(body)}</section>`;
        })
        .join('\n')
    : "<p>Nothing has been released yet. Released versions appear here once <code>changeset version</code> has written the packages' <code>CHANGELOG.md</code> files.</p>";
  return `<h1 id="changelog">Changelog</h1>
<p>Generated from the repository's changesets: pending entries in <code>.changeset/</code> are listed as unreleased; released entries come from each package's <code>CHANGELOG.md</code>. The published <code>@mlclose/*</code> packages always release together, with the same version.</p>
<h2 id="unreleased">Unreleased</h2>
${unreleased}
<h2 id="released">Released</h2>
${released}`;
}

/**
 * The spec's x-upstream-discrepancies: where Elastic's description and Elasticsearch differ.
 * @param {{ topic: string, upstream: string, actual: string }[]} discrepancies
 */
export function discrepanciesTable(discrepancies) {
  const rows = discrepancies
    .map(
      (d) =>
        `<tr><th scope="row">${escapeHtml(d.topic)}</th><td>${escapeHtml(d.upstream)}</td><td>${escapeHtml(d.actual)}</td></tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table>
<thead><tr><th scope="col">Topic</th><th scope="col">Elastic's description says</th><th scope="col">Elasticsearch does</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}
