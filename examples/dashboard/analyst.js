// The analyst's mode: add an article (#/analyst), then read it with what it names highlighted and
// the service's proposals beside it (#/analyst/sources/{id}); accept a proposal as it is, edit it
// in a form of every field its input schema has (the API's 422 errors shown at their fields), or
// dismiss it; select words in the text and cite them for any record, by quote. Everything goes
// through the public API with the token (session.js).
import { getJson, getText, escapeHtml, dateText, recordHref } from './api.js';
import { TOKEN_KEY, token, Problem, send, problemHtml } from './session.js';

let schemas = null; // the OpenAPI document's schemas, fetched once
async function inputSchema(kind) {
  schemas ??= (await getJson('/openapi.json')).body.components.schemas;
  return schemas[{ event: 'EventInput', official: 'OfficialInput', agreement: 'AgreementInput' }[kind]];
}

// ---- Sign-in and "Add an article" ----

function tokenHtml() {
  return token()
    ? `<p class="signed-in">Writing with the token kept in this tab. <button type="button" id="forget-token">Forget it</button></p>`
    : `<form id="token-form"><label>API token <input id="token" type="password" autocomplete="off" required></label>
       <button type="submit">Use it in this tab</button></form>`;
}

export async function showAnalyst(container) {
  document.title = 'jvdr: add an article';
  const sources = (await getJson('/v1/sources?limit=100')).body.items;
  container.innerHTML = `<p><a href="#/" class="back">← Back to the dashboard</a></p>
    <h2>Analyst</h2>${tokenHtml()}
    <form id="article-form" aria-labelledby="article-title">
      <h3 id="article-title">Add an article</h3>
      <label>Title <input name="title" required maxlength="300"></label>
      <label>Publisher <input name="publisher" maxlength="200"></label>
      <label>Date <input name="date" placeholder="YYYY[-MM[-DD]]" size="10"></label>
      <label>URL <input name="url" type="url" placeholder="https://…"></label>
      <label>Text <textarea name="text" rows="8" placeholder="Paste the article, or choose its file below"></textarea></label>
      <label>or a file <input name="file" type="file" accept="text/plain,.txt"></label>
      <button type="submit">Add the article</button>
      <div id="article-problem"></div>
    </form>
    <h3>Documents with their text</h3>
    <ul id="articles">${sources.filter((s) => s.text_loaded).map((s) =>
      `<li><a href="#/analyst/sources/${encodeURIComponent(s.id)}">${escapeHtml(s.title)}</a> <small>${escapeHtml(dateText(s))}</small></li>`).join('')}</ul>`;
  bindToken(container, () => showAnalyst(container));
  container.querySelector('#article-form').addEventListener('submit', (e) => addArticle(e, container));
}

function bindToken(container, again) {
  container.querySelector('#token-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, container.querySelector('#token').value.trim());
    again();
  });
  container.querySelector('#forget-token')?.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    again();
  });
}

async function addArticle(event, container) {
  event.preventDefault();
  const form = event.target;
  const out = container.querySelector('#article-problem');
  const field = (name) => form.elements[name].value.trim() || undefined;
  const file = form.elements.file.files[0];
  const text = file ? await file.text() : form.elements.text.value;
  try {
    if (!token()) throw new Problem({ detail: 'Enter the API token first.' }, 401);
    if (!text.trim()) throw new Problem({ detail: 'Paste the text or choose its file.' }, 400);
    const created = await send('POST', '/v1/sources', {
      title: field('title'), publisher: field('publisher'), date: field('date'), url: field('url'),
    });
    await send('PUT', `/v1/sources/${created.body.id}/text`, text, { type: 'text/plain; charset=utf-8' });
    location.hash = `#/analyst/sources/${encodeURIComponent(created.body.id)}`;
  } catch (err) {
    out.innerHTML = problemHtml(err);
  }
}

// ---- The article's view ----

// The text as runs of code points, each run a span with its first code point's offset and the
// classes of what covers it: a mention, the evidence of the focused proposal.
function textHtml(cps, mentions, evidence) {
  const flags = new Uint8Array(cps.length + 1);
  for (const m of mentions) for (let i = m.start; i < m.end && i < cps.length; i++) flags[i] |= 1;
  for (const e of evidence) for (let i = e.start; i < e.end && i < cps.length; i++) flags[i] |= 2;
  const parts = [];
  for (let i = 0; i < cps.length;) {
    let j = i;
    while (j < cps.length && flags[j] === flags[i]) j++;
    const cls = [flags[i] & 1 ? 'mention' : '', flags[i] & 2 ? 'evidence' : ''].filter(Boolean).join(' ');
    parts.push(`<span data-start="${i}"${cls ? ` class="${cls}"` : ''}>${escapeHtml(cps.slice(i, j).join(''))}</span>`);
    i = j;
  }
  return parts.join('');
}

