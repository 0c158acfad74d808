// The dashboard: filters, the topic timeline, the who-said-what table and
// the network view, all fed by the GraphQL queries of api.js. The filters
// live in the address (#topics=…&speaker=…), so a view can be shared.

import {
  gql, APIError, STATEMENTS, TIMELINE, FILTER_OPTIONS, NODES, SEARCH, NEIGHBORHOOD,
  statementWhere, statementOrder,
} from './api.js';
import { h, names, bdi } from './dom.js';
import { t, setLang, currentLang, num } from './i18n.js';
import { statementRow, topicChip, swatch } from './table.js';
import { drawTimeline } from './timeline.js';
import { ForceGraph, TYPE_COLOURS } from './network.js';

const $ = (sel) => document.querySelector(sel);

// Topic colours, given in the order of topic ids so they never shuffle.
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#2f4b7c', '#17becf', '#bcbd22', '#8c564b', '#e377c2', '#665191', '#a05195',
];
const ACTOR_TYPES = ['PERSON', 'STATE', 'ORGANIZATION', 'GROUP'];
const NODE_TYPES = ['PERSON', 'STATE', 'ORGANIZATION', 'GROUP', 'PLACE', 'EVENT', 'STATEMENT', 'TOPIC', 'ARTICLE'];
const DEFAULT_NET_TYPES = ['PERSON', 'STATE', 'ORGANIZATION', 'GROUP', 'PLACE', 'EVENT', 'STATEMENT'];

const emptyFilters = () => ({
  topics: [], speaker: null, state: '', from: '', to: '', text: '', direct: '', language: '',
  event: null, place: null, article: null,
});

const state = {
  filters: emptyFilters(),
  order: 'date-desc',
  size: 20,
  cursors: [null], // the `after` of each page visited; the last is the current page
  page: null, // the last STATEMENTS answer
  buckets: [], // the last TIMELINE answer
  net: { centre: null, depth: 2, types: [...DEFAULT_NET_TYPES] },
};

const options = { topics: [], topicById: new Map(), colours: new Map(), speakers: [], states: [], actorIndex: new Map(), totals: null };

let graph;

// ---------------------------------------------------------------- errors

function showError(err) {
  if (err?.name === 'AbortError') return;
  const el = $('#error');
  el.replaceChildren(h('span', {}, h('strong', {}, t('apiError')), ' ', bdi(err.message || String(err)), err.code ? h('code', {}, ` ${err.code}`) : null));
  el.hidden = false;
  console.error(err);
}

function clearError() { $('#error').hidden = true; }

// ----------------------------------------------------------- the address

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const f = emptyFilters();
  f.topics = (p.get('topics') || '').split(',').filter(Boolean);
  for (const k of ['speaker', 'event', 'place', 'article']) if (p.get(k)) f[k] = { id: p.get(k) };
  for (const k of ['state', 'from', 'to', 'direct', 'language']) f[k] = p.get(k) || '';
  f.text = p.get('q') || '';
  return {
    filters: f,
    order: p.get('order') || 'date-desc',
    size: Number(p.get('size')) || 20,
    net: p.get('net') || null,
    depth: Number(p.get('depth')) || 2,
    ui: p.get('ui') || 'en',
  };
}

