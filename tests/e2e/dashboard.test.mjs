// The dashboard in a real browser: examples/dashboard served from one loopback origin, jvdr on
// another. Asserts that the page shows the records the API holds, that a filter changes what it
// shows (to what the API says), that its "Download CSV" saves the API's CSV of those records,
// that search shows hits (and downloads them), that the chart's bars carry their counts, that a
// record opened by its URL shows its participants (links) and its passages highlighted in
// context (the texts loaded through the API; one left out, which the page says), that links,
// back, reload and the keyboard move between records, that it fits a phone's width, and that
// with the page's origin removed from JVDR_CORS_ORIGINS the browser refuses the data. Saves
// screenshots.
// Usage: node dashboard.test.mjs path/to/jvdr
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import * as serve from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const jvdr = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'jvdr-e2e-'));
const outDir = process.env.JVDR_E2E_OUT || join(here, 'out');
const seeds = join(here, '../../../shared/seeds');
const token = 'e2e-token-0123456789abcdef';
let server, browser, page;

const startJvdr = (corsOrigins) => serve.startJvdr(jvdr, join(work, 'jvdr.db'), corsOrigins, token);
const { stopJvdr, startStatic } = serve;

const apiJson = async (base, path) => (await fetch(base + path)).json();

async function shownIds() {
  return page.$$eval('#timeline li', (lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.id}`));
}

async function waitReady() {
  await page.waitForFunction(() => ['ready', 'error'].includes(document.getElementById('status').dataset.state));
  return page.$eval('#status', (el) => el.dataset.state);
}

try {
  server = await startStatic();
  const pageOrigin = `http://127.0.0.1:${server.address().port}`;
  let api = await startJvdr(pageOrigin);
  browser = await serve.launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 }, acceptDownloads: true });
  const pageUrl = `${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}`;

  // 1. The page shows every record of the timeline the API holds, across pages (Link next).
  await page.goto(pageUrl);
  assert.equal(await waitReady(), 'ready', await page.$eval('#status', (el) => el.textContent));
  const all = await apiJson(api.url, '/v1/timeline?limit=500');
  const expected = all.items.map((i) => `${i.kind}:${i.id}`);
  assert.ok(expected.length > 20, 'more than one page of 20, so Link next is exercised');
  assert.deepEqual(await shownIds(), expected);

  // The chart has one bar per year the stats facet reports, with its count.
  const stats = await apiJson(api.url, '/v1/stats');
  const bars = await page.$$eval('#chart rect', (rs) => rs.map((r) => [r.dataset.year, Number(r.dataset.count)]));
  assert.deepEqual(bars, stats.facets.year.filter((y) => y.key).map((y) => [y.key, y.count]));

  // 2. A filter changes what the page shows, to what the API answers for it.
  await page.selectOption('#official', 'phan-van-giang');
  await page.waitForFunction(() => document.getElementById('count').textContent.includes('of') &&
    document.getElementById('status').dataset.state === 'ready' &&
    document.querySelectorAll('#timeline li').length < 20);
  const filtered = await apiJson(api.url, '/v1/timeline?official=phan-van-giang&limit=500');
  assert.deepEqual(await shownIds(), filtered.items.map((i) => `${i.kind}:${i.id}`));
  assert.ok(filtered.items.length > 0 && filtered.items.length < expected.length);

  // Its "Download CSV" is the API's CSV of the same filtered records, saved as a file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#timeline-csv')]);
  assert.equal(download.suggestedFilename(), 'timeline.csv');
  const asked = new URL(download.url());
  assert.equal(asked.origin, api.url, 'the file comes from the API');
  assert.equal(asked.searchParams.get('format'), 'csv');
  assert.equal(asked.searchParams.get('official'), 'phan-van-giang');
  const csv = readFileSync(await download.path(), 'utf8');
  const [header, ...rows] = csv.split('\r\n').filter((line) => line !== '');
  assert.ok(header.startsWith('kind,id,title,'), header);
  assert.deepEqual(rows.map((r) => r.split(',').slice(0, 2).join(':')), filtered.items.map((i) => `${i.kind}:${i.id}`));

  // 3. Search shows ranked hits with highlights.
  await page.fill('#search', 'Vientiane');
  await page.click('#search-form button');
  await page.waitForSelector('#results li');
  const first = await page.$eval('#results li', (li) => ({ id: li.dataset.id, marks: li.querySelectorAll('mark').length }));
  assert.equal(first.id, 'vientiane-vision');
  assert.ok(first.marks > 0);
  const [hits] = await Promise.all([page.waitForEvent('download'), page.click('#results-csv')]);
  assert.equal(hits.suggestedFilename(), 'search.csv');
  const hitRows = readFileSync(await hits.path(), 'utf8').split('\r\n').filter((l) => l !== '');
  assert.equal(hitRows[0], 'kind,id,title,snippet,score');
  assert.equal(hitRows[1].split(',')[1], 'vientiane-vision');

  mkdirSync(outDir, { recursive: true });
  await page.selectOption('#official', '');
  await waitReady();
  // The chart's bars carry their counts.
  const counts = await page.$$eval('#chart text.count', (ts) => ts.map((t) => Number(t.textContent)));
  assert.deepEqual(counts, stats.facets.year.filter((y) => y.key).map((y) => y.count));
  await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: false });

  // 5. Records and their passages. The documents' texts go in through the API, all but one, so
  // that a record citing that one shows it is not loaded.
  const unloaded = 'regionalized-defense-partnership-2021';
  for (const source of (await apiJson(api.url, '/v1/sources?limit=500')).items) {
    if (source.id === unloaded) continue;
    const res = await fetch(`${api.url}/v1/sources/${source.id}/text`, {
      method: 'PUT', body: readFileSync(join(seeds, source.file_name)),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain; charset=utf-8' } });
    assert.equal(res.status, 201, `PUT the text of ${source.id}`);
  }
  const waitRecord = async () => {
    await page.waitForFunction(() => ['ready', 'error'].includes(document.getElementById('record').dataset.state) &&
      !document.getElementById('record').hidden);
    return page.$eval('#record', (el) => el.dataset.state);
  };
  const eventId = 'defense-ministers-meeting-2021-11';
  const event = await apiJson(api.url, `/v1/events/${eventId}`);
  await page.goto(`${pageUrl}#/events/${eventId}`);
  assert.equal(await waitRecord(), 'ready', await page.$eval('#record', (el) => el.textContent));
  assert.equal(await page.$eval('#record-title', (h) => h.textContent), event.title);
  assert.equal(await page.isVisible('#home'), false, 'the record alone is shown');
  const participants = await page.$$eval('#participants a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(participants, event.participants.map((p) => [p.name, `#/officials/${p.id}`]));
  const kishiHeld = (await apiJson(api.url, '/v1/officials/nobuo-kishi')).positions[0].title;
  assert.match(await page.$eval('#participants', (d) => d.textContent), new RegExp(`${kishiHeld}.*at the time`),
    'a participant\'s position at the time of the event');
  const cited = event.sources.find((s) => s.id === 'deepen-security-ties-2021');
  const marks = await page.$$eval('li.source[data-id="deepen-security-ties-2021"] mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marks, cited.spans.map((span) => span.passage), 'each cited passage, highlighted');
  const quote = await page.$eval('li.source[data-id="deepen-security-ties-2021"] blockquote', (b) => b.textContent);
  assert.ok(quote.length > cited.spans[0].passage.length, 'the passage in its context');
  await page.screenshot({ path: join(outDir, 'record.png'), fullPage: true });

  // A record citing the document without text says so instead of showing empty quotes.
  const official = await apiJson(api.url, '/v1/officials/nobuo-kishi');
  assert.ok(official.sources.some((s) => s.id === unloaded));
  await page.goto(`${pageUrl}#/officials/nobuo-kishi`);
  assert.equal(await waitRecord(), 'ready');
  assert.equal(await page.$eval('#record-title', (h) => h.textContent), official.name);
  assert.match(await page.$eval(`li.source[data-id="${unloaded}"] .no-text`, (p) => p.textContent), /not loaded/);
  assert.equal(await page.$$eval(`li.source[data-id="${unloaded}"] mark`, (ms) => ms.length), 0);

  // A citation whose words a corrected text lost is shown as gone, with its words, and nothing
  // else is highlighted for it: the text loses the first cited passage (Prefer: handling=lenient).
  const sourceText = await (await fetch(`${api.url}/v1/sources/deepen-security-ties-2021/text`)).text();
  const lost = cited.spans[0].passage;
  const corrected = sourceText.replace(lost, 'words that replaced the cited ones');
  const put = await fetch(`${api.url}/v1/sources/deepen-security-ties-2021/text`, {
    method: 'PUT', body: corrected,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain; charset=utf-8', Prefer: 'handling=lenient' } });
  assert.equal(put.status, 204);
  const after = (await apiJson(api.url, `/v1/events/${eventId}`)).sources.find((s) => s.id === 'deepen-security-ties-2021');
  assert.deepEqual(after.orphans.map((o) => o.exact), [lost]);
  await page.goto(`${pageUrl}#/events/${eventId}`);
  await page.waitForFunction(() => document.querySelector('li.source[data-id="deepen-security-ties-2021"] blockquote.orphan'));
  const orphanShown = await page.$$eval('li.source[data-id="deepen-security-ties-2021"] blockquote.orphan', (bs) => bs.map((b) => b.textContent));
  assert.equal(orphanShown.length, 1);
  assert.match(orphanShown[0], /No longer in the document/);
  assert.ok(orphanShown[0].includes(lost), 'the lost words are shown');
  const marksAfter = await page.$$eval('li.source[data-id="deepen-security-ties-2021"] mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marksAfter, after.spans.map((span) => span.passage), 'only the spans still in the text are highlighted');
  assert.ok(!marksAfter.includes(lost));
  await page.screenshot({ path: join(outDir, 'record-orphan.png'), fullPage: true });
  await page.goto(`${pageUrl}#/officials/nobuo-kishi`);
  await page.waitForFunction((t) => document.getElementById('record-title')?.textContent === t, official.name);

  // Follow a link to one of the official's events; back and reload come back to the same views.
  const firstEvent = official.events[0];
  await page.click(`#events a[href="#/events/${firstEvent.id}"]`);
  await page.waitForFunction((t) => document.getElementById('record-title')?.textContent === t, firstEvent.title);
  assert.equal(new URL(page.url()).hash, `#/events/${firstEvent.id}`);
  await page.goBack();
  await page.waitForFunction((t) => document.getElementById('record-title')?.textContent === t, official.name);
  await page.reload();
  assert.equal(await waitRecord(), 'ready');
  assert.equal(await page.$eval('#record-title', (h) => h.textContent), official.name);

  // The dashboard lists the people, each a link to their record.
  await page.goto(pageUrl);
  await waitReady();
  const people = await page.$$eval('#people a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(people, stats.facets.official.map((o) => `#/officials/${o.key}`));

  // By keyboard from the dashboard: a timeline row's link opens its record.
  await page.goto(pageUrl);
  await waitReady();
  const row = all.items[0];
  await page.focus(`#timeline li[data-id="${row.id}"] a`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.getElementById('record-title')?.textContent === t, row.title);
  assert.equal(await page.isVisible('#timeline'), false);
  await page.click('#record a.back');
  await waitReady();
  assert.equal(await page.isVisible('#timeline'), true, 'back to the dashboard');

  // At a phone's width the record fits without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${pageUrl}#/events/${eventId}`);
  assert.equal(await waitRecord(), 'ready');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 391), 'no sideways scrolling at 390 px');
  await page.screenshot({ path: join(outDir, 'record-phone.png'), fullPage: false });
  await page.setViewportSize({ width: 1100, height: 1000 });

  // 4. Without the page's origin in JVDR_CORS_ORIGINS the browser refuses the data.
  await stopJvdr(api);
  api = await startJvdr('http://127.0.0.1:1');
  await page.goto(`${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}`);
  assert.equal(await waitReady(), 'error');
  assert.equal((await shownIds()).length, 0);
  const direct = await fetch(api.url + '/v1/timeline');
  assert.equal(direct.status, 200, 'the API itself still answers; only the browser refuses');
  await stopJvdr(api);
  console.log(`dashboard e2e: ok (${expected.length} timeline items; screenshot in ${outDir})`);
} catch (err) {
  if (page) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'failure.png') }).catch(() => {});
  }
  console.error('dashboard e2e: FAILED:', err);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}