function proposalSummary(p) {
  const r = p.record || p.patch || {};
  const action = p.action === 'create' ? `new ${p.kind}` : `cites ${p.kind}`;
  const facts = [r.type, r.status, r.date ? dateText(r) : null, r.location,
    (r.participants || []).map((x) => x.id).join(', ') || null].filter(Boolean).map(escapeHtml).join(' · ');
  // A cite names the record it adds to (a link to it); a create, the record it would make.
  const name = p.action === 'cite'
    ? `<a href="${recordHref(p.kind, p.id)}">${escapeHtml(p.id)}</a>`
    : `<strong>${escapeHtml(r.title || r.name)}</strong>`;
  return `<p><span class="badge ${p.action}">${escapeHtml(action)}</span> ${name}</p>
    <p class="facts">${facts}</p>`;
}

export async function showArticle(id, container) {
  const [{ body: source }, text] = await Promise.all([getJson(`/v1/sources/${id}`), getText(`/v1/sources/${id}/text`)]);
  document.title = `jvdr: ${source.title}`;
  const head = `<p><a href="#/analyst" class="back">← Articles</a></p><h2>${escapeHtml(source.title)}</h2>
    <p class="about">${[source.publisher, dateText(source)].filter(Boolean).map(escapeHtml).join(', ')}${source.url ? ` · <a href="${escapeHtml(source.url)}" rel="noopener noreferrer">original</a>` : ''}</p>
    ${tokenHtml()}`;
  if (text === null) {
    container.innerHTML = `${head}<p class="no-text">This document's text is not loaded.</p>`;
    bindToken(container, () => showArticle(id, container));
    return;
  }
  const [{ body: mentioned }, { body: proposed }] = await Promise.all([
    getJson(`/v1/sources/${id}/mentions?limit=500`), getJson(`/v1/sources/${id}/proposals`)]);
  const cps = Array.from(text); // spans count code points, as the API does
  container.innerHTML = `${head}<div class="article">
    <section class="article-text" aria-label="The article"><div id="article-text" tabindex="0">${textHtml(cps, mentioned.items, [])}</div>
      <div id="cite" hidden><p>Cite <q id="cite-words"></q> for:</p>
        <form id="cite-form" role="search"><input id="cite-search" type="search" placeholder="A record's name" aria-label="Record to cite for">
        <button type="submit">Find</button></form><ul id="cite-hits"></ul><div id="cite-result"></div></div></section>
    <section class="proposals" aria-label="Proposals"><h3>Proposals <small>(${proposed.items.length})</small></h3>
      <ol id="proposals">${proposed.items.map((p, i) => `<li class="proposal" tabindex="0" data-index="${i}" data-action="${p.action}" data-kind="${p.kind}">
        ${proposalSummary(p)}
        <p class="buttons"><button type="button" data-do="accept">Accept</button>
        ${p.action === 'create' ? '<button type="button" data-do="edit">Edit</button>' : ''}
        <button type="button" data-do="dismiss">Dismiss</button></p><div class="outcome"></div></li>`).join('')}</ol></section></div>`;
  bindToken(container, () => showArticle(id, container));
  const textBox = container.querySelector('#article-text');
  const focus = (p) => { textBox.innerHTML = textHtml(cps, mentioned.items, p ? p.evidence : []); };
  for (const li of container.querySelectorAll('.proposal')) {
    const p = proposed.items[Number(li.dataset.index)];
    li.addEventListener('focusin', () => focus(p));
    li.addEventListener('mouseenter', () => focus(p));
    li.addEventListener('click', (e) => act(e, p, li));
  }
  bindCite(container, id, cps);
}

async function act(event, p, li) {
  const what = event.target.dataset?.do;
  if (!what) return;
  const outcome = li.querySelector('.outcome');
  if (what === 'dismiss') {
    li.dataset.state = 'dismissed';
    li.hidden = true;
    return;
  }
  if (what === 'edit') {
    await editForm(p, li);
    return;
  }
  try {
    const done = p.action === 'create'
      ? await send('POST', `/v1/${p.kind}s`, p.record)
      : await send('PATCH', `/v1/${p.kind}s/${p.id}`, p.patch, { ifMatch: p.etag, type: 'application/merge-patch+json' });
    accepted(li, p.kind, done.body.id);
  } catch (err) {
    outcome.innerHTML = problemHtml(err);
    li.dataset.state = 'refused';
  }
}

function accepted(li, kind, id) {
  li.dataset.state = 'accepted';
  li.querySelector('.buttons').hidden = true;
  li.querySelector('.outcome').innerHTML = `<p class="done">Saved: <a href="${recordHref(kind, id)}">${escapeHtml(id)}</a></p>`;
}

