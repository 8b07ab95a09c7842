// The census charts, drawn as SVG by DOM calls (server/web/README.md says why not a library):
// four kinds — the age-sex pyramid, horizontal bars (nationality, a site's population), one bar
// split in shares (miner's card coverage) and columns over days, stacked by series (arrivals per
// day per site). No style attribute (the CSP forbids it): colours and type come from app.css
// classes (chart-*); only geometry is set as attributes. Each chart has a <title> and a <desc>
// and is drawn at its box's own width (redrawn when the box changes), so its text stays the page's
// size on a phone as on a laptop; for printing, at an A4 page's width. The numbers are always
// also in a table beside the chart: the pages put one there.
//
// The layout maths (scales, ticks, bar lengths, label widths) is in the functions above the
// DOM part, which touch no DOM and are unit-tested under node (tests/unit/server_web).

import { h } from './dom.js';

// ------------------------------------------------------------------ layout, no DOM

/// The type size of every chart text, in px (app.css sets the same on svg.chart-svg text).
const FONT = 13;

/// A whole count, in the language's digits ("1 234" in French, "1,234" in English).
export function formatCount(value, language) {
  const n = Number(value ?? 0);
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 0 })
    .format(Number.isFinite(n) ? n : 0);
}

/// `part` of `whole` as a rounded percentage ("42 %" in French, "42%" in English); one decimal
/// under 10 % so that a small share does not read as 0; "–" when whole is 0.
export function formatPercent(part, whole, language) {
  const p = Number(part ?? 0);
  const w = Number(whole ?? 0);
  if (!(w > 0)) return '–';
  const value = (100 * p) / w;
  const digits = value > 0 && value < 10 ? 1 : 0;
  const text = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: digits, minimumFractionDigits: digits,
  }).format(value);
  return language === 'en' ? `${text}%` : `${text}\u202f%`;
}

