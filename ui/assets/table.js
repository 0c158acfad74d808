// Rows of the who-said-what table, built from the nodes of STATEMENTS.

import { h, s, bdi, names, sliceCodePoints, isRTL } from './dom.js';
import { t, currentLang } from './i18n.js';

/**
 * The state a statement's speaker spoke for: a state speaking itself, the
 * state of a national organisation, or the state (else the international
 * organisation) of the speaker's office that day.
 */
export function speakerState(st) {
  const sp = st.speaker;
  if (sp.__typename === 'State') return sp;
  if (sp.__typename === 'Organization') return sp.state || null;
  const of = st.speakerRole?.of;
  if (!of) return null;
  if (of.__typename === 'State') return of;
  return of.state || of;
}

/**
 * One table row. `actions` has the callbacks of the row's buttons:
 * topic(id), speaker(actor), network(entity).
 */
export function statementRow(st, { colour, actions }) {
  const role = st.speakerRole;
  const state = speakerState(st);
  const art = st.provenance.article;
  const rtlText = st.language === 'ar' || isRTL(st.text);
  const where = st.event || st.place;
  return h('tr', { dataset: { id: st.id, date: st.date, speaker: st.speaker.id } },
    h('td', { class: 'c-date' },
      h('time', { datetime: st.date, dir: 'ltr' }, st.date),
      where ? h('div', { class: 'where' }, `${t('at')} `,
        h('button', { type: 'button', class: 'link', title: t('networkOf'), onclick: () => actions.network(where) },
          names(where.name, where.nameAr))) : null,
    ),
    h('td', { class: 'c-speaker' },
      h('div', { class: 'speaker' },
        h('button', { type: 'button', class: 'link strong', title: t('filterSpeaker'), dataset: { speakerId: st.speaker.id }, onclick: () => actions.speaker(st.speaker) },
          names(st.speaker.name, st.speaker.nameAr)),
        h('button', { type: 'button', class: 'icon net', title: t('networkOf'), 'aria-label': t('networkOf'), onclick: () => actions.network(st.speaker) }, networkIcon()),
      ),
      role ? h('div', { class: 'role' },
        names(role.title, role.titleAr), ' · ', names(role.of.name, role.of.nameAr),
        role.since || role.until ? h('span', { class: 'dates' }, ' (',
          role.since ? [`${t('since')} `, h('time', { datetime: role.since, dir: 'ltr' }, role.since)] : '',
          role.since && role.until ? ' ' : '',
          role.until ? [`${t('until')} `, h('time', { datetime: role.until, dir: 'ltr' }, role.until)] : '', ')') : null,
      ) : null,
    ),
    h('td', { class: 'c-state' }, state ? names(state.name, state.nameAr, { title: state.id }) : '—'),
    h('td', { class: 'c-topics' },
      h('div', { class: 'chips' }, st.topics.map((tp) => topicChip(tp, colour(tp.id), () => actions.topic(tp.id)))),
    ),
    h('td', { class: 'c-text' },
      h('blockquote', {
        class: st.direct ? 'direct' : 'reported', dir: 'auto', lang: rtlText ? 'ar' : 'en',
      }, st.text),
      h('span', { class: `kind ${st.direct ? 'direct' : 'reported'}` }, st.direct ? t('direct') : t('reported')),
    ),
    h('td', { class: 'c-source' }, sourceCell(st, art)),
  );
}

// A small graph drawn in SVG: the font need not have a symbol for it.
function networkIcon() {
  return s('svg', { viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', class: 'net-icon' },
    s('path', { d: 'M4 4 L12 6 L7 12 Z', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.3 }),
    s('circle', { cx: 4, cy: 4, r: 2.4, fill: 'currentColor' }),
    s('circle', { cx: 12, cy: 6, r: 2, fill: 'currentColor' }),
    s('circle', { cx: 7, cy: 12, r: 2.4, fill: 'currentColor' }));
}

/** A topic chip: the name in the interface language, the other in its title. */
export function topicChip(tp, colour, onclick, pressed) {
  const ar = currentLang() === 'ar';
  const label = ar ? tp.nameAr || tp.name : tp.name;
  const other = ar ? tp.name : tp.nameAr;
  return h('button', {
    type: 'button', class: 'chip', dataset: { topic: tp.id }, title: other || tp.id,
    'aria-pressed': pressed === undefined ? null : String(pressed), onclick,
  },
  swatch(colour),
  bdi(label));
}

/** A colour swatch; set through the CSSOM, which the page's CSP allows. */
export function swatch(colour) {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.backgroundColor = colour;
  return el;
}

// Only web links are followed; an ingested article could carry any URL.
function safeURL(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// The article and, behind an expander, the sentence that carries the
// statement with the statement itself marked (offsets in code points).
function sourceCell(st, art) {
  const p = st.provenance;
  const rtl = art.language === 'ar';
  const from = Math.max(0, p.start - p.sentenceStart);
  const to = Math.max(from, p.end - p.sentenceStart);
  const sentence = p.sentence || '';
  return h('div', {},
    h('div', { class: 'article' }, bdi(art.title, { class: 'title' })),
    h('div', { class: 'meta' }, art.source ? bdi(art.source) : null, art.source ? ' · ' : '', h('time', { datetime: art.published, dir: 'ltr' }, art.published)),
    h('details', { class: 'provenance' },
      h('summary', {}, t('sourceDetails')),
      h('p', { class: 'sentence', dir: rtl ? 'rtl' : 'ltr', lang: art.language },
        sliceCodePoints(sentence, 0, from),
        h('mark', {}, sliceCodePoints(sentence, from, to)),
        sliceCodePoints(sentence, to),
      ),
      h('p', { class: 'meta' },
        h('code', {}, art.id), ' · ', t('offsets', p.start, p.end),
        safeURL(art.url) ? [' · ', h('a', { href: safeURL(art.url), target: '_blank', rel: 'noopener noreferrer' }, t('openArticle'))] : null,
      ),
    ),
  );
}
