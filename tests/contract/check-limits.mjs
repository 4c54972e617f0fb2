// Every limit the OpenAPI document declares on what a request carries is the server's: a query
// parameter at its maxLength or maximum is accepted and one past it refused with 400 naming it;
// a body member at its maxLength or maxItems (nested ones too) is accepted and one past it refused
// with 422 and its JSON pointer. Run against a fresh jvdr (JVDR_URL) with a token (JVDR_TOKEN);
// it writes, so it runs apart from check-responses.mjs.
const base = process.env.JVDR_URL;
const token = process.env.JVDR_TOKEN;
if (!base || !token) {
  console.error('check-limits: set JVDR_URL and JVDR_TOKEN');
  process.exit(2);
}
const failures = [];
let checks = 0;
const fail = (what, detail) => failures.push(`${what}: ${detail}`);
const doc = await (await fetch(`${base}/openapi.json`)).json();
const resolve = (o) => (o && o.$ref ? o.$ref.split('/').slice(1).reduce((x, k) => x[k], doc) : o);

async function call(method, path, body, type = 'application/merge-patch+json') {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = type;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

// --- query parameters -------------------------------------------------------------------------
const sortKeys = (p) => (p.schema.pattern.match(/\(([a-z|]+)\)/) || [, ''])[1].split('|');
// The bounded branch of a schema that also takes a word (limit: a number or `all`).
const bounded = (s) => (s.oneOf ? s.oneOf.find((b) => b.type === 'integer') || s : s);
function queryValues(p) {
  const s = bounded(p.schema), n = s.maxLength;
  if (s.type === 'integer') return [BigInt(s.maximum).toString(), (BigInt(s.maximum) + 1n).toString()];
  if (p.name === 'sort') {
    const key = sortKeys(p).reduce((a, b) => (b.length > a.length ? b : a));
    const at = Array(8).fill(`-${key}`).join(',');
    if (at.length !== n) fail(`sort of ${p.in}`, `maxLength ${n} but 8 keys make ${at.length}`);
    return [at, `${at},`];
  }
  if (p.name === 'kind') { const at = Array(4).fill('agreement').join(','); return [at, `${at},`]; }
  if (s.pattern && s.pattern.startsWith('^[0-9]{4}')) return ['2020-01-01', '2020-01-011'];
  if (s.pattern === '^[A-Za-z]{2}$') return ['JP', 'JPN'];
  if (s.pattern && s.pattern.startsWith('^[A-Za-z]{2,16}')) return ['A'.repeat(n), 'A'.repeat(n + 1)];
  return ['a'.repeat(n), 'a'.repeat(n + 1)];
}
for (const [template, item] of Object.entries(doc.paths)) {
  const op = item.get;
  if (!op || template.includes('{')) continue;
  for (const p of (op.parameters || []).map(resolve)) {
    if (p.in !== 'query') continue;
    const limited = bounded(p.schema).maxLength !== undefined || bounded(p.schema).maximum !== undefined;
    if (!limited) continue;
    const [at, past] = queryValues(p);
    const q = (v) => {
      const u = new URLSearchParams();
      for (const r of (op.parameters || []).map(resolve)) if (r.required && r.name !== p.name) u.set(r.name, r.example);
      u.set(p.name, v);
      return `${template}?${u}`;
    };
    checks += 2;
    const ok = await call('GET', q(at));
    if (ok.status !== 200) fail(q(at).slice(0, 120), `at the limit: ${ok.status} ${ok.text.slice(0, 160)}`);
    const bad = await call('GET', q(past));
    if (bad.status !== 400 || !bad.json || bad.json.parameter !== p.name)
      fail(q(past).slice(0, 120), `past the limit: ${bad.status} ${bad.text.slice(0, 160)}`);
  }
}

// --- bodies -----------------------------------------------------------------------------------
// Records to point at: enough officials, agreements and sources for the longest arrays.
async function make(kind, n, body) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const r = await call('POST', `/v1/${kind}`, body(i), 'application/json');
    if (r.status !== 201) { fail(`POST /v1/${kind}`, `${r.status} ${r.text.slice(0, 160)}`); break; }
    ids.push(r.json.id);
  }
  return ids;
}
const officials = await make('officials', 101, (i) => ({ name: `Limit Official ${i}`, country: 'JP' }));
const agreements = await make('agreements', 101, (i) => ({ title: `Limit Agreement ${i}`, type: 'memorandum', status: 'signed' }));
const sources = await make('sources', 51, (i) => ({ title: `Limit Source ${i}` }));
const codes = ['AD', 'AE', 'AF', 'AG', 'AL', 'AM', 'AO', 'AR', 'AT', 'AU', 'AZ', 'BA', 'BB', 'BD', 'BE', 'BF',
  'BG', 'BH', 'BI', 'BJ', 'BN', 'BO', 'BR', 'BS', 'BT', 'BW', 'BY', 'BZ', 'CA', 'CD', 'CF', 'CG', 'CH', 'CI',
  'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE'];
const letters = (i) => String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
// One valid item of array `name` (item i), or an object item with its string member set.
const item = {
  countries: (i) => codes[i], topics: (i) => `limit-topic-${i}`, aliases: (i) => `Alias ${i}`,
  parties: (i) => `ORG${letters(i)}`, participants: (i) => ({ id: officials[i] }),
  signatories: (i) => ({ id: officials[i] }), agreements: (i) => ({ id: agreements[i], relation: 'discussed' }),
  sources: (i) => ({ id: sources[i], spans: [{ start: 0, end: 1 }] }), positions: (i) => ({ title: `Post ${i}` }),
  spans: (i) => ({ start: i, end: i + 1 }),
};
const records = { EventInput: ['events', 'admm-2020'], OfficialInput: ['officials', officials[0]],
  AgreementInput: ['agreements', agreements[0]], SourceInput: ['sources', sources[0]] };