/// Axis ticks for counts from 0 to at least `max`: a step of 1, 2 or 5 times a power of ten
/// (never under 1: counts are whole), about `target` steps. { step, top, values }.
export function niceTicks(max, target = 5) {
  const m = Number(max);
  if (!(m > 0)) return { step: 1, top: 1, values: [0, 1] };
  const raw = m / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = Math.max(1, (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude);
  const count = Math.ceil(m / step);
  const values = [];
  for (let i = 0; i <= count; i++) values.push(Number((i * step).toPrecision(12)));
  return { step, top: values[values.length - 1], values };
}

/// The length of `value` on an axis from 0 to `top` drawn `length` long; a count above 0 is
/// at least 1 px, so that it shows.
export function scaleLength(value, top, length) {
  const v = Number(value ?? 0);
  if (!(v > 0) || !(top > 0) || !(length > 0)) return 0;
  return Math.max(1, Math.min(length, (v / top) * length));
}

/// About how wide `text` is in the charts' type (no DOM to measure with: an average glyph of
/// 0.58 em, generous for digits and lower case, so labels are given room enough).
export function textWidth(text, size = FONT) {
  return [...String(text ?? '')].length * size * 0.58;
}

/// `text` cut with "…" to fit `width` (the whole text stays in the chart's title of that row).
export function fitText(text, width, size = FONT) {
  const value = String(text ?? '');
  if (textWidth(value, size) <= width) return value;
  const chars = [...value];
  let keep = Math.max(1, Math.floor(width / (size * 0.58)) - 1);
  if (keep >= chars.length) keep = chars.length - 1;
  return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/// "label : value" as French writes it, "label: value" in English.
export function labelled(label, value, language) {
  return language === 'en' ? `${label}: ${value}` : `${label}\u00a0: ${value}`;
}

/// The `max` largest rows (by value, as given when already sorted), the rest summed in one row
/// `{ label: othersLabel, value, others: true }` when more than `max` rows.
export function topRows(rows, max, othersLabel) {
  const sorted = [...rows].sort((a, b) => Number(b.value) - Number(a.value));
  if (sorted.length <= max) return sorted;
  const kept = sorted.slice(0, max - 1);
  const rest = sorted.slice(max - 1).reduce((sum, row) => sum + Number(row.value ?? 0), 0);
  return [...kept, { label: othersLabel, value: rest, others: true }];
}

/// Horizontal bars, one row each: label on the left, bar, the value (and share) after it.
/// rows: [{ label, value, note? }] where note is the text written after the value.
export function barsLayout(rows, { width, rowHeight = 26, gap = 8, size = FONT, axis = true } = {}) {
  const labelWidth = Math.min(
    Math.max(0, ...rows.map((r) => textWidth(r.label, size))) + gap,
    Math.max(60, width * 0.38));
  const valueWidth = Math.max(0, ...rows.map((r) => textWidth(r.note ?? r.value, size))) + gap;
  const barX = labelWidth;
  const barMax = Math.max(20, width - labelWidth - valueWidth);
  const ticks = niceTicks(Math.max(0, ...rows.map((r) => Number(r.value ?? 0))), barMax < 200 ? 3 : 5);
  const top = 4;
  const laid = rows.map((r, i) => ({
    ...r,
    y: top + i * rowHeight,
    text: fitText(r.label, labelWidth - gap, size),
    barWidth: scaleLength(r.value, ticks.top, barMax),
  }));
  const plotBottom = top + rows.length * rowHeight;
  return {
    labelWidth, barX, barMax, rowHeight, rows: laid, ticks,
    tickX: ticks.values.map((v) => barX + scaleLength(v, ticks.top, barMax)),
    plotTop: top, plotBottom,
    height: plotBottom + (axis ? size + 12 : 4),
  };
}

/// The age-sex pyramid: bands from the oldest (top) to the youngest, men to the left and women
/// to the right of the band labels (the usual reading), one scale for both sides.
/// rows: [{ label, male, female }], youngest first as the API gives them.
export function pyramidLayout(rows, { width, rowHeight = 28, gap = 6, size = FONT, headHeight = 22 } = {}) {
  const ordered = [...rows].reverse();
  const labelWidth = Math.min(Math.max(0, ...rows.map((r) => textWidth(r.label, size))) + 2 * gap, width * (width < 480 ? 0.38 : 0.3));
  const max = Math.max(0, ...rows.flatMap((r) => [Number(r.male ?? 0), Number(r.female ?? 0)]));
  const valueWidth = textWidth(String(max), size) + gap;
  const side = Math.max(20, (width - labelWidth) / 2 - valueWidth);
  const ticks = niceTicks(max, side < 140 ? 3 : 4);
  const centreLeft = valueWidth + side;  // where men's bars start, growing left
  const centreRight = centreLeft + labelWidth;  // where women's bars start, growing right
  const laid = ordered.map((r, i) => {
    const maleWidth = scaleLength(r.male, ticks.top, side);
    const femaleWidth = scaleLength(r.female, ticks.top, side);
    return {
      ...r,
      y: headHeight + i * rowHeight,
      text: fitText(r.label, labelWidth - gap, size),
      maleX: centreLeft - maleWidth, maleWidth,
      femaleX: centreRight, femaleWidth,
    };
  });
  const plotBottom = headHeight + ordered.length * rowHeight;
  return {
    labelWidth, side, centreLeft, centreRight, rowHeight, rows: laid, ticks, headHeight,
    maleTickX: ticks.values.map((v) => centreLeft - scaleLength(v, ticks.top, side)),
    femaleTickX: ticks.values.map((v) => centreRight + scaleLength(v, ticks.top, side)),
    plotBottom, height: plotBottom + size + 12,
  };
}

/// One bar split in shares (miner's card coverage): parts [{ label, value }] → segments with x,
/// width and share; `inside` when the share's text fits in its segment.
export function sharesLayout(parts, { width, size = FONT, language = 'fr' } = {}) {
  const total = parts.reduce((sum, p) => sum + Math.max(0, Number(p.value ?? 0)), 0);
  let x = 0;
  const segments = parts.map((p, i) => {
    const value = Math.max(0, Number(p.value ?? 0));
    // The last segment ends exactly at the width (no rounding gap).
    const w = total > 0 ? (i === parts.length - 1 ? width - x : (value / total) * width) : 0;
    const segment = { ...p, value, x, width: w, share: total > 0 ? value / total : 0,
      percent: formatPercent(value, total, language) };
    segment.inside = w >= textWidth(segment.percent, size) + 10;
    x += w;
    return segment;
  });
  return { total, segments };
}

/// How many consecutive days make one column so that each column is at least `minSlot` px wide
/// (1: a column a day).
export function daysPerColumn(days, plotWidth, minSlot = 4) {
  if (days <= 0 || plotWidth <= 0) return 1;
  return Math.max(1, Math.ceil(days / Math.max(1, Math.floor(plotWidth / minSlot))));
}

/// `values` (one a day) by groups of `per` days: summed (arrivals), or the group's last day
/// (`last`: a count at the end of each day, such as those present).
export function groupDays(values, per, how = 'sum') {
  const out = [];
  for (let i = 0; i < values.length; i += per) {
    const group = values.slice(i, i + per).map((v) => Number(v ?? 0));
    out.push(how === 'last' ? group[group.length - 1] : group.reduce((sum, v) => sum + v, 0));
  }
  return out;
}

/// The texts of grouped columns: the first day's axis text, and "first – last" as the title.
export function groupLabels(axis, titles, per) {
  if (per <= 1) return { axis, titles };
  const a = [];
  const tt = [];
  for (let i = 0; i < axis.length; i += per) {
    a.push(axis[i]);
    const last = Math.min(i + per, axis.length) - 1;
    tt.push(last > i ? `${titles[i]} – ${titles[last]}` : titles[i]);
  }
  return { axis: a, titles: tt };
}

/// Columns over days, stacked by series: labels (one per column), series [{ values }] (one value
/// per column). Every `labelEvery` columns an axis label, spaced so that labels never touch.
export function columnsLayout(labels, series, { width, height = 220, size = FONT, labelSample = '00/00' } = {}) {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + Number(s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals), height < 180 ? 3 : 4);
  const axisWidth = textWidth(String(ticks.top), size) + 8;
  const plotLeft = axisWidth;
  const plotWidth = Math.max(20, width - plotLeft - 4);
  const plotTop = 8;
  const plotHeight = height - plotTop - (size + 14);
  const plotBottom = plotTop + plotHeight;
  const slot = labels.length ? plotWidth / labels.length : plotWidth;
  const columnWidth = Math.max(1, slot > 6 ? slot * 0.78 : slot - 0.5);
  const labelEvery = Math.max(1, Math.ceil((textWidth(labelSample, size) + 10) / slot));
  const columns = labels.map((label, i) => {
    let y = plotBottom;
    const segments = series.map((s, k) => {
      const h = scaleLength(s.values[i], ticks.top, plotHeight);
      y -= h;
      return { series: k, value: Number(s.values[i] ?? 0), y, height: h };
    }).filter((seg) => seg.height > 0);
    return { label, total: totals[i], x: plotLeft + i * slot + (slot - columnWidth) / 2, width: columnWidth,
      centre: plotLeft + i * slot + slot / 2, segments, labelled: i % labelEvery === 0 };
  });
  return {
    columns, ticks, plotLeft, plotWidth, plotTop, plotBottom, height, labelEvery,
    tickY: ticks.values.map((v) => plotBottom - scaleLength(v, ticks.top, plotHeight)),
  };
}

// ------------------------------------------------------------------ SVG, drawn by DOM calls

const SVG = 'http://www.w3.org/2000/svg';
let serial = 0;
/// The width charts are drawn at for printing: an A4 page's text width (186 mm) at 96 px per
/// inch, a little less, so that printed type is the screen's size.
const PRINT_WIDTH = 680;
/// The charts on the page, redrawn at PRINT_WIDTH before printing and back after (the print
/// layout's resize comes too late for the snapshot); those no longer on the page are dropped.
const drawn = new Set();
const redrawAll = (printing) => {
  for (const chart of drawn) {
    if (!chart.fig.isConnected) drawn.delete(chart);
    else chart.draw(printing ? PRINT_WIDTH : chart.fig.clientWidth || PRINT_WIDTH, true);
  }
};
if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  window.addEventListener('beforeprint', () => redrawAll(true));
  window.addEventListener('afterprint', () => redrawAll(false));
}

