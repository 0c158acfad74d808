// Browser test of the dashboard: the real server against a real Neo4j with
// testdata/articles loaded, driven in headless Chromium (Debian's package)
// through playwright-core. It loads /ui, filters, checks the rows, pages,
// clicks a timeline bar, opens and expands the network, switches to the
// Arabic interface, and saves screenshots under ui/test/out/.
//
// Run it with `make ui-test` (which installs what it needs through
// ui/test/setup.sh and starts a throwaway Neo4j), or by hand:
//   ui/test/setup.sh && neo4jlocal/with-neo4j.sh node ui/test/browser.test.mjs
// Against a server already running (with testdata/articles loaded):
//   GEOKG_UI_TEST_URL=http://127.0.0.1:8080 node ui/test/browser.test.mjs
//
// It never skips: without a browser or a Neo4j it fails and says why. The
// last line is "ui-test: N passed, N failed".

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const outDir = join(here, 'out');
const CHROMIUM = process.env.GEOKG_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STEP_TIMEOUT = 30_000;

const t0 = Date.now();
const secs = (since = t0) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
let passed = 0;
let failed = 0;
const cleanups = [];

function log(...a) { console.log(...a); }

async function cleanup() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (err) { console.error(`cleanup: ${err.message}`); }
  }
}

async function finish(code) {
  await cleanup();
  log(`ui-test: finished in ${secs()}`);
  log(`ui-test: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

/** Fails the whole run at once: nothing after this can be checked. */
async function fatal(msg) {
  failed++;
  console.error(`FAIL ${msg}`);
  await finish(1);
}

/** One named check; an exception fails it and the run goes on. */
async function step(name, fn) {
  const s = Date.now();
  try {
    await fn();
    passed++;
    log(`ok   ${name} (${secs(s)})`);
  } catch (err) {
    failed++;
    log(`FAIL ${name} (${secs(s)})\n     ${String(err.stack || err).split('\n').slice(0, 6).join('\n     ')}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Builds geokg and serves testdata/articles on a free port; returns the base URL. */
async function startServer() {
  const uri = process.env.GEOKG_TEST_NEO4J_URI;
  if (!uri) {
    await fatal('GEOKG_TEST_NEO4J_URI is not set: run `make ui-test`, or `neo4jlocal/with-neo4j.sh node ui/test/browser.test.mjs`, or set GEOKG_UI_TEST_URL to a running server');
  }
  const bin = join(mkdtempSync(join(tmpdir(), 'geokg-ui-test-')), 'geokg');
  cleanups.push(() => rmSync(dirname(bin), { recursive: true, force: true }));
  const b = Date.now();
  try {
    execFileSync(process.env.GO || 'go', ['build', '-o', bin, './cmd/geokg'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    await fatal(`go build ./cmd/geokg: ${err.message}`);
  }
  log(`ui-test: built geokg in ${secs(b)}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_USER: process.env.GEOKG_TEST_NEO4J_USER || 'neo4j',
    NEO4J_PASSWORD: process.env.GEOKG_TEST_NEO4J_PASSWORD || '',
  };
  let output = '';
  const s = Date.now();
  const proc = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--load', 'testdata/articles'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  let exited = null;
  proc.on('exit', (code, sig) => { exited = sig || code; });
  cleanups.push(() => new Promise((res) => {
    if (exited !== null) return res();
    proc.on('exit', res);
    proc.kill('SIGTERM');
    setTimeout(() => { proc.kill('SIGKILL'); res(); }, 10_000).unref();
  }));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited !== null) await fatal(`geokg serve exited (${exited}) before it was ready:\n${output.slice(-3000)}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) await fatal(`geokg serve not ready after 240 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const loaded = /load [^\n]*: ([^\n]*)/.exec(output);
  log(`ui-test: geokg serve ready at ${base} in ${secs(s)}${loaded ? ` (${loaded[1]})` : ''}`);
  return base;
}

async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    await fatal(`no browser at ${CHROMIUM}: run ui/test/setup.sh (it installs Debian's chromium package), or set GEOKG_CHROMIUM`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    await fatal(`playwright-core is not installed (${err.message}): run ui/test/setup.sh`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'geokg-ui-chromium-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 1000 },
      deviceScaleFactor: 1,
      locale: 'en-GB',
      timeout: 60_000,
    });
    cleanups.push(() => context.close());
    return context;
  } catch (err) {
    await fatal(`the browser did not start (${CHROMIUM} ${CHROMIUM_ARGS.join(' ')}): ${err.message}`);
  }
}

// ---------------------------------------------------------------- helpers

/** The table's rows as plain data. */
function rows(page) {
  return page.$$eval('#statements tbody tr:not(.no-rows)', (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    date: tr.dataset.date,
    speaker: tr.dataset.speaker,
    speakerText: tr.querySelector('.c-speaker .speaker')?.textContent || '',
    role: tr.querySelector('.c-speaker .role')?.textContent || '',
    state: tr.querySelector('.c-state')?.textContent || '',
    topics: [...tr.querySelectorAll('.c-topics .chip')].map((c) => c.dataset.topic),
    text: tr.querySelector('.c-text blockquote')?.textContent || '',
    textDir: tr.querySelector('.c-text blockquote') ? getComputedStyle(tr.querySelector('.c-text blockquote')).direction : '',
  })));
}