function writeHash() {
  const f = state.filters;
  const p = new URLSearchParams();
  if (f.topics.length) p.set('topics', f.topics.join(','));
  for (const k of ['speaker', 'event', 'place', 'article']) if (f[k]) p.set(k, f[k].id);
  for (const k of ['state', 'from', 'to', 'direct', 'language']) if (f[k]) p.set(k, f[k]);
  if (f.text) p.set('q', f.text);
  if (state.order !== 'date-desc') p.set('order', state.order);
  if (state.size !== 20) p.set('size', state.size);
  if (state.net.centre) p.set('net', state.net.centre);
  if (state.net.depth !== 2) p.set('depth', state.net.depth);
  if (currentLang() !== 'en') p.set('ui', currentLang());
  const hash = p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

// --------------------------------------------------------------- filters

function colour(id) { return options.colours.get(id) || '#999'; }
function topicName(id) {
  const tp = options.topicById.get(id);
  if (!tp) return id;
  return currentLang() === 'ar' ? tp.nameAr || tp.name : tp.name;
}

async function loadOptions() {
  const d = await gql(FILTER_OPTIONS);
  options.topics = d.topics.edges.map((e) => e.node);
  options.topicById = new Map(options.topics.map((tp) => [tp.id, tp]));
  [...options.topics].sort((a, b) => a.id.localeCompare(b.id))
    .forEach((tp, i) => options.colours.set(tp.id, PALETTE[i % PALETTE.length]));
  options.speakers = d.speakers;
  options.states = d.states;
  options.totals = { statements: d.statements.totalCount, articles: d.articles.totalCount };
  for (const { actor } of [...d.speakers, ...d.states]) indexActor(actor);
}

function indexActor(a) {
  for (const k of [a.id, a.name, a.nameAr]) if (k) options.actorIndex.set(k.toLowerCase(), a);
}

function renderOptions() {
  $('#totals').textContent = options.totals ? t('totals', num(options.totals.statements), num(options.totals.articles)) : '';
  renderTopicChips();
  const dl = $('#speaker-options');
  dl.replaceChildren(...options.speakers.map(({ actor, count }) =>
    h('option', { value: actor.name, label: `${actor.nameAr && actor.nameAr !== actor.name ? actor.nameAr + ' · ' : ''}${count}` })));
  const sel = $('#f-state');
  const keep = state.filters.state;
  sel.replaceChildren(h('option', { value: '' }, t('anyState')), ...options.states.map(({ actor, count }) =>
    h('option', { value: actor.id }, `${pair(actor.name, actor.nameAr)} (${num(count)})`)));
  if (keep && !options.states.some((s) => s.actor.id === keep)) sel.append(h('option', { value: keep }, keep));
  sel.value = keep;
}

// A name pair as plain text (for <option>s, which cannot hold <bdi>):
// each name isolated with U+2068…U+2069.
function pair(en, ar) {
  const both = ar && ar !== en ? [en, ar] : [en || ar];
  if (currentLang() === 'ar') both.reverse();
  return both.map((n) => `\u2068${n}\u2069`).join(' · ');
}

function renderTopicChips() {
  const box = $('#topic-chips');
  box.replaceChildren(...options.topics.map((tp) =>
    topicChip(tp, colour(tp.id), () => toggleTopic(tp.id), state.filters.topics.includes(tp.id))));
}

function toggleTopic(id) {
  const f = state.filters;
  f.topics = f.topics.includes(id) ? f.topics.filter((x) => x !== id) : [...f.topics, id];
  filtersChanged();
}

function setTopic(id) {
  state.filters.topics = [id];
  filtersChanged();
}

/** Fills the form controls from the filter state. */
function syncForm() {
  const f = state.filters;
  $('#f-speaker').value = f.speaker ? f.speaker.name || f.speaker.id : '';
  $('#f-state').value = f.state;
  $('#f-from').value = f.from;
  $('#f-to').value = f.to;
  $('#f-text').value = f.text;
  $('#f-direct').value = f.direct;
  $('#f-language').value = f.language;
  $('#f-order').value = state.order;
  $('#f-size').value = String(state.size);
  for (const b of document.querySelectorAll('#topic-chips .chip')) b.setAttribute('aria-pressed', String(f.topics.includes(b.dataset.topic)));
  renderActiveFilters();
}

// The filters in force, each with a button that removes it.
function renderActiveFilters() {
  const f = state.filters;
  const items = [];
  const add = (label, value, clear) => items.push(h('span', { class: 'active' }, `${label}: `, value,
    h('button', { type: 'button', class: 'icon', title: t('clear'), 'aria-label': `${t('clear')} ${label}`, onclick: clear }, '×')));
  if (f.topics.length) add(t('fTopics'), f.topics.map((id) => topicName(id)).join(', '), () => { state.filters.topics = []; filtersChanged(); });
  if (f.speaker) add(t('fSpeaker'), names(f.speaker.name || f.speaker.id, f.speaker.nameAr), () => { state.filters.speaker = null; filtersChanged(); });
  if (f.state) {
    const s = options.states.find((x) => x.actor.id === f.state)?.actor;
    add(t('fState'), s ? names(s.name, s.nameAr) : f.state, () => { state.filters.state = ''; filtersChanged(); });
  }
  if (f.event) add(t('fEvent'), names(f.event.name || f.event.id, f.event.nameAr), () => { state.filters.event = null; filtersChanged(); });
  if (f.place) add(t('fPlace'), names(f.place.name || f.place.id, f.place.nameAr), () => { state.filters.place = null; filtersChanged(); });
  if (f.article) add(t('colSource'), bdi(f.article.name || f.article.id), () => { state.filters.article = null; filtersChanged(); });
  if (f.from) add(t('fFrom'), h('time', { dir: 'ltr' }, f.from), () => { state.filters.from = ''; datesChanged(); });
  if (f.to) add(t('fTo'), h('time', { dir: 'ltr' }, f.to), () => { state.filters.to = ''; datesChanged(); });
  if (f.text) add(t('fText'), bdi(f.text), () => { state.filters.text = ''; filtersChanged(); });
  if (f.direct) add(t('fDirect'), f.direct === 'true' ? t('kindDirect') : t('kindReported'), () => { state.filters.direct = ''; filtersChanged(); });
  if (f.language) add(t('fLanguage'), f.language, () => { state.filters.language = ''; filtersChanged(); });
  const el = $('#active-filters');
  el.replaceChildren(...(items.length ? [h('span', { class: 'label' }, `${t('active')}:`), ...items] : []));
}

/** Any filter but the dates changed: the table and the timeline reload. */
function filtersChanged() {
  state.cursors = [null];
  syncForm();
  writeHash();
  loadTable();
  loadTimeline();
}

/** Only the dates changed: the table reloads, the timeline re-highlights. */
function datesChanged() {
  state.cursors = [null];
  syncForm();
  writeHash();
  loadTable();
  redrawTimeline();
}

// What was typed in the speaker box: a name or id known from the lists,
// else the best search hit among actors.
async function resolveActor(text, types = ACTOR_TYPES) {
  const v = text.trim();
  if (!v) return null;
  const known = options.actorIndex.get(v.toLowerCase());
  if (known && types.includes(known.__typename.toUpperCase())) return known;
  const d = await gql(SEARCH, { text: v, types, first: 1 });
  const hit = d.search.edges[0]?.node;
  if (hit) indexActor(hit);
  return hit || null;
}

// Suggestions for a search box's datalist while typing.
let suggestTimer;
function suggest(input, list, types) {
  clearTimeout(suggestTimer);
  const v = input.value.trim();
  if (v.length < 2 || options.actorIndex.has(v.toLowerCase())) return;
  suggestTimer = setTimeout(async () => {
    try {
      const d = await gql(SEARCH, { text: v, types, first: 8 }, { key: `suggest-${list.id}` });
      const nodes = d.search.edges.map((e) => e.node);
      nodes.forEach(indexActor);
      list.replaceChildren(...nodes.map((n) => h('option', { value: n.name, label: n.nameAr && n.nameAr !== n.name ? n.nameAr : n.__typename })));
    } catch (err) { showError(err); }
  }, 250);
}

function bindFilters() {
  const sp = $('#f-speaker');
  sp.addEventListener('input', () => suggest(sp, $('#speaker-options'), ACTOR_TYPES));
  sp.addEventListener('change', async () => {
    try {
      const actor = await resolveActor(sp.value);
      sp.setAttribute('aria-invalid', String(!!sp.value.trim() && !actor));
      if (sp.value.trim() && !actor) {
        $('#active-filters').replaceChildren(t('notFound', sp.value.trim()));
        return;
      }
      state.filters.speaker = actor;
      filtersChanged();
    } catch (err) { showError(err); }
  });
  $('#f-state').addEventListener('change', (e) => { state.filters.state = e.target.value; filtersChanged(); });
  $('#f-from').addEventListener('change', (e) => { state.filters.from = e.target.value; datesChanged(); });
  $('#f-to').addEventListener('change', (e) => { state.filters.to = e.target.value; datesChanged(); });
  let textTimer;
  $('#f-text').addEventListener('input', (e) => {
    clearTimeout(textTimer);
    textTimer = setTimeout(() => { state.filters.text = e.target.value.trim(); filtersChanged(); }, 350);
  });
  $('#f-direct').addEventListener('change', (e) => { state.filters.direct = e.target.value; filtersChanged(); });
  $('#f-language').addEventListener('change', (e) => { state.filters.language = e.target.value; filtersChanged(); });
  $('#filters').addEventListener('submit', (e) => e.preventDefault());
  $('#filters').addEventListener('reset', (e) => {
    e.preventDefault();
    state.filters = emptyFilters();
    filtersChanged();
  });
  $('#f-order').addEventListener('change', (e) => { state.order = e.target.value; state.cursors = [null]; writeHash(); loadTable(); });
  $('#f-size').addEventListener('change', (e) => { state.size = Number(e.target.value); state.cursors = [null]; writeHash(); loadTable(); });
  $('#prev').addEventListener('click', () => { if (state.cursors.length > 1) { state.cursors.pop(); loadTable(); } });
  $('#next').addEventListener('click', () => {
    const pi = state.page?.pageInfo;
    if (pi?.hasNextPage) { state.cursors.push(pi.endCursor); loadTable(); }
  });
}

// ----------------------------------------------------------------- table

let tableSeq = 0;
async function loadTable() {
  const seq = ++tableSeq;
  const table = $('#statements');
  table.dataset.state = 'loading';
  table.setAttribute('aria-busy', 'true');
  const where = statementWhere(state.filters);
  try {
    const d = await gql(STATEMENTS, {
      where, orderBy: statementOrder(state.order, !!where.text), first: state.size, after: state.cursors.at(-1),
    }, { key: 'table' });
    if (seq !== tableSeq) return;
    state.page = d.statements;
    renderTable();
    clearError();
    table.dataset.state = 'ready';
  } catch (err) {
    if (err.name === 'AbortError' || seq !== tableSeq) return;
    table.dataset.state = 'error';
    showError(err);
  } finally {
    if (seq === tableSeq) table.setAttribute('aria-busy', 'false');
  }
}

const rowActions = {
  topic: (id) => setTopic(id),
  speaker: (actor) => { state.filters.speaker = actor; indexActor(actor); filtersChanged(); },
  network: (entity) => showNetwork(entity, { scroll: true }),
};

function renderTable() {
  const conn = state.page;
  if (!conn) return;
  const body = $('#statements tbody');
  body.replaceChildren(...conn.edges.map((e) => statementRow(e.node, { colour, actions: rowActions })));
  if (!conn.edges.length) body.append(h('tr', { class: 'no-rows' }, h('td', { colspan: 6 }, t('noRows'))));
  const pageNo = state.cursors.length;
  const first = (pageNo - 1) * state.size + 1;
  const last = first + conn.edges.length - 1;
  $('#count').textContent = t('count', num(conn.totalCount));
  $('#page-info').textContent = conn.edges.length ? t('pageInfo', num(first), num(last), num(conn.totalCount), num(pageNo)) : '';
  $('#prev').disabled = pageNo <= 1;
  $('#next').disabled = !conn.pageInfo.hasNextPage;
}

// -------------------------------------------------------------- timeline

let timelineSeq = 0;
async function loadTimeline() {
  const seq = ++timelineSeq;
  const el = $('#timeline');
  el.setAttribute('aria-busy', 'true');
  try {
    // The dates are left out: the timeline shows the whole span and
    // highlights the weeks the table shows.
    const d = await gql(TIMELINE, { where: statementWhere(state.filters, { dates: false }) }, { key: 'timeline' });
    if (seq !== timelineSeq) return;
    state.buckets = d.statementTimeline;
    redrawTimeline();
  } catch (err) {
    if (seq === timelineSeq) showError(err);
  }
}

function redrawTimeline() {
  drawTimeline($('#timeline'), state.buckets, {
    colour, topicName,
    selected: { from: state.filters.from, to: state.filters.to },
    topics: state.filters.topics,
    onSelect: (b) => {
      const f = state.filters;
      const same = f.from === b.start && f.to === b.end;
      f.from = same ? '' : b.start;
      f.to = same ? '' : b.end;
      datesChanged();
    },
  });
}

// --------------------------------------------------------------- network

function renderTypeBoxes() {
  const box = $('#n-types');
  const legend = box.querySelector('legend');
  box.replaceChildren(legend, ...NODE_TYPES.map((type) => {
    const input = h('input', { type: 'checkbox', value: type, checked: state.net.types.includes(type) });
    input.addEventListener('change', () => {
      state.net.types = NODE_TYPES.filter((x) => box.querySelector(`input[value="${x}"]`).checked);
      if (state.net.centre) showNetwork({ id: state.net.centre });
    });
    return h('label', { class: 'type-box' }, input, swatch(TYPE_COLOURS[type]), t('type')[type]);
  }));
}

function netTypes(centreType) {
  // The centre's own type always shows, or its neighbourhood would be empty.
  const types = new Set(state.net.types);
  if (centreType) types.add(centreType);
  return [...types];
}

function typeOf(entity) {
  return entity.type || (entity.__typename ? entity.__typename.toUpperCase() : undefined);
}

let netSeq = 0;
/** Shows the neighbourhood of an entity ({id}, with a type when known). */
async function showNetwork(entity, { scroll = false } = {}) {
  const seq = ++netSeq;
  state.net.centre = entity.id;
  writeHash();
  const svg = $('#network');
  svg.dataset.state = 'loading';
  $('#network-empty').hidden = true;
  if (scroll) $('#network-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
  try {
    const d = await gql(NEIGHBORHOOD, {
      id: entity.id, depth: state.net.depth, limit: 80, types: netTypes(typeOf(entity)),
    }, { key: 'network' });
    if (seq !== netSeq) return;
    graph.clear();
    graph.merge(d.neighborhood, null, { settle: 120 });
    graph.mark(entity.id, 'centre');
    graph.mark(entity.id, 'expanded');
    const centre = graph.nodes.get(entity.id);
    if (centre) {
      graph.select(entity.id);
      renderDetails(centre, d.neighborhood);
      $('#n-centre').value = currentLang() === 'ar' ? centre.labelAr || centre.label : centre.label;
    }
    svg.dataset.state = 'ready';
    clearError();
  } catch (err) {
    if (seq !== netSeq) return;
    svg.dataset.state = 'error';
    showError(err);
  }
}

/** A click on a node: select it, and expand it the first time. */
async function expandNode(node) {
  graph.select(node.id);
  renderDetails(node);
  if (node.expanded) return;
  try {
    const d = await gql(NEIGHBORHOOD, { id: node.id, depth: 1, limit: 30, types: netTypes(node.type) });
    const before = graph.nodes.size;
    graph.merge(d.neighborhood, node.id);
    graph.mark(node.id, 'expanded');
    if (graph.selected === node.id) renderDetails(node, null, graph.nodes.size - before);
  } catch (err) { showError(err); }
}

function renderDetails(node, g, added) {
  const box = $('#node-details');
  const entity = { id: node.id, name: node.label, nameAr: node.labelAr !== node.label ? node.labelAr : null, __typename: node.type };
  const act = (label, fn) => h('button', { type: 'button', onclick: fn }, label);
  const toTable = (fn) => () => { fn(); $('#table-section').scrollIntoView({ behavior: 'smooth', block: 'start' }); };
  const f = () => state.filters;
  const actions = [];
  if (ACTOR_TYPES.includes(node.type)) {
    actions.push(act(t('statementsBy'), toTable(() => { f().speaker = entity; filtersChanged(); })));
    if (node.type === 'STATE' || node.type === 'ORGANIZATION') {
      actions.push(act(t('statementsOfficials'), toTable(() => {
        f().state = node.id;
        if (![...$('#f-state').options].some((o) => o.value === node.id)) $('#f-state').append(h('option', { value: node.id }, pair(entity.name, entity.nameAr)));
        filtersChanged();
      })));
    }
  }
  if (node.type === 'EVENT') actions.push(act(t('statementsAt'), toTable(() => { f().event = entity; filtersChanged(); })));
  if (node.type === 'PLACE') actions.push(act(t('statementsAt'), toTable(() => { f().place = entity; filtersChanged(); })));
  if (node.type === 'TOPIC') actions.push(act(t('statementsAbout'), toTable(() => setTopic(node.id))));
  if (node.type === 'ARTICLE') actions.push(act(t('statementsIn'), toTable(() => { f().article = entity; filtersChanged(); })));
  if (node.id !== state.net.centre) actions.push(act(t('recentre'), () => showNetwork({ id: node.id, type: node.type })));
  const type = node.type;
  box.replaceChildren(h('div', {},
    h('p', { class: 'type' }, swatch(TYPE_COLOURS[type]), t('type')[type]),
    h('h3', {}, names(node.label, node.labelAr)),
    h('p', {}, h('code', {}, node.id)),
    g ? h('p', { class: 'meta' }, t('nodesEdges', num(g.nodes.length), num(g.edges.length))) : null,
    g?.truncated ? h('p', { class: 'meta' }, t('truncated')) : null,
    added === 0 ? h('p', { class: 'meta' }, t('nothingNew')) : null,
    h('div', { class: 'actions' }, actions),
  ));
}

function bindNetwork() {
  graph = new ForceGraph($('#network'), { onSelect: expandNode });
  renderTypeBoxes();
  const input = $('#n-centre');
  const types = [...ACTOR_TYPES, 'EVENT', 'PLACE'];
  input.addEventListener('input', () => suggest(input, $('#centre-options'), types));
  $('#n-depth').addEventListener('change', (e) => {
    state.net.depth = Number(e.target.value);
    if (state.net.centre) showNetwork({ id: state.net.centre });
  });
  $('#network-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const hit = await resolveActor(input.value, types);
      if (!hit) { showError(new APIError(t('notFound', input.value.trim()))); return; }
      showNetwork(hit);
    } catch (err) { showError(err); }
  });
}