/// An SVG element: attributes set one by one (geometry, classes, ids), children appended, text
/// as text. `class` takes a list like dom.js's h().
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else el.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 10) / 10) : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/// A figure whose SVG `render(width)` draws ({ height, nodes }), at the figure's own width and
/// again when that changes; `legend`, `more` and `note` (HTML) under it.
function figure({ testid, title, summary, render, legend, note, more, minWidth = 260 }) {
  const fig = document.createElement('figure');
  fig.className = 'chart';
  fig.dataset.testid = testid;
  const id = `chart-${++serial}`;
  let current = 0;
  const draw = (available, force = false) => {
    const width = Math.max(minWidth, Math.floor(available));
    if (!force && Math.abs(width - current) < 6) return;
    current = width;
    const { height, nodes } = render(width);
    const svg = s('svg', {
      class: 'chart-svg', viewBox: `0 0 ${width} ${Math.ceil(height)}`, width, height: Math.ceil(height),
      role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet',
    }, s('title', { id: `${id}-title` }, title), s('desc', { id: `${id}-desc` }, summary), nodes);
    fig.replaceChildren(svg, ...[legend, more, note].filter(Boolean));
  };
  draw(PRINT_WIDTH);  // until the box is laid out (and where ResizeObserver is missing)
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect?.width ?? 0;
      if (width > 0) draw(width);
    }).observe(fig);
  }
  drawn.add({ fig, draw });
  return fig;
}

