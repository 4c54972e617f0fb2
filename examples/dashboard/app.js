// A dashboard over the jvdr API: timeline, filters, a chart drawn from /v1/stats facets, search,
// and CSV downloads of what it shows (made by the API, not here). The API may live on another origin: pass it as ?api=http://host:port (CORS must grant
// this page's origin). Plain JavaScript, no build step.
'use strict';

const api = new URLSearchParams(location.search).get('api') || location.origin;
const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

async function getJson(path) {
  const url = /^https?:/.test(path) ? path : api + path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    throw new Error(problem.detail || `HTTP ${res.status}`);
  }
  return { body: await res.json(), headers: res.headers };
}

// Follows the Link rel="next" headers to collect every page of a list.
async function getAll(path) {
  const items = [];
  let next = path;
  let total = 0;
  while (next) {
    const { body, headers } = await getJson(next);
    items.push(...body.items);
    total = Number(headers.get('X-Total-Count') ?? body.total);
    const link = headers.get('Link') || '';
    const match = link.match(/<([^>]+)>;\s*rel="next"/);
    next = match ? match[1] : null;
  }
  return { items, total };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function currentFilters() {
  const q = new URLSearchParams();
  for (const name of ['official', 'country', 'topic', 'from', 'to']) {
    const value = $(name).value.trim();
    if (value) q.set(name, value);
  }
  return q;
}

// Download links ask the API for CSV (it sends Content-Disposition: attachment, so the browser
// saves the file whatever origin it comes from); limit=all streams every matching record.
function csvUrl(path, query) {
  const q = new URLSearchParams(query);
  q.set('format', 'csv');
  if (!q.has('limit')) q.set('limit', 'all');
  return `${api}${path}?${q}`;
}

function fillSelect(select, options) {
  for (const { value, label } of options) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    select.append(option);
  }
}

function drawChart(years) {
  const svg = $('chart');
  svg.replaceChildren();
  const dated = years.filter((y) => y.key !== null);
  const max = Math.max(1, ...dated.map((y) => y.count));
  const width = 600 / Math.max(dated.length, 1);
  const ns = 'http://www.w3.org/2000/svg';
  dated.forEach((y, i) => {
    const h = Math.round((y.count / max) * 130);
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(i * width + 4));
    rect.setAttribute('y', String(150 - h));
    rect.setAttribute('width', String(Math.max(width - 8, 2)));
    rect.setAttribute('height', String(h));
    rect.dataset.year = y.key;
    rect.dataset.count = String(y.count);
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${y.key}: ${y.count}`;
    rect.append(title);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(i * width + width / 2));
    label.setAttribute('y', '166');
    label.setAttribute('text-anchor', 'middle');
    label.textContent = y.key;
    svg.append(rect, label);
  });
}

async function refresh() {
  const filters = currentFilters();
  setStatus('loading', 'Loading…');
  try {
    const timelineQuery = new URLSearchParams(filters);
    timelineQuery.set('limit', '20');
    const [{ items, total }, stats] = await Promise.all([
      getAll(`/v1/timeline?${timelineQuery}`),
      getJson(`/v1/stats?${filters}`),
    ]);
    const list = $('timeline');
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.kind = item.kind;
      li.dataset.id = item.id;
      li.innerHTML = `<span class="date">${escapeHtml(item.date)}${item.date_qualifier ? ' (' + escapeHtml(item.date_qualifier) + ')' : ''}</span>` +
        `<span class="kind ${item.kind}">${escapeHtml(item.kind)}</span><span class="title">${escapeHtml(item.title)}</span>`;
      return li;
    }));
    $('count').textContent = `(${items.length} of ${total})`;
    $('timeline-csv').href = csvUrl('/v1/timeline', filters);
    drawChart(stats.body.facets.year);
    setStatus('ready', `${total} dated events and agreements`);
  } catch (err) {
    $('timeline').replaceChildren();
    $('chart').replaceChildren();
    setStatus('error', `Could not load data from ${api}: ${err.message}`);
  }
}

async function search(event) {
  event.preventDefault();
  const q = $('search').value.trim();
  if (!q) return;
  try {
    const { body } = await getJson(`/v1/search?q=${encodeURIComponent(q)}&limit=10`);
    $('results-csv').href = csvUrl('/v1/search', { q, limit: '10' });
    $('results-downloads').hidden = body.items.length === 0;
    $('results').replaceChildren(...body.items.map((hit) => {
      const li = document.createElement('li');
      li.dataset.id = hit.id;
      // The snippet is plain text with <mark> around matches: escape it, then restore the marks.
      const snippet = escapeHtml(hit.snippet).replaceAll('&lt;mark&gt;', '<mark>').replaceAll('&lt;/mark&gt;', '</mark>');
      li.innerHTML = `<strong>${escapeHtml(hit.title)}</strong> <small>${escapeHtml(hit.kind)}</small><br>${snippet}`;
      return li;
    }));
  } catch (err) {
    $('results').replaceChildren();
    setStatus('error', `Search failed: ${err.message}`);
  }
}

async function start() {
  try {
    const [officials, stats] = await Promise.all([getAll('/v1/officials?limit=100&sort=name'), getJson('/v1/stats')]);
    fillSelect($('official'), officials.items.map((o) => ({ value: o.id, label: o.name })));
    fillSelect($('country'), stats.body.facets.country.map((c) => ({ value: c.key, label: `${c.key} (${c.count})` })));
    fillSelect($('topic'), stats.body.facets.topic.map((t) => ({ value: t.key, label: `${t.key} (${t.count})` })));
  } catch (err) {
    setStatus('error', `Could not load data from ${api}: ${err.message}`);
    return;
  }
  for (const kind of ['events', 'officials', 'agreements', 'sources']) $(`${kind}-csv`).href = csvUrl(`/v1/${kind}`, {});
  for (const id of ['official', 'country', 'topic']) $(id).addEventListener('change', refresh);
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  $('search-form').addEventListener('submit', search);
  await refresh();
}

start();
