// Writing through the API from this page: the analyst's token, kept in this tab's sessionStorage
// only (never in a URL, a log or the page's HTML), writes with it, and the problems the API
// answers (RFC 9457) shown as they are, never swallowed.
import { api, escapeHtml } from './api.js';

export const TOKEN_KEY = 'jvdr-token';
export const token = () => sessionStorage.getItem(TOKEN_KEY);

// A problem document the API answered, as an error.
export class Problem extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

// A write (or a read that needs the ETag), with the token.
export async function send(method, path, body, { ifMatch, type = 'application/json' } = {}) {
  const headers = { Authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['Content-Type'] = type;
  if (ifMatch) headers['If-Match'] = ifMatch;
  const res = await fetch(api + path, {
    method, headers, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = /json/.test(res.headers.get('Content-Type') || '') && text ? JSON.parse(text) : null;
  if (!res.ok) throw new Problem(json || { detail: `HTTP ${res.status}: ${text.slice(0, 200)}` }, res.status);
  return { status: res.status, body: json, headers: res.headers };
}

// The problem as HTML: its detail, and each field error with its pointer.
export function problemHtml(err) {
  const errors = (err.problem?.errors || []).map((e) => `<li><code>${escapeHtml(e.pointer)}</code> ${escapeHtml(e.detail)}</li>`);
  return `<p class="error" role="alert">${escapeHtml(err.message)}</p>${errors.length ? `<ul class="error">${errors.join('')}</ul>` : ''}`;
}