/// A legend under a chart: [{ label, className }] as swatches and words (HTML, so it wraps).
function legendOf(items) {
  return h('ul', { class: 'chart-legend' },
    items.map((item) => h('li', {}, h('span', { class: `chart-swatch ${item.className}`, 'aria-hidden': 'true' }), item.label)));
}

function noteOf(text) {
  return text ? h('figcaption', { class: 'chart-note' }, text) : null;
}

/// The age-sex pyramid. rows: [{ label, male, female }] youngest first; labels: { male, female,
/// title, summary, note, format(n) }.
export function pyramidChart({ rows, labels, testid = 'chart-pyramid' }) {
  const format = labels.format ?? String;
  return figure({
    testid, title: labels.title, summary: labels.summary, note: noteOf(labels.note),
    legend: legendOf([{ label: labels.male, className: 'chart-male' }, { label: labels.female, className: 'chart-female' }]),
    render: (width) => {
      const l = pyramidLayout(rows, { width });
      const nodes = [
        s('text', { x: l.centreLeft - 4, y: FONT + 2, 'text-anchor': 'end', class: 'chart-head' }, `← ${labels.male}`),
        s('text', { x: l.centreRight + 4, y: FONT + 2, class: 'chart-head' }, `${labels.female} →`),
      ];
      l.ticks.values.forEach((v, i) => {
        if (i === 0) return;
        for (const x of [l.maleTickX[i], l.femaleTickX[i]]) {
          nodes.push(s('line', { x1: x, x2: x, y1: l.headHeight, y2: l.plotBottom, class: 'chart-grid' }));
          nodes.push(s('text', { x, y: l.plotBottom + FONT + 6, 'text-anchor': 'middle', class: 'chart-axis' }, format(v)));
        }
      });
      nodes.push(s('text', { x: l.centreLeft + l.labelWidth / 2, y: l.plotBottom + FONT + 6, 'text-anchor': 'middle', class: 'chart-axis' }, '0'));
      for (const r of l.rows) {
        const mid = r.y + l.rowHeight / 2;
        const bar = 0.72 * l.rowHeight;
        nodes.push(s('g', { class: 'chart-row' },
          s('title', {}, `${r.label} — ${labelled(labels.male, format(r.male), labels.language)}, ${labelled(labels.female, format(r.female), labels.language)}`),
          s('rect', { x: r.maleX, y: mid - bar / 2, width: r.maleWidth, height: bar, class: 'chart-male' }),
          s('rect', { x: r.femaleX, y: mid - bar / 2, width: r.femaleWidth, height: bar, class: 'chart-female' }),
          s('text', { x: l.centreLeft + l.labelWidth / 2, y: mid + FONT * 0.35, 'text-anchor': 'middle', class: 'chart-label' }, r.text),
          s('text', { x: r.maleX - 4, y: mid + FONT * 0.35, 'text-anchor': 'end', class: 'chart-value' }, format(r.male)),
          s('text', { x: r.femaleX + r.femaleWidth + 4, y: mid + FONT * 0.35, class: 'chart-value' }, format(r.female))));
      }
      nodes.push(s('line', { x1: l.centreLeft, x2: l.centreLeft, y1: l.headHeight, y2: l.plotBottom, class: 'chart-axis-line' }));
      nodes.push(s('line', { x1: l.centreRight, x2: l.centreRight, y1: l.headHeight, y2: l.plotBottom, class: 'chart-axis-line' }));
      return { height: l.height, nodes };
    },
  });
}

