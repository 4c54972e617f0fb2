// The other representations the OpenAPI document lists beside JSON, checked on a running jvdr
// (JVDR_URL): for every GET offering text/csv, the CSV page is read by a real CSV parser and its
// header must be the item schema's fields in the document's order, and every cell must be what the
// JSON page holds in that place (after the documented mapping: arrays joined with ';', records as
// their id, null empty, formula-like text behind an apostrophe). For every GET offering
// application/x-ndjson, each line must validate against the item schema and the lines must be the
// JSON records, all of them, in order; CSV with limit=all must hold the same records. For every GET
// offering text/event-stream, the events from the first cursor must be the list's items.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';

const base = process.env.JVDR_URL;
if (!base) {
  console.error('check-representations: set JVDR_URL to a running jvdr');
  process.exit(2);
}
const failures = [];
let checks = 0;
const fail = (what, detail) => failures.push(`${what}: ${detail}`);

const doc = await (await fetch(`${base}/openapi.json`)).json();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'oas', components: doc.components });
const resolve = (o) => (o && o.$ref ? o.$ref.split('/').slice(1).reduce((x, k) => x[k], doc) : o);

async function get(path, headers = {}) {
  const res = await fetch(base + path, { headers });
  return { status: res.status, type: res.headers.get('content-type') || '', headers: res.headers, text: await res.text() };
}

// The cell the documented mapping makes of a JSON value.
function cellOf(value, nested = false) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => (nested && Array.isArray(v) ? JSON.stringify(v) : cellOf(v, true))).join(';');
  if (typeof value === 'object') return typeof value.id === 'string' ? value.id : JSON.stringify(value);
  return String(value);
}
const inert = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const sameCell = (cell, value) =>
  typeof value === 'number' ? Number(cell) === value : cell === inert(cellOf(value));

