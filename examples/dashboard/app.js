// A dashboard over the jvdr API: timeline, filters, a chart drawn from /v1/stats facets, search,
// CSV downloads of what it shows (made by the API, not here), and each record's own view with the
// passages that support it (record.js). Plain JavaScript modules, no build step.
import { api, getJson, getAll, csvUrl, escapeHtml, dateText, recordHref } from './api.js';
import { showRecord, cancelDraws } from './record.js';
import { showAnalyst, showArticle } from './analyst.js';
import { followChanges } from './live.js';

const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

function currentFilters() {
  const q = new URLSearchParams();
  for (const name of ['official', 'country', 'topic', 'from', 'to']) {
    const value = $(name).value.trim();
    if (value) q.set(name, value);
  }
  return q;
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
    const count = document.createElementNS(ns, 'text'); // the bar's count, above it
    count.setAttribute('x', String(i * width + width / 2));
    count.setAttribute('y', String(146 - h));
    count.setAttribute('text-anchor', 'middle');
    count.setAttribute('class', 'count');
    count.textContent = String(y.count);
    svg.append(rect, label, count);
  });
}

// Puts children in place of list's, unless they are the same: a list redrawn by a change pushed
// from elsewhere keeps its elements, and so the keyboard's focus, when its own rows did not
// change; when they did, focus goes back to the link of the same record.
function replaceList(list, children) {
  const html = children.map((c) => c.outerHTML).join('');
  if (list.dataset.drawn === html) return;
  const focused = list.contains(document.activeElement) ? document.activeElement.closest('li')?.dataset.id : null;
  list.replaceChildren(...children);
  list.dataset.drawn = html;
  if (focused) list.querySelector(`li[data-id="${CSS.escape(focused)}"] a`)?.focus();
}