/// Horizontal bars. rows: [{ label, value, note }] (note: what is written after the bar, e.g.
/// "117 (40 %)"); labels: { title, summary, note }; `className` the bars' colour class.
export function barsChart({ rows, labels, testid = 'chart-bars', className = 'chart-bar' }) {
  return figure({
    testid, title: labels.title, summary: labels.summary, note: noteOf(labels.note),
    render: (width) => {
      const l = barsLayout(rows, { width });
      const nodes = [];
      l.ticks.values.forEach((v, i) => {
        nodes.push(s('line', { x1: l.tickX[i], x2: l.tickX[i], y1: l.plotTop, y2: l.plotBottom, class: i === 0 ? 'chart-axis-line' : 'chart-grid' }));
        nodes.push(s('text', { x: l.tickX[i], y: l.plotBottom + FONT + 6, 'text-anchor': 'middle', class: 'chart-axis' }, labels.format ? labels.format(v) : String(v)));
      });
      for (const r of l.rows) {
        const mid = r.y + l.rowHeight / 2;
        const bar = 0.7 * l.rowHeight;
        nodes.push(s('g', { class: 'chart-row' },
          s('title', {}, labelled(r.label, r.note ?? r.value, labels.language)),
          s('text', { x: l.barX - 8, y: mid + FONT * 0.35, 'text-anchor': 'end', class: 'chart-label' }, r.text),
          s('rect', { x: l.barX, y: mid - bar / 2, width: r.barWidth, height: bar, class: r.others ? 'chart-others' : className }),
          s('text', { x: l.barX + r.barWidth + 5, y: mid + FONT * 0.35, class: 'chart-value' }, r.note ?? String(r.value))));
      }
      return { height: l.height, nodes };
    },
  });
}

