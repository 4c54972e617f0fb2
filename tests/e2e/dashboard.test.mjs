// The dashboard in a real browser: examples/dashboard served from one loopback origin, jvdr on
// another. Asserts that the page shows the records the API holds, that a filter changes what it
// shows (to what the API says), that its "Download CSV" saves the API's CSV of those records,
// that search shows hits (and downloads them), and that with the page's origin removed
// from JVDR_CORS_ORIGINS the browser refuses the data. Saves a screenshot.
// Usage: node dashboard.test.mjs path/to/jvdr
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pageDir = join(here, '../../examples/dashboard');
const jvdr = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'jvdr-e2e-'));
const outDir = process.env.JVDR_E2E_OUT || join(here, 'out');
let server, browser, page;

function startJvdr(corsOrigins) {
  return new Promise((resolve, reject) => {
    const child = spawn(jvdr, ['--port', '0', '--db', join(work, 'jvdr.db'), '--log-format', 'text'], {
      env: { ...process.env, JVDR_CORS_ORIGINS: corsOrigins },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = err.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`jvdr exited ${code}: ${err}`)));
  });
}

async function stopJvdr(j) {
  const exited = new Promise((resolve) => j.child.once('exit', resolve));
  j.child.kill('SIGTERM');
  await exited;
}

function startStatic() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
      try {
        const body = readFileSync(join(pageDir, path.replace(/\.\./g, '')));
        res.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

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
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
  await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: false });

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
