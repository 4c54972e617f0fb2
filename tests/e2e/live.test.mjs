// The dashboard kept current by the live change stream, in a real browser against jvdr on another
// origin: writes made through the API elsewhere appear without a reload — a new event's timeline
// row, the chart's bar for its year, its participant's count among the people; a changed date
// moves the row to where the API now puts it; a delete takes it away; an open record view shows
// an edit, stays on the record the reader moved to while a change was applied, and says when the
// record is deleted. Then jvdr restarts on the same port and the page
// reconnects by itself: a write made after the restart appears too. Every wait is bounded
// (playwright's 30 s) and each starts from state the test has asserted.
// Usage: node live.test.mjs path/to/jvdr
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import * as serve from './serve.mjs';

const jvdr = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'jvdr-e2e-live-'));
const token = 'e2e-live-token-0123456789';
let server, browser, page, api;

async function write(method, path, body) {
  const res = await fetch(api.url + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
    },
    body: body && JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.text()}`);
}

const apiJson = async (path) => (await fetch(api.url + path)).json();
const shownIds = () => page.$$eval('#timeline li', (lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.id}`));
const timelineIds = async () => (await apiJson('/v1/timeline?limit=500')).items.map((i) => `${i.kind}:${i.id}`);
const barCount = (year) => page.$eval(`#chart rect[data-year="${year}"]`, (r) => Number(r.dataset.count)).catch(() => 0);
const personCount = (id) => page.$eval(`#people li[data-id="${id}"] small`, (s) => Number(s.textContent)).catch(() => 0);

try {
  server = await serve.startStatic();
  const pageOrigin = `http://127.0.0.1:${server.address().port}`;
  const db = join(work, 'jvdr.db');
  api = await serve.startJvdr(jvdr, db, pageOrigin, token);
  const port = new URL(api.url).port;
  browser = await serve.launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await page.goto(`${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}`);
  await page.waitForSelector('#live[data-state="live"]');
  await page.waitForSelector('#status[data-state="ready"]');
  assert.deepEqual(await shownIds(), await timelineIds());
  const kishiBefore = await personCount('nobuo-kishi');
  assert.ok(kishiBefore > 0);
  assert.equal(await barCount('2031'), 0);

  // A new event: its row, its year's bar, its participant's count.
  await write('POST', '/v1/events', {
    id: 'live-talks-2031', title: 'Live talks', type: 'meeting', date: '2031-03-04',
    participants: [{ id: 'nobuo-kishi', role: 'host' }],
  });
  await page.waitForSelector('#timeline li[data-id="live-talks-2031"]');
  await page.waitForFunction(() => document.querySelector('#chart rect[data-year="2031"]')?.dataset.count === '1');
  await page.waitForFunction((n) => Number(document.querySelector('#people li[data-id="nobuo-kishi"] small')?.textContent) === n,
    kishiBefore + 1);
  assert.deepEqual(await shownIds(), await timelineIds());

  // A new date moves the row to where the API puts it; the old year's bar goes.
  await write('PATCH', '/v1/events/live-talks-2031', { date: '2009-06-01' });
  await page.waitForFunction(() => !document.querySelector('#chart rect[data-year="2031"]'));
  assert.deepEqual(await shownIds(), await timelineIds());

  // An open record view shows an edit, then says the record is gone.
  await page.goto(`${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}#/events/live-talks-2031`);
  await page.waitForSelector('#live[data-state="live"]');
  await page.waitForSelector('#record[data-state="ready"]');
  await write('PATCH', '/v1/events/live-talks-2031', { title: 'Live talks, renamed' });
  await page.waitForFunction(() => document.getElementById('record-title')?.textContent === 'Live talks, renamed');

  // The reader moves to another record while a pushed change is being applied: the view ends on
  // the record asked for, not on the one left. The new record's reading is held until the redraw
  // for the change has asked for a record too, so that the two overlap whatever the timing.
  const kishi = await apiJson('/v1/officials/nobuo-kishi');
  const kishiUrl = `${api.url}/v1/officials/nobuo-kishi`;
  const held = [];
  let holding = true;
  await page.route(kishiUrl, (route) => (holding ? held.push(route) : route.continue()));
  const moving = page.waitForRequest(kishiUrl);
  await page.evaluate(() => { location.hash = '#/officials/nobuo-kishi'; });
  await moving;
  const recordPath = /^\/v1\/(event|official|agreement|source)s\/[a-z0-9-]+$/;
  const redrawing = page.waitForRequest((req) => recordPath.test(new URL(req.url()).pathname));
  await write('PATCH', '/v1/events/live-talks-2031', { title: 'Live talks, moved on' });
  await redrawing;
  holding = false;
  for (const route of held) await route.continue();
  await page.waitForFunction((name) => document.getElementById('record').dataset.state === 'ready' &&
    document.getElementById('record-title')?.textContent === name, kishi.name);
  assert.equal(await page.$eval('#record', (r) => r.dataset.id), 'nobuo-kishi');
  await page.goto(`${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}#/events/live-talks-2031`);
  await page.waitForSelector('#live[data-state="live"]');
  await page.waitForSelector('#record[data-state="ready"]');
  await write('DELETE', '/v1/events/live-talks-2031');
  await page.waitForSelector('#record[data-state="deleted"]');
  assert.match(await page.textContent('#record'), /deleted/);
  await page.goto(`${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}#/`);
  await page.waitForSelector('#live[data-state="live"]');
  await page.waitForSelector('#status[data-state="ready"]');
  assert.equal(await page.$('#timeline li[data-id="live-talks-2031"]'), null);

  // jvdr restarts on the same port: the page reconnects by itself and goes on showing writes.
  await serve.stopJvdr(api);
  await page.waitForSelector('#live:not([data-state="live"])');
  api = await serve.startJvdr(jvdr, db, pageOrigin, token, port);
  await page.waitForSelector('#live[data-state="live"]');
  await write('POST', '/v1/events', { id: 'after-restart', title: 'After the restart', type: 'meeting', date: '2032-01-02' });
  await page.waitForSelector('#timeline li[data-id="after-restart"]');
  assert.deepEqual(await shownIds(), await timelineIds());
  console.log('live: ok');
} finally {
  await browser?.close();
  if (api) await serve.stopJvdr(api).catch(() => {});
  server?.close();
  rmSync(work, { recursive: true, force: true });
}
