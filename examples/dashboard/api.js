// The dashboard's way to the jvdr API: JSON reads (following Link rel="next"), text reads, CSV
// links, and HTML escaping. The API may live on another origin: ?api=http://host:port (CORS must
// grant this page's origin).
export const api = new URLSearchParams(location.search).get('api') || location.origin;

export async function getJson(path) {
  const url = /^https?:/.test(path) ? path : api + path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    throw new Error(problem.detail || `HTTP ${res.status}`);
  }
  return { body: await res.json(), headers: res.headers };
}

// A document's text, or null when it is not loaded (404).
export async function getText(path) {
  const res = await fetch(api + path, { headers: { Accept: 'text/plain' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

// Follows the Link rel="next" headers to collect every page of a list.
export async function getAll(path) {
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

// Download links ask the API for CSV (it sends Content-Disposition: attachment, so the browser
// saves the file whatever origin it comes from); limit=all streams every matching record.
export function csvUrl(path, query) {
  const q = new URLSearchParams(query);
  q.set('format', 'csv');
  if (!q.has('limit')) q.set('limit', 'all');
  return `${api}${path}?${q}`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

// A date at the precision the documents give, with its qualifier: "late November 2021".
export function dateText(record) {
  if (!record.date) return 'undated';
  const [y, m, d] = record.date.split('-');
  const at = d ? `${Number(d)} ${months[m - 1]} ${y}` : m ? `${months[m - 1]} ${y}` : y;
  const end = record.end_date ? ` – ${dateText({ date: record.end_date })}` : '';
  return `${record.date_qualifier ? record.date_qualifier + ' ' : ''}${at}${end}`;
}

// The URL of a record's view in this page.
export const recordHref = (kind, id) => `#/${kind}s/${encodeURIComponent(id)}`;
