// The dashboard's GraphQL client: every request the page makes is one of
// the queries below, sent to the public API at /query. Copy them freely;
// API.md explains the conventions (connections, `where`, `orderBy`, ids).

const endpoint = new URL(
  document.querySelector('meta[name="geokg-endpoint"]')?.content || '/query',
  document.baseURI,
).href;

/** An error of the API, with its `extensions.code` (BAD_USER_INPUT, UNAVAILABLE, ...). */
export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'APIError';
    this.code = code;
  }
}

/**
 * Runs one GraphQL operation and returns its `data`. Throws an APIError
 * with the first error's message and code. A newer call with the same
 * `key` aborts an older one still running (typing in a filter).
 */
const running = new Map();
export async function gql(query, variables = {}, { key } = {}) {
  let controller;
  if (key) {
    running.get(key)?.abort();
    controller = new AbortController();
    running.set(key, controller);
  }
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: controller?.signal,
    });
  } finally {
    if (key && running.get(key) === controller) running.delete(key);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`the API answered HTTP ${res.status} without JSON`, `HTTP_${res.status}`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new APIError(e.message, e.extensions?.code);
  }
  if (!res.ok) throw new APIError(`the API answered HTTP ${res.status}`, `HTTP_${res.status}`);
  return body.data;
}

// Names come in both languages: `name` (English, falling back to Arabic)
// and `nameAr` (null when unknown).
const NAMES = 'id name nameAr';

/** One page of statements, with everything a row of the table shows. */
export const STATEMENTS = `
query Statements($where: StatementWhere, $orderBy: [StatementOrderBy!], $first: Int, $after: String) {
  statements(where: $where, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id text direct date language
        speaker {
          __typename ${NAMES}
          ... on Organization { state { ${NAMES} } }
        }
        speakerRole {
          title titleAr: title(lang: AR) since until
          of { __typename ${NAMES} ... on Organization { state { ${NAMES} } } }
        }
        topics { ${NAMES} }
        event { ${NAMES} date }
        place { ${NAMES} }
        provenance {
          start end sentenceStart sentenceEnd sentence
          article { id title url published source language }
        }
      }
    }
  }
}`;

/** Statements per ISO week and per topic in each week. */
export const TIMELINE = `
query Timeline($where: StatementWhere) {
  statementTimeline(where: $where, interval: WEEK) {
    start end count
    topics { topic { id } count }
  }
}`;

/** What the filters offer: topics, speakers and the states they speak for, most quoted first. */
export const FILTER_OPTIONS = `
query FilterOptions {
  topics(orderBy: [{statementCount: DESC}], first: 100) { edges { node { ${NAMES} } } }
  speakers: topSpeakers(first: 100) { actor { __typename ${NAMES} } count }
  states: topSpeakers(by: SPEAKER_STATE, first: 100) { actor { __typename ${NAMES} } count }
  statements(first: 0) { totalCount }
  articles(first: 0) { totalCount }
}`;

/** Names of nodes by id (for filters restored from the address bar). */
export const NODES = `
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename id
    ... on Entity { name nameAr }
    ... on Topic { name nameAr }
    ... on Article { title }
  }
}`;

/** Actors and events whose names match what was typed; Arabic regardless of hamza and clitics. */
export const SEARCH = `
query Search($text: String!, $types: [SearchType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    edges { score node { __typename id ... on Entity { name nameAr } } }
  }
}`;

/** The neighbourhood of a node, ready for a force layout. */
export const NEIGHBORHOOD = `
query Neighborhood($id: ID!, $depth: Int, $limit: Int, $types: [NodeType!]) {
  neighborhood(id: $id, depth: $depth, limit: $limit, types: $types) {
    truncated
    nodes { id type label labelAr: label(lang: AR) distance }
    edges { id type source target label }
  }
}`;

/**
 * Turns the dashboard's filter state into a StatementWhere: only the
 * conditions that are set, so the API's defaults apply to the rest.
 */
export function statementWhere(f, { dates = true } = {}) {
  const w = {};
  if (f.topics?.length) w.topics = f.topics;
  if (f.speaker) w.speaker = f.speaker.id;
  if (f.state) w.speakerState = f.state;
  if (f.event) w.event = f.event.id;
  if (f.place) w.place = f.place.id;
  if (f.article) w.article = f.article.id;
  if (dates && f.from) w.from = f.from;
  if (dates && f.to) w.to = f.to;
  if (f.text?.trim()) w.text = f.text.trim();
  if (f.direct === 'true' || f.direct === 'false') w.direct = f.direct === 'true';
  if (f.language) w.language = f.language;
  return w;
}

/** The orderBy list for an order name of the table's menu. */
export function statementOrder(order, hasText) {
  switch (order) {
    case 'date-asc': return [{ date: 'ASC' }];
    case 'confidence': return [{ confidence: 'DESC' }, { date: 'DESC' }];
    case 'relevance': return hasText ? [{ relevance: 'DESC' }] : [{ date: 'DESC' }];
    default: return [{ date: 'DESC' }];
  }
}