/// One bar in shares. parts: [{ label, value, className }]; labels: { title, summary, note,
/// language }.
export function sharesChart({ parts, labels, testid = 'chart-shares' }) {
  return figure({
    testid, title: labels.title, summary: labels.summary, note: noteOf(labels.note),
    legend: legendOf(parts.map((p) => ({ label: p.label, className: p.className }))),
    render: (width) => {
      const barHeight = 40;
      const l = sharesLayout(parts, { width, language: labels.language });
      const nodes = [s('rect', { x: 0, y: 0, width, height: barHeight, class: 'chart-empty' })];
      for (const seg of l.segments) {
        if (seg.width <= 0) continue;
        nodes.push(s('g', { class: 'chart-row' },
          s('title', {}, labelled(seg.label, `${seg.value} (${seg.percent})`, labels.language)),
          s('rect', { x: seg.x, y: 0, width: seg.width, height: barHeight, class: seg.className }),
          seg.inside ? s('text', { x: seg.x + seg.width / 2, y: barHeight / 2 + FONT * 0.35, 'text-anchor': 'middle', class: 'chart-inside' }, seg.percent) : null));
      }
      return { height: barHeight, nodes };
    },
  });
}

/// Columns over days, stacked. labels: { title, summary, note, days (axis texts, one a day),
/// titles (one a day, the whole date), format(n), sample (the widest axis text), grouped(per)
/// (the note said when a column holds several days) }; series: [{ label, values (one a day),
/// className, how ('sum' or 'last', when days are grouped) }]. Too many days for the width:
/// each column holds several.
export function columnsChart({ series, labels, testid = 'chart-columns', height = 220 }) {
  const legend = series.length > 1 ? legendOf(series.map((x) => ({ label: x.label, className: x.className }))) : null;
  const note = noteOf(labels.note);
  const grouping = document.createElement('p');
  grouping.className = 'chart-note';
  grouping.hidden = true;
  return figure({
    testid, title: labels.title, summary: labels.summary,
    legend, more: grouping, note,
    render: (width) => {
      const per = daysPerColumn(labels.days.length, width - 48, 5);
      const { axis, titles } = groupLabels(labels.days, labels.titles ?? labels.days, per);
      const grouped = series.map((x) => ({ ...x, values: groupDays(x.values, per, x.how) }));
      grouping.hidden = per <= 1 || !labels.grouped;
      grouping.textContent = per > 1 && labels.grouped ? labels.grouped(per) : '';
      const l = columnsLayout(axis, grouped, { width, height, labelSample: labels.sample ?? '00/00' });
      const format = labels.format ?? String;
      const nodes = [];
      l.ticks.values.forEach((v, i) => {
        nodes.push(s('line', { x1: l.plotLeft, x2: l.plotLeft + l.plotWidth, y1: l.tickY[i], y2: l.tickY[i], class: i === 0 ? 'chart-axis-line' : 'chart-grid' }));
        nodes.push(s('text', { x: l.plotLeft - 5, y: l.tickY[i] + FONT * 0.35, 'text-anchor': 'end', class: 'chart-axis' }, format(v)));
      });
      l.columns.forEach((c, i) => {
        const parts = grouped.length > 1
          ? c.segments.map((seg) => `${grouped[seg.series].label} ${format(seg.value)}`).join(', ')
          : '';
        nodes.push(s('g', { class: 'chart-row' },
          s('title', {}, labelled(titles[i] ?? c.label, `${format(c.total)}${parts ? ` (${parts})` : ''}`, labels.language)),
          // The whole slot answers the pointer (a thin column is hard to hit).
          s('rect', { x: c.centre - Math.max(c.width, 6) / 2, y: l.plotTop, width: Math.max(c.width, 6), height: l.plotBottom - l.plotTop, class: 'chart-hit' }),
          c.segments.map((seg) => s('rect', { x: c.x, y: seg.y, width: c.width, height: seg.height, class: grouped[seg.series].className }))));
        if (c.labelled) {
          nodes.push(s('text', { x: c.centre, y: l.plotBottom + FONT + 6, 'text-anchor': 'middle', class: 'chart-axis' }, c.label));
        }
      });
      return { height: l.height, nodes };
    },
  });
}

/// The colour class of the k-th series (sites), eight that stay apart for colour-blind readers
/// (Okabe and Ito's palette), then again.
export function seriesClass(k) {
  return `chart-s${k % 8}`;
}
