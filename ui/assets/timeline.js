// The topic timeline: one stacked bar per ISO week, one segment per topic,
// drawn as SVG. Clicking a bar (or Enter on it) selects its week.

import { s, h } from './dom.js';
import { t, num, currentLang } from './i18n.js';

const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

/**
 * Draws `data` (statementTimeline's buckets) into `el`. `colour(topicId)`
 * gives a topic's colour, `topicName(id)` its name; `selected` is the
 * {from, to} range of the table, `topics` the topic filter; `onSelect(bucket)`
 * is called on a click.
 */
export function drawTimeline(el, data, { colour, topicName, selected, topics = [], onSelect }) {
  el.replaceChildren();
  // With a topic filter, only the chosen topics are stacked (the statements'
  // other topics would make the bars taller than their count).
  const buckets = topics.length
    ? data.map((b) => ({ ...b, topics: b.topics.filter((tc) => topics.includes(tc.topic.id)) }))
    : data;
  el.removeAttribute('aria-busy');
  if (!buckets.length) {
    el.append(h('p', { class: 'empty' }, t('noRows')));
    return;
  }
  const width = Math.max(320, el.clientWidth || 900);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const stackOf = (b) => Math.max(b.count, b.topics.reduce((n, tc) => n + tc.count, 0));
  const max = Math.max(1, ...buckets.map(stackOf));
  const band = plotW / buckets.length;
  const barW = Math.max(1, Math.min(28, band * 0.8));
  const y = (v) => PAD.top + plotH - (v / max) * plotH;
  const rtl = currentLang() === 'ar';
  // Time runs right to left in an Arabic page, as its text does.
  const x = (i) => (rtl ? PAD.left + plotW - (i + 1) * band : PAD.left + i * band) + (band - barW) / 2;

  const svg = s('svg', {
    class: 'timeline-svg', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`,
    role: 'group', 'aria-label': t('timelineTitle'),
  });

  // Axis: 0, half and max, with light grid lines.
  for (const v of [0, Math.round(max / 2), max]) {
    svg.append(
      s('line', { class: 'grid', x1: PAD.left, x2: PAD.left + plotW, y1: y(v), y2: y(v) }),
      s('text', { class: 'axis', x: rtl ? PAD.left + plotW + 4 : PAD.left - 6, y: y(v) + 4, 'text-anchor': rtl ? 'start' : 'end' }, num(v)),
    );
  }

  // Month labels where a month starts, no closer than 56 px.
  let lastLabelX = -Infinity;
  let lastMonth = '';
  buckets.forEach((b, i) => {
    const month = b.start.slice(0, 7);
    const endMonth = b.end.slice(0, 7);
    const label = month !== lastMonth ? month : endMonth !== lastMonth ? endMonth : '';
    if (!label) return;
    lastMonth = label;
    const cx = x(i) + barW / 2;
    if (Math.abs(cx - lastLabelX) < 56) return;
    lastLabelX = cx;
    svg.append(s('text', { class: 'axis', x: cx, y: HEIGHT - 8, 'text-anchor': 'middle' }, monthLabel(label)));
  });

  const inRange = (b) => !selected.from && !selected.to
    ? true
    : (!selected.to || b.start <= selected.to) && (!selected.from || b.end >= selected.from);
  const isSelected = (b) => selected.from === b.start && selected.to === b.end;

  buckets.forEach((b, i) => {
    const parts = [];
    let top = PAD.top + plotH;
    let rest = b.count;
    for (const tc of b.topics) {
      const hgt = (tc.count / max) * plotH;
      top -= hgt;
      parts.push(s('rect', { class: 'seg', x: x(i), y: top, width: barW, height: hgt, fill: colour(tc.topic.id), dataset: { topic: tc.topic.id } }));
      rest -= tc.count;
    }
    if (rest > 0) {
      // Statements without a topic.
      const hgt = (rest / max) * plotH;
      top -= hgt;
      parts.push(s('rect', { class: 'seg none', x: x(i), y: top, width: barW, height: hgt }));
    }
    const tip = [
      `${t('week', b.start, b.end)}: ${t('statementsN', b.count)}`,
      ...b.topics.map((tc) => `  ${topicName(tc.topic.id)}: ${num(tc.count)}`),
    ].join('\n');
    const g = s('g', {
      class: `bar${b.count ? '' : ' zero'}${inRange(b) ? '' : ' dim'}${isSelected(b) ? ' selected' : ''}`,
      role: b.count ? 'button' : null,
      tabindex: b.count ? 0 : null,
      'aria-label': `${t('week', b.start, b.end)}: ${t('statementsN', b.count)}`,
      'aria-pressed': b.count ? String(isSelected(b)) : null,
      dataset: { start: b.start, end: b.end, count: b.count },
    },
    s('title', {}, tip),
    // A full-height target, so that short bars are easy to hit.
    s('rect', { class: 'hit', x: PAD.left + (rtl ? plotW - (i + 1) * band : i * band), y: PAD.top, width: band, height: plotH }),
    parts,
    );
    if (b.count) {
      g.addEventListener('click', () => onSelect(b));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(b); }
      });
    }
    svg.append(g);
  });
  el.append(svg);
}

function monthLabel(ym) {
  const [yy, mm] = ym.split('-').map(Number);
  const d = new Date(Date.UTC(yy, mm - 1, 1));
  return new Intl.DateTimeFormat(currentLang() === 'ar' ? 'ar-u-nu-latn' : 'en', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(d);
}