// ------------------------------------------------------------ language

function switchLang(l) {
  setLang(l);
  renderOptions();
  syncForm();
  renderTable();
  redrawTimeline();
  renderTypeBoxes();
  graph.relabel();
  const sel = graph.selected && graph.nodes.get(graph.selected);
  if (sel) renderDetails(sel);
  writeHash();
}

// ---------------------------------------------------------------- start

/** Names for the ids of filters restored from the address. */
async function nameFilters() {
  const f = state.filters;
  const refs = ['speaker', 'event', 'place', 'article'].filter((k) => f[k] && !f[k].name);
  if (!refs.length) return;
  const d = await gql(NODES, { ids: refs.map((k) => f[k].id) });
  refs.forEach((k, i) => {
    const n = d.nodes[i];
    if (n) f[k] = { ...f[k], ...n, name: n.name || n.title };
  });
}

async function start() {
  const h0 = readHash();
  setLang(h0.ui);
  state.filters = h0.filters;
  state.order = h0.order;
  state.size = [10, 20, 50, 100].includes(h0.size) ? h0.size : 20;
  state.net.depth = [1, 2, 3].includes(h0.depth) ? h0.depth : 2;
  $('#n-depth').value = String(state.net.depth);
  bindFilters();
  bindNetwork();
  for (const b of document.querySelectorAll('.lang-switch [data-lang]')) b.addEventListener('click', () => switchLang(b.dataset.lang));
  new ResizeObserver(() => { if (state.buckets.length) redrawTimeline(); }).observe($('#timeline'));
  try {
    await Promise.all([loadOptions(), nameFilters()]);
  } catch (err) {
    showError(err);
  }
  renderOptions();
  syncForm();
  loadTable();
  loadTimeline();
  if (h0.net) showNetwork({ id: h0.net });
  window.addEventListener('hashchange', () => {
    const hh = readHash();
    state.filters = hh.filters;
    nameFilters().catch(showError).finally(() => { state.cursors = [null]; syncForm(); loadTable(); loadTimeline(); });
  });
  document.body.dataset.ready = 'true';
}

start();
