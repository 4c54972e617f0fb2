// A record's own view (#/events/{id}, #/officials/{id}, #/agreements/{id}, #/sources/{id}):
// what it is, who and what it links to (each a link), and the passages of the documents that
// support it, each in a few sentences of context with the span itself highlighted; then its
// history, with Revert buttons for an analyst signed in (history.js).
import { getJson, getText, escapeHtml, dateText, recordHref } from './api.js';
import { historyHtml, bindHistory } from './history.js';

const link = (kind, r, label) => `<a href="${recordHref(kind, r.id)}">${escapeHtml(label ?? r.title ?? r.name)}</a>`;
const list = (items, render, empty = 'None recorded.') =>
  items && items.length ? `<ul>${items.map((i) => `<li>${render(i)}</li>`).join('')}</ul>` : `<p class="none">${empty}</p>`;
const fact = (label, value) => (value ? `<dt>${label}</dt><dd>${value}</dd>` : '');
const more = (shown, total, kind) => (total > shown ? `<p class="none">${shown} of ${total} ${kind} shown.</p>` : '');

// The sentence before and the sentence after [start, end) of the code points cps (a boundary
// with nothing but blanks since the last one, as between paragraphs, does not count).
function context(cps, start, end) {
  const boundary = (c) => c === '.' || c === '!' || c === '?' || c === '\n';
  const blank = (c) => /\s/.test(c);
  let from = start, text = false;
  while (from > 0 && start - from < 400) {
    const c = cps[from - 1];
    if (boundary(c) && text) break;
    text ||= !boundary(c) && !blank(c);
    from--;
  }
  let to = end;
  text = false;
  while (to < cps.length && to - end < 400) {
    const c = cps[to++];
    if (boundary(c) && text) break;
    text ||= !boundary(c) && !blank(c);
  }
  return [cps.slice(from, start).join('').trim(), cps.slice(start, end).join(''), cps.slice(end, to).join('').trim(),
    from > 0, to < cps.length];
}

// The sources of a record, each with its passages; the documents are fetched once each.
async function sourcesHtml(sources) {
  if (!sources || !sources.length) return '<p class="none">No source cites this record.</p>';
  const parts = await Promise.all(sources.map(async (ref) => {
    const [{ body: source }, text] = await Promise.all([getJson(`/v1/sources/${ref.id}`), getText(`/v1/sources/${ref.id}/text`)]);
    const about = [source.publisher, source.author, dateText(source)].filter(Boolean).map(escapeHtml).join(', ');
    const head = `<h4>${link('source', source)}</h4><p class="about">${about}</p>`;
    // Words a corrected text lost: shown as gone, never matched against the text as it is now.
    const orphans = (ref.orphans || []).map((o) =>
      `<blockquote class="orphan"><p class="gone">No longer in the document (its text was corrected):</p>` +
      `<del>${escapeHtml(o.exact)}</del></blockquote>`).join('');
    if (text === null)
      return `<li class="source" data-id="${escapeHtml(ref.id)}">${head}<p class="no-text">This document's text is not loaded, so ` +
        `its ${ref.spans.length} cited passage${ref.spans.length === 1 ? '' : 's'} cannot be shown.</p>${orphans}</li>`;
    const cps = Array.from(text); // spans count code points, as the API does
    const quotes = ref.spans.map((span) => {
      const [before, passage, after, cutBefore, cutAfter] = context(cps, span.start, span.end);
      return `<blockquote class="passage" data-start="${span.start}" data-end="${span.end}">${cutBefore ? '… ' : ''}` +
        `${escapeHtml(before)} <mark>${escapeHtml(passage)}</mark> ${escapeHtml(after)}${cutAfter ? ' …' : ''}</blockquote>`;
    });
    return `<li class="source" data-id="${escapeHtml(ref.id)}">${head}${quotes.join('')}${orphans}</li>`;
  }));
  return `<ul class="sources">${parts.join('')}</ul>`;
}

// The position an official held on date (ISO, any precision): the one whose years cover it.
function positionOn(official, date) {
  if (!date) return null;
  const within = (p) => (!p.date_from || p.date_from.slice(0, date.length) <= date) &&
    (!p.date_to || date <= p.date_to.padEnd(date.length, '9'));
  return (official.positions || []).find(within) || null;
}

