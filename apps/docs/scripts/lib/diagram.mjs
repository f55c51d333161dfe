// The job state diagram, as inline SVG: no script, no external library, readable without CSS.

const NODE = { w: 128, h: 44 };
const STATES = {
  closed: { x: 30, y: 150 },
  opening: { x: 230, y: 40 },
  opened: { x: 530, y: 40 },
  closing: { x: 230, y: 270 },
  failed: { x: 760, y: 150 },
};

/** @param {keyof typeof STATES} name */
function center(name) {
  const { x, y } = STATES[name];
  return { x: x + NODE.w / 2, y: y + NODE.h / 2 };
}

/** @param {keyof typeof STATES} name */
function node(name) {
  const { x, y } = STATES[name];
  const c = center(name);
  return `<g class="sd-node sd-${name}"><rect x="${x}" y="${y}" width="${NODE.w}" height="${NODE.h}" rx="10"/><text x="${c.x}" y="${c.y + 5}" text-anchor="middle">${name}</text></g>`;
}

/**
 * @param {string} d The SVG path.
 * @param {string} label
 * @param {number} lx
 * @param {number} ly
 * @param {'normal' | 'force' | 'refused'} [kind]
 */
function edge(d, label, lx, ly, kind = 'normal') {
  return `<g class="sd-edge sd-${kind}"><path d="${d}" marker-end="url(#sd-arrow-${kind})"/><text x="${lx}" y="${ly}" text-anchor="middle">${label}</text></g>`;
}

export function stateDiagram() {
  const marker = (/** @type {string} */ kind) =>
    `<marker id="sd-arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="sd-head sd-head-${kind}"/></marker>`;
  const edges = [
    edge('M94,150 L228,72', 'open job', 130, 96),
    edge('M358,62 L526,62', 'process started', 442, 50),
    edge('M570,84 L362,272', 'close (normal)', 520, 190),
    edge('M230,292 L98,198', 'state persisted', 150, 294),
    edge('M668,62 C740,62 800,90 818,146', 'process fails', 775, 50),
    edge(
      'M790,196 C790,450 -60,420 26,176',
      'force close: task removed (from opening, opened, closing or failed)',
      430,
      404,
      'force',
    ),
    edge('M888,162 C935,150 935,200 890,188', '', 0, 0, 'refused'),
  ];
  return `<figure class="state-diagram">
<svg viewBox="0 0 980 425" role="img" aria-labelledby="sd-title sd-desc" xmlns="http://www.w3.org/2000/svg">
<title id="sd-title">Anomaly detection job states and close</title>
<desc id="sd-desc">A closed job is opened through opening to opened. A normal close moves an opened job to closing and then to closed, once its state is persisted. A job whose process fails becomes failed. A normal close of a failed job is refused with 409. A force close removes the task of an opening, opened, closing or failed job, which makes it closed at once.</desc>
<defs>${marker('normal')}${marker('force')}${marker('refused')}</defs>
${edges.join('\n')}
<text class="sd-note" x="836" y="226">normal close: 409</text>
${/** @type {(keyof typeof STATES)[]} */ (Object.keys(STATES)).map(node).join('\n')}
</svg>
<figcaption>Job states. Solid arrows: normal transitions. Dashed arrow: a force close. A normal close of a <code>failed</code> job is refused with 409.</figcaption>
</figure>`;
}
