// A record's history in its view: its entries in /v1/changes (who changed what, when, and which
// change a revert undid), newest first. With the analyst's token in this tab, each entry offers to
// revert it (POST /v1/changes/{cursor}/revert); when the record has changed since, the API says so
// and the reader may revert anyway, with the record's current ETag as If-Match.
import { getAll, getJson, escapeHtml } from './api.js';
import { token, send, problemHtml } from './session.js';

const verbs = { create: 'created', replace: 'replaced', update: 'updated', delete: 'deleted' };

// Who wrote: for a sign-in through the identity provider, the person's name (their subject and
// issuer on hover); else the token's or the command's label.
function writerHtml(c) {
  const w = c.writer || {};
  if (w.method !== 'jwt') return escapeHtml(c.actor);
  return `<span class="writer" title="${escapeHtml(`${w.subject} at ${w.issuer}`)}">` +
    `${escapeHtml(w.name || w.username || w.subject)}</span>`;
}

// The history section's HTML for record kind/id.
export async function historyHtml(kind, id) {
  const { items } = await getAll(`/v1/changes?kind=${kind}&id=${encodeURIComponent(id)}&limit=1000`);
  const canRevert = Boolean(token());
  const rows = items.reverse().map((c) => {
    const what = c.reverts ? `${verbs[c.action]} (reverting change ${c.reverts})` :
      c.spans ? 'text replaced' : verbs[c.action];
    const button = canRevert
      ? ` <button type="button" class="revert" data-cursor="${c.cursor}">Revert</button>` : '';
    return `<li data-cursor="${c.cursor}"><span class="change">${escapeHtml(what)}</span> by ` +
      `${writerHtml(c)} <small><time datetime="${escapeHtml(c.at)}">${escapeHtml(c.at.replace('T', ' ').slice(0, 16))}</time> · change ${c.cursor}</small>${button}</li>`;
  });
  return `<h3>History</h3>${rows.length ? `<ol class="history" reversed>${rows.join('')}</ol>` :
    '<p>No changes since the data was loaded.</p>'}<div id="history-problem"></div>`;
}

const bound = new WeakSet();

// Handles the Revert buttons of the record shown in container (once per container); redraw
// draws the record again after a revert.
export function bindHistory(container, redraw) {
  if (bound.has(container)) return;
  bound.add(container);
  container.addEventListener('click', async (event) => {
    const button = event.target.closest('button.revert, button.revert-anyway');
    if (!button) return;
    const out = container.querySelector('#history-problem');
    const cursor = button.dataset.cursor;
    const { kind, id } = container.dataset;
    button.disabled = true;
    try {
      // Anyway: with the ETag of the record as it is now, which the API then accepts.
      const ifMatch = button.classList.contains('revert-anyway')
        ? (await getJson(`/v1/${kind}s/${encodeURIComponent(id)}`)).headers.get('ETag') : undefined;
      const { body: change } = await send('POST', `/v1/changes/${cursor}/revert`, undefined, { ifMatch });
      if (change.action === 'delete') {
        out.innerHTML = `<p role="status">Deleted: change ${cursor}, which created this ${escapeHtml(kind)}, is undone (change ${change.cursor}).</p>`;
        return;
      }
      out.innerHTML = '';
      await redraw();
    } catch (err) {
      const later = err.problem?.later_changes;
      out.innerHTML = problemHtml(err) + (later?.length
        ? `<p><button type="button" class="revert-anyway" data-cursor="${cursor}">Revert change ${cursor} anyway</button> (puts the record back as it was before it, undoing changes ${later.join(', ')} too)</p>`
        : '');
      button.disabled = false;
    }
  });
}
