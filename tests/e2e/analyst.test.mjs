// The analyst's mode in a real browser, against jvdr on another origin: the token is entered once
// and kept in sessionStorage only (not in the URL or the page); an article of the test's own is
// added with its address and text; its view shows the text with what it names highlighted and
// the proposals beside it, and focusing a proposal highlights its evidence; a new official is
// accepted as it is, the meeting naming him after editing its date (a bad date first: the API's
// 422 is shown at the field); a selected passage is cited for an existing official. Then, through
// the API, exactly those records cite the article, with the right spans and passages. The view
// fits 390 px. Last, a mistake is undone from the record's history. Saves screenshots.
// Usage: node analyst.test.mjs path/to/jvdr
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import * as serve from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const jvdr = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'jvdr-e2e-analyst-'));
const outDir = process.env.JVDR_E2E_OUT || join(here, 'out');
const token = 'e2e-analyst-token-0123456789';
let server, browser, page, api;

// An article nobody curated, dated Saturday 14 March 2026.
const article = [
  'Ministers meet in Hanoi',
  '',
  'Indonesian Defense Minister Budi Santoso met Vietnamese Defense Minister Phan Van Giang in Hanoi ' +
    'on Monday, the first talks between the two.',
  '',
  'Santoso will visit Tokyo next month, his ministry said.',
  '',
  'Giang said that maritime search and rescue drills would follow within the year.',
  '',
].join('\n');
const cited = 'maritime search and rescue drills would follow';

const apiJson = async (path) => {
  const res = await fetch(api.url + path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};

// The card of the first proposal with that action and kind (and record type).
const card = (action, kind, type) =>
  page.locator(`.proposal[data-action="${action}"][data-kind="${kind}"]`, type ? { hasText: type } : {}).first();

// Selects words in the article's text as a reader would, then lets go of the mouse.
async function select(words) {
  await page.evaluate((words) => {
    const box = document.getElementById('article-text');
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.textContent;
    }
    const at = all.indexOf(words);
    const place = (offset) => {
      const [node, from] = nodes.filter(([, from]) => from <= offset).pop();
      return [node, offset - from];
    };
    const range = document.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + words.length));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    box.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, words);
}