/** Waits until the table has answered and `pred(rows)` holds. */
async function waitRows(page, pred, what) {
  const deadline = Date.now() + STEP_TIMEOUT;
  let last = [];
  for (;;) {
    const ready = await page.$eval('#statements', (t) => t.dataset.state);
    if (ready === 'error') throw new Error(`the table shows an API error: ${await page.textContent('#error')}`);
    if (ready === 'ready') {
      last = await rows(page);
      if (pred(last)) return last;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; rows: ${JSON.stringify(last.slice(0, 5), null, 1)}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until the force layout has settled (node positions stop changing). */
async function settle(page) {
  let prev = '';
  for (let i = 0; i < 100; i++) {
    const cur = await page.$$eval('#network .node', (ns) => ns.map((n) => n.getAttribute('transform')).join('|'));
    if (cur && cur === prev) return;
    prev = cur;
    await page.waitForTimeout(150);
  }
}

// ------------------------------------------------------------------ test

async function main() {
  mkdirSync(outDir, { recursive: true });
  const base = process.env.GEOKG_UI_TEST_URL?.replace(/\/$/, '') || await startServer();
  const context = await launchBrowser();
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);

  // Everything the page does must stay on the server: no CDN, nothing else.
  const origin = new URL(base).origin;
  const foreign = [];
  const problems = [];
  context.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  context.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  context.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });

  await step('GET /ui serves the dashboard (redirected to /ui/), with rows, a timeline and the totals', async () => {
    const resp = await page.goto(`${base}/ui`, { waitUntil: 'load' });
    assert(resp.ok(), `GET /ui answered ${resp.status()}`);
    assert(new URL(page.url()).pathname === '/ui/', `landed on ${page.url()}`);
    await page.waitForSelector('body[data-ready="true"]');
    const r = await waitRows(page, (rs) => rs.length === 20, '20 rows on the first page');
    assert(r.every((x) => x.text && x.speaker && x.date), 'a row lacks text, speaker or date');
    await page.waitForSelector('#timeline .bar[role="button"]');
    const totals = await page.textContent('#totals');
    assert(/\d+ statements from \d+ articles/.test(totals), `totals: ${totals}`);
    const chips = await page.$$eval('#topic-chips .chip', (cs) => cs.map((c) => c.dataset.topic));
    assert(chips.includes('troop-deployment'), `topic chips: ${chips}`);
  });

  await step('speaker filter "Mark Rutte": only his statements, those of 2025-09-04 among them, names in both languages, role and state', async () => {
    await page.fill('#f-speaker', 'Mark Rutte');
    await page.press('#f-speaker', 'Enter');
    await page.locator('#f-speaker').blur();
    const r = await waitRows(page, (rs) => rs.length > 0 && rs.every((x) => x.speaker === 'person:mark-rutte'), "Rutte's statements");
    assert(r.some((x) => x.date === '2025-09-04'), `no statement of 2025-09-04: ${r.map((x) => x.date)}`);
    assert(r.every((x) => x.speakerText.includes('Mark Rutte') && x.speakerText.includes('مارك روته')), `speaker names: ${r[0].speakerText}`);
    const sept = r.find((x) => x.date === '2025-09-04');
    assert(sept.role.includes('Secretary General') && sept.role.includes('NATO'), `role: ${sept.role}`);
    assert(sept.state.includes('NATO'), `state column: ${sept.state}`);
    const ar = r.filter((x) => /[\u0600-\u06ff]/.test(x.text[0] || ''));
    assert(ar.length > 0 && ar.every((x) => x.textDir === 'rtl'), 'Arabic quotes are not laid out right to left');
    assert(r.filter((x) => /^[A-Za-z"“]/.test(x.text)).every((x) => x.textDir === 'ltr'), 'English quotes are not left to right');
    const count = await page.textContent('#count');
    assert(count === `${r.length} statements`, `count "${count}" for ${r.length} rows`);
    const hash = new URL(page.url()).hash;
    assert(hash.includes('speaker=person:mark-rutte'), `the address keeps the filter: ${hash}`);
  });

  await step('topic chip troop-deployment: every row has the chip; the speaker filter still holds', async () => {
    await page.click('#topic-chips .chip[data-topic="troop-deployment"]');
    const r = await waitRows(page, (rs) => rs.length > 0 && rs.every((x) => x.topics.includes('troop-deployment')), 'troop-deployment rows');
    assert(r.every((x) => x.speaker === 'person:mark-rutte'), 'a row of another speaker');
    assert(r.some((x) => x.date === '2025-09-04'), 'no Rutte statement of 2025-09-04 on troop deployment');
    assert(await page.getAttribute('#topic-chips .chip[data-topic="troop-deployment"]', 'aria-pressed') === 'true', 'chip not pressed');
  });

  await step('the source expander shows the article sentence with the statement marked, right to left for Arabic', async () => {
    const row = page.locator('#statements tbody tr[data-date="2025-09-04"]').first();
    await row.locator('details.provenance summary').click();
    const p = row.locator('details.provenance .sentence');
    await p.waitFor({ state: 'visible' });
    const [dir, mark, sentence, quote] = await Promise.all([
      p.evaluate((el) => getComputedStyle(el).direction), p.locator('mark').textContent(), p.textContent(),
      row.locator('.c-text blockquote').textContent(),
    ]);
    assert(dir === 'rtl', `sentence direction ${dir}`);
    assert(mark.length > 0 && sentence.includes(mark), 'no marked statement in the sentence');
    assert(quote.includes(mark.trim().slice(0, 12)) || mark.includes(quote.slice(0, 12)), `the mark "${mark}" is not the statement "${quote}"`);
    assert((await row.locator('.c-source .title').textContent()).includes('قمة باريس'), 'article title');
  });

  await step('clicking a timeline bar filters the table to that week; its count matches the bar', async () => {
    // Only the topic now: drop the speaker.
    await page.click('#active-filters .active:has-text("speaker") button');
    await waitRows(page, (rs) => rs.some((x) => x.speaker !== 'person:mark-rutte') && rs.every((x) => x.topics.includes('troop-deployment')), 'troop-deployment rows of all speakers');
    await page.waitForFunction(() => document.querySelector('#timeline')?.getAttribute('aria-busy') !== 'true');
    const bar = page.locator('#timeline .bar[data-start="2025-09-01"]');
    const { start, end, count } = await bar.evaluate((g) => ({ ...g.dataset }));
    assert(Number(count) > 0, 'the week of 2025-09-01 has no troop-deployment statement');
    await bar.click();
    const r = await waitRows(page, (rs) => rs.length > 0 && rs.every((x) => x.date >= start && x.date <= end), `rows of ${start}..${end}`);
    assert(r.every((x) => x.topics.includes('troop-deployment')), 'the topic filter was lost');
    assert(await page.inputValue('#f-from') === start && await page.inputValue('#f-to') === end, 'date inputs not set');
    const shown = await page.textContent('#count');
    assert(shown === `${count} statements`, `table says "${shown}", the bar ${count}`);
    assert(await page.locator('#timeline .bar.selected').count() === 1, 'the bar is not marked selected');
    assert(r.some((x) => x.speaker === 'person:mark-rutte' && x.date === '2025-09-04'), "Rutte's 2025-09-04 statement is not in that week");
  });

  await step('paging with Relay cursors: next and previous pages of 10', async () => {
    const p2 = await context.newPage();
    await p2.goto(`${base}/ui/#size=10`);
    const first = await waitRows(p2, (rs) => rs.length === 10, 'page 1');
    await p2.click('#next');
    const second = await waitRows(p2, (rs) => rs.length > 0 && rs[0].id !== first[0].id, 'page 2');
    assert(!second.some((x) => first.some((y) => y.id === x.id)), 'pages overlap');
    const info = await p2.textContent('#page-info');
    assert(/^11–20 of \d+ · page 2$/.test(info), `page info: ${info}`);
    await p2.click('#prev');
    const again = await waitRows(p2, (rs) => rs[0]?.id === first[0].id, 'page 1 again');
    assert(again.length === 10, 'page 1 again has another size');
    assert(await p2.isDisabled('#prev'), 'previous is enabled on page 1');
    await p2.close();
  });

  await step("the network view: Rutte's neighbourhood, nodes coloured by type, labelled edges; a click expands an event", async () => {
    // Depth 1, so that expanding a neighbour brings new nodes.
    await page.selectOption('#n-depth', '1');
    const row = page.locator('#statements tbody tr[data-speaker="person:mark-rutte"]').first();
    await row.locator('.c-speaker button.icon').click();
    await page.waitForSelector('#network[data-state="ready"]');
    await page.waitForSelector('#network .node.centre[data-id="person:mark-rutte"]');
    const before = await page.locator('#network .node').count();
    assert(before > 3, `only ${before} nodes`);
    const fills = await page.$$eval('#network .node', (ns) => Object.fromEntries(ns.map((n) => [n.dataset.type, n.querySelector('circle').getAttribute('fill')])));
    assert(Object.keys(fills).length >= 3 && new Set(Object.values(fills)).size === Object.keys(fills).length, `types and colours: ${JSON.stringify(fills)}`);
    const edgeLabels = await page.$$eval('#network .edge text', (ts) => ts.map((x) => x.textContent));
    assert(edgeLabels.length > 0 && edgeLabels.every(Boolean), 'edges without labels');
    assert(edgeLabels.includes('holds role: Secretary General'), `edge labels: ${[...new Set(edgeLabels)]}`);
    const arLabels = await page.$$eval('#network .node text[lang="ar"]', (ts) => ts.map((x) => x.getAttribute('direction')));
    assert(arLabels.length > 0 && arLabels.every((d) => d === 'rtl'), 'Arabic node labels are not right to left');
    await settle(page);
    // The Lancaster House conference: its other participants join.
    const event = page.locator('#network .node[data-type="EVENT"]').first();
    const eventId = await event.getAttribute('data-id');
    await event.locator('circle').click();
    await page.waitForFunction((n) => document.querySelectorAll('#network .node').length > n, before);
    assert(await event.evaluate((g) => g.classList.contains('expanded')), `${eventId} not marked expanded`);
    assert((await page.textContent('#node-details')).includes(eventId), 'the details panel does not show the event');
    await settle(page);
    // Back to Rutte selected, for the screenshot.
    await page.locator('#network .node.centre circle').click();
  });

  await step('screenshot of the English page: the filtered table, the timeline and the network', async () => {
    await page.locator('#statements tbody tr').first().locator('details.provenance summary').click().catch(() => {});
    const file = join(outDir, 'screenshot.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: file, fullPage: true });
    log(`     screenshot: ${file}`);
  });

  await step('the Arabic interface: the page turns right to left, English text inside stays left to right', async () => {
    const p3 = await context.newPage();
    await p3.goto(`${base}/ui/#topics=troop-deployment&ui=ar&net=person:mark-rutte&depth=1`);
    const r = await waitRows(p3, (rs) => rs.length > 0 && rs.every((x) => x.topics.includes('troop-deployment')), 'rows in the Arabic interface');
    assert(await p3.evaluate(() => document.documentElement.dir) === 'rtl', 'html dir is not rtl');
    assert(await p3.evaluate(() => getComputedStyle(document.body).direction) === 'rtl', 'body is not right to left');
    assert((await p3.textContent('#statements thead')).includes('المتحدث'), 'headings are not Arabic');
    const en = r.filter((x) => /^[A-Za-z"“]/.test(x.text));
    assert(en.length > 0, 'no English statement on troop deployment');
    assert(en.every((x) => x.textDir === 'ltr'), 'English quotes are not left to right inside the Arabic page');
    assert(r.every((x) => x.speakerText.length > 0), 'speaker names');
    await p3.waitForSelector('#network[data-state="ready"]');
    await settle(p3);
    const file = join(outDir, 'screenshot-ar.png');
    await p3.screenshot({ path: file, fullPage: true });
    log(`     screenshot: ${file}`);
    await p3.close();
  });

  await step('no request left the server, no console error, no failed response', async () => {
    assert(foreign.length === 0, `requests elsewhere: ${foreign.join(', ')}`);
    assert(problems.length === 0, problems.join('\n'));
  });
}

process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
main().then(() => finish(failed ? 1 : 0), async (err) => {
  failed++;
  console.error(`FAIL ${err.stack || err}`);
  await finish(1);
});