// The query a list is checked with: its required parameters at their examples.
function query(op, extra) {
  const q = new URLSearchParams();
  for (const p of (op.parameters || []).map(resolve)) if (p.required && p.in === 'query') q.set(p.name, p.example);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

function checkCsv(path, text, columns, items) {
  checks++;
  let rows;
  try {
    rows = parse(text, { relax_column_count: false, bom: false });
  } catch (e) {
    fail(path, `not RFC 4180 CSV: ${e.message}`);
    return;
  }
  if (!text.endsWith('\r\n') || /[^\r]\n/.test(text.replace(/"[^"]*"/g, '')))
    fail(path, 'lines must end with CRLF');
  const [header, ...body] = rows;
  if (JSON.stringify(header) !== JSON.stringify(columns))
    fail(path, `header ${JSON.stringify(header)}, the schema's fields are ${JSON.stringify(columns)}`);
  if (body.length !== items.length) fail(path, `${body.length} rows, the JSON page has ${items.length} items`);
  body.forEach((row, r) =>
    columns.forEach((column, c) => {
      if (r < items.length && !sameCell(row[c], items[r][column]))
        fail(path, `row ${r + 1} ${column}: ${JSON.stringify(row[c])}, JSON has ${JSON.stringify(items[r][column])}`);
    }));
}

for (const [template, item] of Object.entries(doc.paths)) {
  const op = item.get;
  const content = op && op.responses['200'].content;
  if (!content || !content['text/csv'] || template.includes('{')) continue;
  const itemSchema = content['text/csv']['x-item-schema'];
  const columns = Object.keys(resolve(itemSchema).properties);
  const page = await get(`${template}?${query(op, {})}`);
  const items = JSON.parse(page.text).items;
  if (items.length === 0) fail(template, 'the list is empty, so its CSV went unchecked');

  for (const [how, path, headers] of [
    ['format', `${template}?${query(op, { format: 'csv' })}`, {}],
    ['Accept', `${template}?${query(op, {})}`, { Accept: 'text/csv' }],
  ]) {
    const csv = await get(path, headers);
    if (csv.status !== 200 || !csv.type.startsWith('text/csv; charset=utf-8')) {
      fail(`${path} (${how})`, `${csv.status} ${csv.type}`);
      continue;
    }
    if (!/^attachment; filename="[a-z]+\.csv"$/.test(csv.headers.get('content-disposition') || ''))
      fail(path, `Content-Disposition ${csv.headers.get('content-disposition')}`);
    if (csv.headers.get('x-total-count') !== page.headers.get('x-total-count'))
      fail(path, `X-Total-Count ${csv.headers.get('x-total-count')}, JSON says ${page.headers.get('x-total-count')}`);
    checkCsv(`${path} (${how})`, csv.text, columns, items);
  }

  if (!content['application/x-ndjson']) continue;
  // Exports: every record, compared with the JSON pages (all of them, 500 at a time).
  const all = [];
  for (let offset = 0; ; offset += 500) {
    const got = JSON.parse((await get(`${template}?${query(op, { limit: 500, offset })}`)).text);
    all.push(...got.items);
    if (got.items.length < 500) break;
  }
  const validate = ajv.compile({ $ref: 'oas' + itemSchema.$ref });
  const nd = await get(`${template}?${query(op, { format: 'ndjson' })}`);
  checks++;
  if (nd.status !== 200 || !nd.type.startsWith('application/x-ndjson')) {
    fail(`${template} ndjson`, `${nd.status} ${nd.type}`);
    continue;
  }
  if (!/^attachment; filename="[a-z]+\.ndjson"$/.test(nd.headers.get('content-disposition') || ''))
    fail(`${template} ndjson`, `Content-Disposition ${nd.headers.get('content-disposition')}`);
  const lines = nd.text.split('\n');
  if (lines.pop() !== '') fail(`${template} ndjson`, 'the last line must end with a newline');
  if (lines.length !== all.length) fail(`${template} ndjson`, `${lines.length} lines, the JSON pages hold ${all.length}`);
  if (Number(nd.headers.get('x-total-count')) !== all.length)
    fail(`${template} ndjson`, `X-Total-Count ${nd.headers.get('x-total-count')}, ${all.length} records`);
  lines.forEach((line, i) => {
    let record;
    try {
      record = JSON.parse(line);
    } catch (e) {
      fail(`${template} ndjson line ${i + 1}`, e.message);
      return;
    }
    if (!validate(record)) fail(`${template} ndjson line ${i + 1}`, JSON.stringify(validate.errors.slice(0, 3)));
    else if (JSON.stringify(record) !== JSON.stringify(all[i])) fail(`${template} ndjson line ${i + 1}`, 'differs from the JSON page');
  });
  const everything = await get(`${template}?${query(op, { format: 'csv', limit: 'all' })}`);
  if (everything.status !== 200) fail(`${template} csv limit=all`, `${everything.status}`);
  else checkCsv(`${template}?format=csv&limit=all`, everything.text, columns, all);
}

// Live streams: from cursor 0, the events must be the JSON list's items, in order, each valid
// against the documented event schema, with its cursor as the event's id.
for (const [template, item] of Object.entries(doc.paths)) {
  const content = item.get && item.get.responses['200'].content;
  if (!content || !content['text/event-stream']) continue;
  checks++;
  const items = JSON.parse((await get(`${template}?since=0&limit=1000`)).text).items;
  if (items.length === 0) fail(template, 'the list is empty, so its stream went unchecked');
  const validate = ajv.compile({ $ref: 'oas' + content['text/event-stream']['x-event-schema'].$ref });
  const abort = new AbortController();
  const res = await fetch(`${base}${template}?since=0`, { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200 || !(res.headers.get('content-type') || '').startsWith('text/event-stream')) {
    fail(`${template} stream`, `${res.status} ${res.headers.get('content-type')}`);
    abort.abort();
    continue;
  }
  const events = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => abort.abort(), 10000);
  try {
    while (events.length < items.length) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end).split('\n');
        text = text.slice(end + 2);
        const data = block.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        const id = block.find((l) => l.startsWith('id: '));
        if (data) events.push({ id: id && id.slice(4), data });
      }
    }
  } catch (e) {
    fail(`${template} stream`, `read ${events.length} of ${items.length} events before: ${e.message}`);
  }
  clearTimeout(timer);
  abort.abort();
  events.forEach((event, i) => {
    const change = JSON.parse(event.data);
    if (!validate(change)) fail(`${template} stream event ${i + 1}`, JSON.stringify(validate.errors.slice(0, 3)));
    else if (JSON.stringify(change) !== JSON.stringify(items[i])) fail(`${template} stream event ${i + 1}`, 'differs from the list');
    if (event.id !== String(change.cursor)) fail(`${template} stream event ${i + 1}`, `id ${event.id}, cursor ${change.cursor}`);
  });
  if (events.length !== items.length) fail(`${template} stream`, `${events.length} events, the list holds ${items.length}`);
}

if (failures.length) {
  console.error(`check-representations: ${failures.length} failure(s) in ${checks} checks`);
  for (const f of failures.slice(0, 40)) console.error('  ' + f);
  process.exit(1);
}
console.log(`check-representations: ${checks} CSV and NDJSON answers match the schemas and the JSON`);