// Reads the dashboard again for the filters set now. quiet (a change pushed by the server) keeps
// the status as it is until the answer is in. Only the latest refresh may draw: one started
// earlier (before a filter changed) and answered later is dropped.
let refreshes = 0;
async function refresh(quiet = false) {
  const filters = currentFilters();
  const mine = ++refreshes;
  if (!quiet) setStatus('loading', 'Loading…');
  try {
    const timelineQuery = new URLSearchParams(filters);
    timelineQuery.set('limit', '20');
    const [{ items, total }, stats] = await Promise.all([
      getAll(`/v1/timeline?${timelineQuery}`),
      getJson(`/v1/stats?${filters}`),
    ]);
    if (mine !== refreshes) return;
    replaceList($('timeline'), items.map((item) => {
      const li = document.createElement('li');
      li.dataset.kind = item.kind;
      li.dataset.id = item.id;
      li.innerHTML = `<span class="date" title="${escapeHtml(dateText(item))}">${escapeHtml(item.date)}${item.date_qualifier ? ' (' + escapeHtml(item.date_qualifier) + ')' : ''}</span>` +
        `<span class="kind ${item.kind}">${escapeHtml(item.kind)}</span>` +
        `<a class="title" href="${recordHref(item.kind, item.id)}">${escapeHtml(item.title)}</a>`;
      return li;
    }));
    $('count').textContent = `(${items.length} of ${total})`;
    $('timeline-csv').href = csvUrl('/v1/timeline', filters);
    drawChart(stats.body.facets.year);
    replaceList($('people'), stats.body.facets.official.map((o) => {
      const li = document.createElement('li');
      li.dataset.id = o.key;
      li.innerHTML = `<a href="${recordHref('official', o.key)}">${escapeHtml(o.name)}</a> <small>${o.count}</small>`;
      return li;
    }));
    // The stats list the most frequent people only (facet_limit): say how many more there are.
    const morePeople = stats.body.facet_values.official - stats.body.facets.official.length;
    $('people-more').textContent = morePeople > 0 ? `and ${morePeople} more` : '';
    setStatus('ready', `${total} dated events and agreements`);
  } catch (err) {
    if (mine !== refreshes) return;
    replaceList($('timeline'), []);
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
      li.innerHTML = `<a href="${recordHref(hit.kind, hit.id)}"><strong>${escapeHtml(hit.title)}</strong></a> <small>${escapeHtml(hit.kind)}</small><br>${snippet}`;
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
  for (const id of ['official', 'country', 'topic']) $(id).addEventListener('change', () => refresh());
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  $('search-form').addEventListener('submit', search);
  await refresh();
}

const liveLabels = { live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline: retrying soon' };

// What the changes pushed by the server mean for the page: the dashboard is read again (its
// timeline, chart and people counts), and an open record is shown again, or said to be deleted.
// The record is the one the address names now, not the one last drawn: the reader may have moved
// on while the dashboard was read.
async function applyChanges(changes) {
  await refresh(true);
  const record = $('record');
  const shown = recordInHash();
  if (!shown) return;
  const { kind, id } = shown;
  if (changes.some((c) => c && c.action === 'delete' && c.kind === kind && c.id === id)) {
    cancelDraws(record);
    record.dataset.drawn = ''; /* the next view is drawn whatever it holds */
    record.dataset.id = id;
    record.innerHTML = `<p><a href="#/" class="back">← Back to the dashboard</a></p>` +
      `<p class="deleted">This ${escapeHtml(kind)} (${escapeHtml(id)}) has just been deleted.</p>`;
    record.dataset.state = 'deleted';
    return;
  }
  if (record.dataset.state === 'deleted' && record.dataset.id === id &&
      !changes.some((c) => c === null || (c.kind === kind && c.id === id)))
    return;
  try {
    if (await showRecord(kind, id, record, { focus: false })) record.dataset.state = 'ready';
  } catch (err) {
    record.dataset.state = 'error';
  }
}

// The record the address names (#/events/{id} and the like), or null.
function recordInHash() {
  const match = location.hash.match(/^#\/(event|official|agreement|source)s\/([a-z0-9-]+)$/);
  return match ? { kind: match[1], id: match[2] } : null;
}

// #/events/{id} and the like show that record; #/analyst and #/analyst/sources/{id} the analyst's
// mode (analyst.js); anything else the dashboard. Back, forward and reload work, and the URL can
// be shared.
async function route() {
  const analyst = location.hash.match(/^#\/analyst(?:\/sources\/([a-z0-9-]+))?$/);
  const match = recordInHash();
  if (!match) cancelDraws($('record'));
  $('home').hidden = Boolean(match || analyst);
  $('record').hidden = !match;
  $('analyst').hidden = !analyst;
  if (analyst) {
    const view = $('analyst');
    view.dataset.state = 'loading';
    try {
      await (analyst[1] ? showArticle(analyst[1], view) : showAnalyst(view));
      view.dataset.state = 'ready';
    } catch (err) {
      view.innerHTML = `<p><a href="#/" class="back">← Back to the dashboard</a></p><p class="error">Could not load this view: ${escapeHtml(err.message)}</p>`;
      view.dataset.state = 'error';
    }
    return;
  }
  if (!match) {
    document.title = 'jvdr dashboard: Japan–Vietnam defense relations';
    return;
  }
  const record = $('record');
  record.dataset.state = 'loading';
  try {
    if (!(await showRecord(match.kind, match.id, record))) return;
    record.dataset.state = 'ready';
  } catch (err) {
    record.innerHTML = `<p><a href="#/" class="back">← Back to the dashboard</a></p><p class="error">Could not load this record: ${escapeHtml(err.message)}</p>`;
    record.dataset.drawn = '';
    record.dataset.state = 'error';
  }
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', route);
route();
start().then(() => followChanges({
  onChanges: applyChanges,
  onState: (state) => {
    $('live').dataset.state = state;
    $('live').textContent = liveLabels[state];
  },
}));
