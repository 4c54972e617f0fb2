// The other representations the OpenAPI document lists beside JSON, checked on a running jvdr
// (JVDR_URL): for every GET offering text/csv, the CSV page is read by a real CSV parser and its
// header must be the item schema's fields in the document's order, and every cell must be what the
// JSON page holds in that place (after the documented mapping: arrays joined with ';', records as
// their id, null empty, formula-like text behind an apostrophe). For every GET offering
// application/x-ndjson, each line must validate against the item schema and the lines must be the
// JSON records, all of them, in order; CSV with limit=all must hold the same records.
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

if (failures.length) {
  console.error(`check-representations: ${failures.length} failure(s) in ${checks} checks`);
  for (const f of failures.slice(0, 40)) console.error('  ' + f);
  process.exit(1);
}
console.log(`check-representations: ${checks} CSV and NDJSON answers match the schemas and the JSON`);