// A form of every field the kind's input schema has, filled with the proposal's record.
async function editForm(p, li) {
  const schema = await inputSchema(p.kind);
  const fields = Object.entries(schema.properties).filter(([, s]) => !s.readOnly);
  const value = (name, s) => {
    const v = p.record[name];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v) && s.items?.type === 'string') return v.join(', ');
    return typeof v === 'object' ? JSON.stringify(v, null, 1) : String(v);
  };
  const input = ([name, s]) => {
    const types = [].concat(s.type || []);
    const id = `edit-${li.dataset.index}-${name}`;
    let control;
    if (s.enum) {
      control = `<select id="${id}" name="${name}">${types.includes('null') ? '<option value=""></option>' : ''}${s.enum.filter((x) => x !== null)
        .map((x) => `<option${p.record[name] === x ? ' selected' : ''}>${escapeHtml(x)}</option>`).join('')}</select>`;
    } else if (types.includes('boolean')) {
      control = `<input id="${id}" name="${name}" type="checkbox"${p.record[name] ? ' checked' : ''}>`;
    } else if (types.includes('array') && s.items?.type !== 'string' || types.includes('object')) {
      control = `<textarea id="${id}" name="${name}" rows="3" data-json="1">${escapeHtml(value(name, s))}</textarea>`;
    } else {
      control = `<input id="${id}" name="${name}" value="${escapeHtml(value(name, s))}"${types.includes('array') ? ' data-list="1"' : ''}>`;
    }
    return `<div class="field" data-field="${name}"><label for="${id}">${escapeHtml(name.replace(/_/g, ' '))}</label>${control}<span class="field-error"></span></div>`;
  };
  const outcome = li.querySelector('.outcome');
  outcome.innerHTML = `<form class="edit">${fields.map(input).join('')}<button type="submit">Save</button><div class="form-problem"></div></form>`;
  outcome.querySelector('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const record = {};
    for (const [name] of fields) {
      const el = e.target.elements[name];
      if (el.type === 'checkbox') record[name] = el.checked;
      else if (el.dataset.json) { if (el.value.trim()) record[name] = JSON.parse(el.value); }
      else if (el.dataset.list) record[name] = el.value.split(',').map((x) => x.trim()).filter(Boolean);
      else if (el.value.trim()) record[name] = el.value.trim();
      else if (p.record[name] !== undefined) record[name] = null;
    }
    for (const span of outcome.querySelectorAll('.field-error')) span.textContent = '';
    try {
      const done = await send('POST', `/v1/${p.kind}s`, record);
      accepted(li, p.kind, done.body.id);
    } catch (err) {
      outcome.querySelector('.form-problem').innerHTML = problemHtml(err);
      for (const fe of err.problem?.errors || []) {
        const at = outcome.querySelector(`[data-field="${CSS.escape(fe.pointer.split('/')[1] || '')}"] .field-error`);
        if (at) at.textContent = fe.detail;
      }
    }
  });
}

// ---- Citing a selected passage ----

function bindCite(container, sourceId, cps) {
  const textBox = container.querySelector('#article-text');
  const panel = container.querySelector('#cite');
  let quote = null;
  const selected = () => {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed || !textBox.contains(sel.anchorNode)) return;
    // The selection's code points: each run span says where it starts.
    const at = (node, offset) => {
      const span = node.nodeType === 1 ? node : node.parentElement;
      const start = Number(span.closest('[data-start]')?.dataset.start ?? 0);
      return start + Array.from((node.textContent || '').slice(0, offset)).length;
    };
    const range = sel.getRangeAt(0);
    const start = at(range.startContainer, range.startOffset), end = at(range.endContainer, range.endOffset);
    if (end <= start) return;
    const exact = cps.slice(start, end).join('');
    quote = { exact, prefix: cps.slice(Math.max(0, start - 32), start).join(''), suffix: cps.slice(end, end + 32).join('') };
    container.querySelector('#cite-words').textContent = exact;
    container.querySelector('#cite-result').innerHTML = '';
    panel.hidden = false;
  };
  textBox.addEventListener('mouseup', selected);
  textBox.addEventListener('keyup', selected);
  container.querySelector('#cite-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = container.querySelector('#cite-search').value.trim();
    if (!q) return;
    try {
      const { body } = await getJson(`/v1/search?q=${encodeURIComponent(q)}&limit=10`);
      container.querySelector('#cite-hits').innerHTML = body.items.filter((h) => h.kind !== 'source').map((h) =>
        `<li><button type="button" data-kind="${escapeHtml(h.kind)}" data-id="${escapeHtml(h.id)}">${escapeHtml(h.title)}</button> <small>${escapeHtml(h.kind)}</small></li>`).join('');
    } catch (err) {
      container.querySelector('#cite-result').innerHTML = problemHtml(err);
    }
  });
  container.querySelector('#cite-hits').addEventListener('click', async (e) => {
    const { kind, id } = e.target.dataset;
    if (!kind || !quote) return;
    const out = container.querySelector('#cite-result');
    try {
      // The record's whole sources array (a merge patch replaces arrays), with the quote added.
      const current = await send('GET', `/v1/${kind}s/${id}`);
      const sources = (current.body.sources || []).map((s) => ({ id: s.id, spans: s.spans.map(({ start, end }) => ({ start, end })) }));
      const mine = sources.find((s) => s.id === sourceId);
      if (mine) mine.spans.push(quote);
      else sources.push({ id: sourceId, spans: [quote] });
      await send('PATCH', `/v1/${kind}s/${id}`, { sources }, { ifMatch: current.headers.get('ETag'), type: 'application/merge-patch+json' });
      out.innerHTML = `<p class="done">Cited for <a href="${recordHref(kind, id)}">${escapeHtml(id)}</a>.</p>`;
    } catch (err) {
      out.innerHTML = problemHtml(err);
    }
  });
}