try {
  server = await serve.startStatic();
  const pageOrigin = `http://127.0.0.1:${server.address().port}`;
  api = await serve.startJvdr(jvdr, join(work, 'jvdr.db'), pageOrigin, token);
  browser = await serve.launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const pageUrl = `${pageOrigin}/index.html?api=${encodeURIComponent(api.url)}`;
  mkdirSync(outDir, { recursive: true });

  // 1. The token, entered once: kept in sessionStorage, never in the URL or the page's HTML.
  await page.goto(`${pageUrl}#/analyst`);
  await page.waitForSelector('#analyst[data-state="ready"] #token-form');
  await page.fill('#token', token);
  await page.click('#token-form button');
  await page.waitForSelector('#forget-token');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('jvdr-token')), token);
  assert.ok(!page.url().includes(token), 'the token is not in the URL');
  assert.ok(!(await page.content()).includes(token), 'the token is not in the page');

  // 2. "Add an article": the source and its text through the API.
  await page.fill('#article-form [name=title]', 'Ministers meet in Hanoi');
  await page.fill('#article-form [name=publisher]', 'Test Wire');
  await page.fill('#article-form [name=date]', '2026-03-14');
  await page.fill('#article-form [name=url]', 'https://news.example/2026/03/ministers-meet');
  await page.fill('#article-form [name=text]', article);
  await page.click('#article-form button[type=submit]');
  await page.waitForSelector('#analyst[data-state="ready"] #proposals');
  const sourceId = decodeURIComponent(page.url().split('#/analyst/sources/')[1]);
  const source = await apiJson(`/v1/sources/${sourceId}`);
  assert.equal(source.url, 'https://news.example/2026/03/ministers-meet');
  assert.equal(source.text, article);

  // 3. The text with what it names, the proposals beside it; focus shows a proposal's evidence.
  assert.ok(await page.locator('#article-text .mention', { hasText: 'Phan Van Giang' }).count() > 0);
  const meeting = card('create', 'event', 'meeting');
  await meeting.focus();
  await page.waitForSelector('#article-text .evidence');
  const evidence = await page.$$eval('#article-text .evidence', (els) => els.map((e) => e.textContent).join('|'));
  assert.ok(evidence.includes('Monday') && evidence.includes('Budi Santoso'), evidence);
  await page.screenshot({ path: join(outDir, 'analyst.png'), fullPage: true });

  // 4. The new official, accepted as it is.
  const official = card('create', 'official');
  await official.getByRole('button', { name: 'Accept' }).click();
  await official.locator('.done').waitFor();
  const officialId = await official.locator('.done a').textContent();

  // 5. The meeting, edited first: a date that is none is refused at its field, then a real one.
  await meeting.getByRole('button', { name: 'Edit' }).click();
  const date = meeting.locator('[data-field="date"] input');
  await date.fill('2026-02-30');
  await meeting.getByRole('button', { name: 'Save' }).click();
  await meeting.locator('[data-field="date"] .field-error:not(:empty)').waitFor();
  assert.ok(await meeting.locator('.form-problem .error').count() > 0, 'the problem is shown');
  await date.fill('2026-03-10');
  await meeting.getByRole('button', { name: 'Save' }).click();
  await meeting.locator('.done').waitFor();
  const meetingId = await meeting.locator('.done a').textContent();

  // The rest dismissed: nothing else is written.
  const undecided = page.locator('.proposal:not([data-state])');
  while (await undecided.count() > 0) await undecided.first().getByRole('button', { name: 'Dismiss' }).click();

  // 6. Words selected in the text, cited for an existing official by quote.
  await select(cited);
  await page.waitForSelector('#cite:not([hidden])');
  assert.equal(await page.textContent('#cite-words'), cited);
  await page.fill('#cite-search', 'Phan Van Giang');
  await page.click('#cite-form button');
  await page.click('#cite-hits button[data-id="phan-van-giang"]');
  await page.waitForSelector('#cite-result .done');

  // 7. Through the API: exactly those records cite the article, with the right spans.
  const events = await apiJson(`/v1/events?source=${sourceId}`);
  assert.deepEqual(events.items.map((e) => e.id), [meetingId]);
  const event = await apiJson(`/v1/events/${meetingId}`);
  assert.equal(event.date, '2026-03-10', 'the edited date');
  assert.deepEqual(event.participants.map((p) => p.id).sort(), [officialId, 'phan-van-giang'].sort());
  const ref = event.sources.find((s) => s.id === sourceId);
  assert.ok(ref.spans.some((s) => s.passage.startsWith('Indonesian Defense Minister Budi Santoso met')), JSON.stringify(ref));
  const officials = await apiJson(`/v1/officials?source=${sourceId}`);
  assert.deepEqual(officials.items.map((o) => o.id).sort(), [officialId, 'phan-van-giang'].sort());
  const created = await apiJson(`/v1/officials/${officialId}`);
  assert.equal(created.name, 'Budi Santoso');
  assert.equal(created.country, 'ID');
  const giang = await apiJson('/v1/officials/phan-van-giang');
  const quote = giang.sources.find((s) => s.id === sourceId);
  assert.deepEqual(quote.spans.map((s) => s.passage), [cited]);
  assert.equal((await apiJson(`/v1/agreements?source=${sourceId}`)).total, 0);

  // 8. At a phone's width the article view fits without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.waitForSelector('#analyst[data-state="ready"] #proposals');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 391), 'no sideways scrolling at 390 px');
  await page.screenshot({ path: join(outDir, 'analyst-phone.png'), fullPage: false });

  // 9. A mistake undone from the record's history: a wrong title written through the API is
  // reverted from the meeting's view; then its creation, which has changed since, is reverted
  // anyway (with the record's ETag), which deletes the meeting.
  const before = await apiJson(`/v1/events/${meetingId}`);
  const wrong = await fetch(`${api.url}/v1/events/${meetingId}`, {
    method: 'PATCH', body: JSON.stringify({ title: 'A title typed by mistake' }),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/merge-patch+json' },
  });
  assert.equal(wrong.status, 200);
  const history = (await apiJson(`/v1/changes?kind=event&id=${meetingId}`)).items;
  const mistake = history.at(-1).cursor;
  const creation = history[0].cursor;
  await page.goto(`${pageUrl}#/events/${meetingId}`);
  const entry = (cursor) => page.locator(`#record .history li[data-cursor="${cursor}"]`);
  await entry(mistake).locator('button.revert').waitFor();
  assert.equal(await page.textContent('#record-title'), 'A title typed by mistake');
  await entry(mistake).locator('button.revert').click();
  await page.waitForFunction((title) => document.getElementById('record-title')?.textContent === title, before.title);
  assert.deepEqual(await apiJson(`/v1/events/${meetingId}`), before, 'the event is as it was');
  await page.locator('#record .history li', { hasText: `reverting change ${mistake}` }).waitFor();
  await entry(creation).locator('button.revert').click();
  await page.locator('#record button.revert-anyway').click();
  await page.locator('#history-problem [role=status]').waitFor();
  assert.equal((await fetch(`${api.url}/v1/events/${meetingId}`)).status, 404, 'the creation is undone');
  await page.screenshot({ path: join(outDir, 'analyst-history.png'), fullPage: true });
  await serve.stopJvdr(api);
  api = null;
  console.log(`analyst e2e: ok (source ${sourceId}, official ${officialId}, event ${meetingId}; screenshots in ${outDir})`);
} catch (err) {
  if (page) await page.screenshot({ path: join(outDir, 'analyst-failure.png'), fullPage: true }).catch(() => {});
  console.error('analyst e2e: FAILED:', err);
  process.exitCode = 1;
} finally {
  if (api) await serve.stopJvdr(api).catch(() => {});
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}