const views = {
  async event(r) {
    // Each participant's position at the time of the event, from the official's record.
    const people = await Promise.all((r.participants || []).map((p) => getJson(`/v1/officials/${p.id}`).then((x) => x.body).catch(() => null)));
    const held = (i) => {
      const position = people[i] && positionOn(people[i], r.date);
      return position ? `; ${escapeHtml([position.title, position.organisation].filter(Boolean).join(', '))} at the time` : '';
    };
    return `<dl>${fact('Date', escapeHtml(dateText(r)))}${fact('Type', escapeHtml(r.type))}${fact('Status', escapeHtml(r.status))}` +
      `${fact('Place', escapeHtml([r.location, r.host_country].filter(Boolean).join(', ')))}` +
      `${fact('Countries', escapeHtml((r.countries || []).join(', ')))}${fact('Topics', escapeHtml((r.topics || []).join(', ')))}</dl>` +
      `<p>${escapeHtml(r.summary)}</p>` +
      `<h3>Participants</h3><div id="participants">${list(r.participants.map((p, i) => ({ ...p, i })), (p) =>
        `${link('official', p, p.name)}${p.role ? ` — ${escapeHtml(p.role)}` : ''}${held(p.i)}${p.country ? ` (${escapeHtml(p.country)})` : ''}`)}</div>` +
      `<h3>Agreements</h3>${list(r.agreements, (a) => `${link('agreement', a)} <small>${escapeHtml(a.relation)}</small>`)}`;
  },
  async official(r) {
    const positions = list(r.positions, (p) => escapeHtml(`${p.title}, ${p.organisation || ''} (${[p.date_from, p.date_to].filter(Boolean).join('–') || 'dates unknown'}` +
      `${p.as_of ? `; as of ${p.as_of}` : ''})`));
    return `<dl>${fact('Country', escapeHtml(r.country))}${fact('Also', escapeHtml([r.name_diacritics, ...(r.aliases || [])].filter(Boolean).join('; ')))}</dl>` +
      `<p>${escapeHtml(r.summary)}</p><h3>Positions</h3>${positions}` +
      `<h3>Events</h3><div id="events">${list(r.events, (e) => `${link('event', e)} <small>${escapeHtml(dateText(e))}${e.role ? ', ' + escapeHtml(e.role) : ''}</small>`)}</div>` +
      more(r.events?.length, r.events_total, 'events') +
      `<h3>Agreements signed</h3>${list(r.agreements, (a) => `${link('agreement', a)} <small>${escapeHtml(dateText(a))}</small>`)}`;
  },
  async agreement(r) {
    return `<dl>${fact('Date', escapeHtml(dateText(r)))}${fact('Type', escapeHtml(r.type))}${fact('Status', escapeHtml(r.status))}` +
      `${fact('Parties', escapeHtml((r.parties || []).join(', ')))}${fact('Signed at', r.signed_at ? link('event', r.signed_at) : '')}</dl>` +
      `<p>${escapeHtml(r.summary)}</p>` +
      `<h3>Signatories</h3>${list(r.signatories, (s) => `${link('official', s, s.name)} (${escapeHtml(s.country)})`)}` +
      `<h3>Events it came from</h3>${list(r.events, (e) => `${link('event', e)} <small>${escapeHtml(e.relation)}, ${escapeHtml(dateText(e))}</small>`)}`;
  },
  async source(r) {
    const cited = (kind, items, total) => list(items, (x) => `${link(kind, x)} <small>${x.spans.length} span${x.spans.length === 1 ? '' : 's'}</small>`) +
      more(items?.length, total, `${kind}s`);
    return `<dl>${fact('Published', escapeHtml([r.publisher, r.author].filter(Boolean).join(', ')))}${fact('Date', escapeHtml(dateText(r)))}` +
      `${fact('Text', r.text_loaded ? 'loaded' : 'not loaded')}</dl><p>${escapeHtml(r.summary)}</p><p class="about">${escapeHtml(r.note)}</p>` +
      `<h3>Events drawn from it</h3>${cited('event', r.events, r.events_total)}` +
      `<h3>Officials</h3>${cited('official', r.officials, r.officials_total)}` +
      `<h3>Agreements</h3>${cited('agreement', r.agreements, r.agreements_total)}`;
  },
};

// Renders the record kind/id into container and returns true; throws with the API's detail when
// it fails. Draws only if no later call for container began meanwhile (and then returns false,
// failed or not): a redraw for a pushed change, begun before the reader moved on or an edit was
// made, must not draw over the view after it.
const draws = new WeakMap();

// Makes every draw for container begun so far draw nothing (the caller draws something else).
export function cancelDraws(container) {
  draws.set(container, (draws.get(container) ?? 0) + 1);
}

export async function showRecord(kind, id, container, { focus = true } = {}) {
  cancelDraws(container);
  const mine = draws.get(container);
  let html, r;
  try {
    ({ body: r } = await getJson(`/v1/${kind}s/${encodeURIComponent(id)}`));
    const sources = kind === 'source' ? '' : `<h3>Sources</h3>${await sourcesHtml(r.sources)}`;
    html = `<p><a href="#/" class="back">← Back to the dashboard</a></p>` +
      `<p class="kind ${kind}">${kind}</p><h2 id="record-title" tabindex="-1">${escapeHtml(r.title ?? r.name)}</h2>` +
      `${await views[kind](r)}${sources}${await historyHtml(kind, id)}`;
  } catch (err) {
    if (draws.get(container) !== mine) return false;
    throw err;
  }
  if (draws.get(container) !== mine) return false;
  // Drawn again only when it changed (a change pushed from elsewhere must not take the
  // keyboard's focus away from a view that stays the same).
  if (container.dataset.drawn !== html || container.dataset.id !== id) {
    container.innerHTML = html;
    container.dataset.drawn = html;
  }
  container.dataset.kind = kind;
  container.dataset.id = id;
  bindHistory(container, () => showRecord(container.dataset.kind, container.dataset.id, container, { focus: false }));
  document.title = `${r.title ?? r.name} — jvdr`;
  if (focus) container.querySelector('#record-title').focus();
  return true;
}