async function expectLimit(kind, id, body, pointer, what) {
  checks += 2;
  const ok = await call('PATCH', `/v1/${kind}/${id}`, body.at);
  if (ok.status !== 200) fail(`${kind} ${what}`, `at the limit: ${ok.status} ${ok.text.slice(0, 200)}`);
  const bad = await call('PATCH', `/v1/${kind}/${id}`, body.past);
  const pointed = bad.json && (bad.json.errors || []).some((e) => e.pointer === pointer);
  if (bad.status !== 422 || !pointed) fail(`${kind} ${what}`, `past the limit: ${bad.status} ${bad.text.slice(0, 200)}`);
}

for (const [schemaName, [kind, id]] of Object.entries(records)) {
  const props = doc.components.schemas[schemaName].properties;
  for (const [name, raw] of Object.entries(props)) {
    const s = resolve(raw);
    if (s.readOnly || name === 'id') continue;
    const free = (x) => x.maxLength !== undefined && !x.pattern && !x.enum;
    if (free(s)) {
      await expectLimit(kind, id, { at: { [name]: 'a'.repeat(s.maxLength) }, past: { [name]: 'a'.repeat(s.maxLength + 1) } },
        `/${name}`, name);
    } else if (s.type === 'array' && s.maxItems !== undefined) {
      if (!item[name]) { fail(`${kind} ${name}`, 'no way to make items: add one to check-limits.mjs'); continue; }
      const many = (n) => Array.from({ length: n }, (_, i) => item[name](i));
      await expectLimit(kind, id, { at: { [name]: many(s.maxItems) }, past: { [name]: many(s.maxItems + 1) } },
        `/${name}`, `${name} (${s.maxItems} items)`);
      // Strings and arrays inside the items.
      const inner = resolve(s.items);
      for (const [member, m] of Object.entries((inner && inner.properties) || {})) {
        const ms = resolve(m);
        if (ms.readOnly || member === 'id') continue;
        const one = (v) => [{ ...item[name](0), [member]: v }];
        if (free(ms))
          await expectLimit(kind, id, { at: { [name]: one('a'.repeat(ms.maxLength)) }, past: { [name]: one('a'.repeat(ms.maxLength + 1)) } },
            `/${name}/0/${member}`, `${name}[].${member}`);
        else if (ms.type === 'array' && ms.maxItems !== undefined && item[member]) {
          const many2 = (n) => Array.from({ length: n }, (_, i) => item[member](i));
          await expectLimit(kind, id, { at: { [name]: one(many2(ms.maxItems)) }, past: { [name]: one(many2(ms.maxItems + 1)) } },
            `/${name}/0/${member}`, `${name}[].${member} (${ms.maxItems} items)`);
        } else if (ms.type === 'integer' && ms.maximum !== undefined) {
          // A span's end at the limit (its start just before): past it, refused.
          const at = { start: ms.maximum - 1, end: ms.maximum }, past = { start: ms.maximum, end: ms.maximum + 1 };
          if (member === 'spans') continue;
          await expectLimit(kind, id, { at: { [name]: one(at) }, past: { [name]: one(past) } }, `/${name}/0/${member}`, member);
        }
      }
    }
  }
  // A new record's id at its limit, and past it.
  const idLimit = props.id.maxLength;
  checks += 2;
  const base0 = { EventInput: { title: 'Id limit', type: 'meeting' }, OfficialInput: { name: 'Id limit', country: 'JP' },
    AgreementInput: { title: 'Id limit', type: 'memorandum', status: 'signed' }, SourceInput: { title: 'Id limit' } }[schemaName];
  const ok = await call('POST', `/v1/${kind}`, { ...base0, id: 'i'.repeat(idLimit) }, 'application/json');
  if (ok.status !== 201) fail(`${kind} id`, `at the limit: ${ok.status} ${ok.text.slice(0, 160)}`);
  const bad = await call('POST', `/v1/${kind}`, { ...base0, id: 'j'.repeat(idLimit + 1) }, 'application/json');
  if (bad.status !== 422 || !(bad.json.errors || []).some((e) => e.pointer === '/id'))
    fail(`${kind} id`, `past the limit: ${bad.status} ${bad.text.slice(0, 160)}`);
}
// Spans: the offsets' bounds.
const span = resolve(doc.components.schemas.Span);
for (const member of ['start', 'end']) {
  const max = span.properties[member].maximum;
  const at = member === 'end' ? { start: 0, end: max } : { start: max, end: max + 1 };
  const past = member === 'end' ? { start: 0, end: max + 1 } : { start: max + 1, end: max + 2 };
  await expectLimit('events', 'admm-2020', { at: { sources: [{ id: sources[0], spans: [at] }] }, past: { sources: [{ id: sources[0], spans: [past] }] } },
    `/sources/0/spans/0/${member}`, `spans[].${member}`);
}

if (failures.length) {
  console.error(`check-limits: ${failures.length} of ${checks} checks failed:`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`check-limits: ${checks} limits hold at and past their bounds`);
