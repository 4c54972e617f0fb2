// Calls every GET the OpenAPI document describes on a running jvdr (JVDR_URL) and validates each
// body against the documented schema: every list, every record's detail, each documented query
// parameter with its example value, and the problem documents for a bad parameter and an unknown id.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const base = process.env.JVDR_URL;
if (!base) {
  console.error('check-responses: set JVDR_URL to a running jvdr, e.g. http://127.0.0.1:8080');
  process.exit(2);
}

const failures = [];
let checks = 0;
const fail = (what, detail) => failures.push(`${what}: ${detail}`);

async function getJson(path, expectStatus, expectType) {
  const res = await fetch(base + path);
  const type = res.headers.get('content-type') || '';
  const text = await res.text();
  if (res.status !== expectStatus) {
    fail(path, `status ${res.status}, expected ${expectStatus}: ${text.slice(0, 200)}`);
    return null;
  }
  if (!type.startsWith(expectType)) fail(path, `content type ${type}, expected ${expectType}`);
  try {
    return { body: JSON.parse(text), headers: res.headers };
  } catch (e) {
    fail(path, `body is not JSON: ${e.message}`);
    return null;
  }
}

const doc = (await getJson('/openapi.json', 200, 'application/json')).body;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'oas', components: doc.components });

function validate(path, body, schema) {
  checks++;
  const v = ajv.compile(schema.$ref ? { $ref: 'oas' + schema.$ref } : schema);
  if (!v(body)) fail(path, JSON.stringify(v.errors.slice(0, 3)));
}

const resolve = (obj) => (obj && obj.$ref ? obj.$ref.split('/').slice(1).reduce((o, k) => o[k], doc) : obj);
const problemSchema = { $ref: '#/components/schemas/Problem' };

for (const [template, item] of Object.entries(doc.paths)) {
  const op = item.get;
  if (!op) continue;
  const json = op.responses['200'].content['application/json'];
  if (!json && template.includes('{id}')) {
    // A document's text: text/plain for every document that has one, 404 problems otherwise.
    const [collection, rest] = template.split('/{id}');
    for (const item of (await getJson(`${collection}?limit=500`, 200, 'application/json')).body.items) {
      const res = await fetch(`${base}${collection}/${item.id}${rest}`);
      checks++;
      const want = item.text_loaded ? [200, 'text/plain; charset=utf-8'] : [404, 'application/problem+json'];
      if (res.status !== want[0] || !(res.headers.get('content-type') || '').startsWith(want[1]))
        fail(`${collection}/${item.id}${rest}`, `${res.status} ${res.headers.get('content-type')}, expected ${want.join(' ')}`);
      await res.text();
    }
    continue;
  }
  if (!json) {
    // Metrics: text, checked for being there.
    const res = await fetch(base + template);
    checks++;
    if (res.status !== 200) fail(template, `status ${res.status}`);
    await res.text();
    continue;
  }
  const schema = json.schema;
  if (!template.includes('{id}')) {
    const parameters = (op.parameters || []).map(resolve);
    // Required parameters always carry their examples; each optional one is tried on its own.
    const required = parameters.filter((p) => p.required && p.in === 'query');
    const url = (extra) => {
      const q = new URLSearchParams();
      for (const p of required) q.set(p.name, p.example);
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      const text = q.toString();
      return text ? `${template}?${text}` : template;
    };
    const got = await getJson(url({}), 200, 'application/json');
    if (got) validate(url({}), got.body, schema);
    for (const p of parameters) {
      // format= picks another representation: check-representations.mjs checks those.
      if (p.in !== 'query' || p.required || p.example === undefined || p.name === 'format') continue;
      const path = url({ [p.name]: p.example });
      const one = await getJson(path, 200, 'application/json');
      if (one) validate(path, one.body, schema);
    }
    if (parameters.length) {
      const bad = await getJson(url({ limit: 'oops' }), 400, 'application/problem+json');
      if (bad) {
        validate(url({ limit: 'oops' }), bad.body, problemSchema);
        const expected = parameters.some((p) => p.name === 'limit') ? 'limit' : undefined;
        if (bad.body.parameter !== (expected || 'limit')) fail(template, `the 400 names ${bad.body.parameter}, not limit`);
      }
    }
    continue;
  }
  // A detail path (or a record's sub-resource, /{id}/mentions): fetch it for every id its
  // collection lists and validate each answer. A sub-resource of a document's text is 404 while
  // the text is not loaded: then the 404 must be a problem.
  const [collection, rest] = template.split('/{id}');
  const list = await getJson(`${collection}?limit=500`, 200, 'application/json');
  if (!list) continue;
  if (list.body.items.length === 0) fail(collection, 'the collection is empty, so its detail schema went unchecked');
  let answered = 0;
  for (const item of list.body.items) {
    const path = `${collection}/${item.id}${rest}`;
    const textless = rest && item.text_loaded === false;
    const got = await getJson(path, textless ? 404 : 200, textless ? 'application/problem+json' : 'application/json');
    if (got) validate(path, got.body, textless ? problemSchema : schema);
    answered += !textless;
  }
  if (rest && answered === 0) console.log(`check-responses: ${template}: no document has text yet (checked after the import)`);
  const missing = await getJson(`${collection}/no-such-record${rest}`, 404, 'application/problem+json');
  if (missing) validate(`${collection}/no-such-record${rest}`, missing.body, problemSchema);
}

// Proposals: every record proposed for creation is a valid body for POST on its collection, and
// every cite's patch a valid merge patch (the list itself was checked above with its schema).
const inputs = { event: 'EventInput', official: 'OfficialInput', agreement: 'AgreementInput' };
const patches = { event: 'EventPatch', official: 'OfficialPatch', agreement: 'AgreementPatch' };
const withText = await getJson('/v1/sources?limit=500', 200, 'application/json');
let proposalsChecked = 0;
for (const source of withText ? withText.body.items.filter((s) => s.text_loaded) : []) {
  const got = await getJson(`/v1/sources/${source.id}/proposals`, 200, 'application/json');
  for (const [i, p] of (got ? got.body.items : []).entries()) {
    const where = `/v1/sources/${source.id}/proposals item ${i}`;
    if (p.action === 'create') validate(`${where} record`, p.record, { $ref: `#/components/schemas/${inputs[p.kind]}` });
    else validate(`${where} patch`, p.patch, { $ref: `#/components/schemas/${patches[p.kind]}` });
    proposalsChecked++;
  }
}
if (withText && withText.body.items.some((s) => s.text_loaded) && proposalsChecked === 0)
  fail('/v1/sources/{id}/proposals', 'no document with text proposed anything, so no record was checked');

// Writes, when a token is given: each documented POST example is created, patched, read back and
// deleted, and every answer is checked against the documented schema.
const token = process.env.JVDR_TOKEN;
async function send(method, path, body, type = 'application/json', extra = {}) {
  const res = await fetch(/^https?:/.test(path) ? path : base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': type, ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
if (token) {
  for (const [template, item] of Object.entries(doc.paths)) {
    const post = item.post;
    if (!post || !post.requestBody) continue; // the revert: checked below, on a deleted record
    const media = post.requestBody.content['application/json'];
    const created = await send('POST', template, media.example);
    checks++;
    if (created.status !== 201) {
      fail(`POST ${template}`, `status ${created.status}: ${JSON.stringify(created.body)}`);
      continue;
    }
    validate(`POST ${template}`, created.body, post.responses['201'].content['application/json'].schema);
    const location = created.headers.get('location');
    const record = doc.paths[`${template}/{id}`];
    const patched = await send('PATCH', location, { summary: 'Patched by the contract test.' },
      'application/merge-patch+json', { 'If-Match': created.headers.get('etag') });
    if (patched.status !== 200) fail(`PATCH ${location}`, `status ${patched.status}`);
    else validate(`PATCH ${location}`, patched.body, record.patch.responses['200'].content['application/json'].schema);
    const replaced = await send('PUT', location, patched.body);
    if (replaced.status !== 200) fail(`PUT ${location}`, `status ${replaced.status}: ${JSON.stringify(replaced.body)}`);
    else validate(`PUT ${location}`, replaced.body, record.put.responses['200'].content['application/json'].schema);
    const invalid = await send('POST', template, { colour: 'red' });
    if (invalid.status !== 422) fail(`POST ${template} (invalid)`, `status ${invalid.status}`);
    else validate(`POST ${template} (invalid)`, invalid.body, problemSchema);
    const removed = await send('DELETE', location);
    checks++;
    if (removed.status !== 204) fail(`DELETE ${location}`, `status ${removed.status}`);
    // Undo the delete: the answer is the change the revert recorded, naming the delete.
    const path = new URL(location).pathname;
    const changes = await getJson(`/v1/changes?id=${path.split('/').pop()}&limit=1000`, 200, 'application/json');
    const deleted = changes.body.items.at(-1);
    const reverted = await send('POST', `/v1/changes/${deleted.cursor}/revert`);
    checks++;
    const revertOp = doc.paths['/v1/changes/{cursor}/revert'].post;
    if (reverted.status !== 200 || reverted.body.reverts !== deleted.cursor)
      fail(`revert of ${deleted.cursor}`, `status ${reverted.status}: ${JSON.stringify(reverted.body)}`);
    else validate(`revert of ${deleted.cursor}`, reverted.body, revertOp.responses['200'].content['application/json'].schema);
    const again = await send('POST', `/v1/changes/${deleted.cursor}/revert`);
    if (again.status !== 409) fail(`revert of ${deleted.cursor} twice`, `status ${again.status}`);
    else validate(`revert of ${deleted.cursor} twice`, again.body, problemSchema);
    const gone = await send('DELETE', location);
    if (gone.status !== 204) fail(`DELETE ${location} after its revert`, `status ${gone.status}`);
  }
  // A document's text, loaded into a new source by its documented example, read back as sent.
  const textOp = doc.paths['/v1/sources/{id}/text'].put;
  const example = textOp.requestBody.content['text/plain'].example;
  const source = await send('POST', '/v1/sources', doc.paths['/v1/sources'].post.requestBody.content['application/json'].example);
  const textUrl = `${source.headers.get('location')}/text`;
  const put = await fetch(textUrl, { method: 'PUT', body: example,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain; charset=utf-8' } });
  checks++;
  if (put.status !== 201 || !put.headers.get('etag') || !put.headers.get('location'))
    fail(`PUT ${textUrl}`, `status ${put.status}, ETag ${put.headers.get('etag')}, Location ${put.headers.get('location')}`);
  const back = await fetch(textUrl);
  if ((await back.text()) !== example || back.headers.get('etag') !== put.headers.get('etag'))
    fail(`GET ${textUrl}`, 'not the text just stored, or another ETag');
  const mentioned = await getJson(`${new URL(textUrl).pathname.replace('/text', '/mentions')}`, 200, 'application/json');
  if (mentioned) validate(`${textUrl} mentions`, mentioned.body, { $ref: '#/components/schemas/MentionList' });
  // A correction that loses cited words: refused with its orphans, then stored leniently; the
  // record with its orphan, the change with what it did to the spans, all as documented.
  const citing = { ...doc.paths['/v1/events'].post.requestBody.content['application/json'].example,
    id: 'contract-cites-the-text', agreements: [], participants: [],
    sources: [{ id: source.body.id, spans: [{ exact: 'A document we wrote' }, { exact: 'Japan and Viet Nam met' }] }] };
  const cited = await send('POST', '/v1/events', citing);
  checks++;
  if (cited.status !== 201) fail('POST /v1/events (citing by quote)', `status ${cited.status}: ${JSON.stringify(cited.body)}`);
  const corrected = 'Corrected. Japan and Viet Nam met in Hanoi.';
  const textPut = (extra) => fetch(textUrl, { method: 'PUT', body: corrected, headers: { Authorization: `Bearer ${token}`,
    'Content-Type': 'text/plain; charset=utf-8', ...extra } });
  const refused = await textPut({});
  checks++;
  const problem = refused.status === 409 ? await refused.json() : null;
  if (!problem || problem.orphans?.length !== 1) fail(`PUT ${textUrl} (losing words)`, `status ${refused.status}, ${JSON.stringify(problem)}`);
  else validate(`PUT ${textUrl} (losing words)`, problem, problemSchema);
  const lenient = await textPut({ Prefer: 'handling=lenient' });
  checks++;
  if (lenient.status !== 204 || lenient.headers.get('preference-applied') !== 'handling=lenient')
    fail(`PUT ${textUrl} (lenient)`, `status ${lenient.status}, Preference-Applied ${lenient.headers.get('preference-applied')}`);
  const orphaned = await getJson('/v1/events/contract-cites-the-text', 200, 'application/json');
  if (orphaned) {
    validate('/v1/events/contract-cites-the-text (an orphan)', orphaned.body, doc.paths['/v1/events/{id}'].get.responses['200'].content['application/json'].schema);
    if (orphaned.body.sources[0].orphans?.length !== 1) fail('/v1/events/contract-cites-the-text', 'the orphan is not shown');
  }
  const carried = await getJson(`/v1/changes?kind=source&id=${source.body.id}`, 200, 'application/json');
  if (carried) {
    validate('/v1/changes (a text carrying spans)', carried.body, doc.paths['/v1/changes'].get.responses['200'].content['application/json'].schema);
    if (!carried.body.items.some((c) => c.spans?.orphaned?.length === 1 && c.spans?.moved?.length === 1))
      fail('/v1/changes', 'the text\'s change does not list the moved and the orphaned span');
  }
  await send('DELETE', '/v1/events/contract-cites-the-text');
  await send('DELETE', source.headers.get('location'));
  // Bulk loads: every collection's documented example as two lines (the second without its id),
  // then again with Prefer and with a line that fails; each answer as documented.
  for (const [template, item] of Object.entries(doc.paths)) {
    const nd = item.post?.requestBody?.content['application/x-ndjson'];
    if (!nd) continue;
    const example = { ...item.post.requestBody.content['application/json'].example, id: `contract-bulk-${template.slice(4, 8)}` };
    if (template === '/v1/sources') delete example.file_name;
    const bulk = (lines, extra = {}) => fetch(base + template, { method: 'POST', body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson', ...extra } });
    const result = nd['x-item-schema'] && item.post.responses['200'].content['application/json'].schema;
    const first = await bulk([example]);
    checks++;
    if (first.status !== 200) fail(`POST ${template} (bulk)`, `status ${first.status}: ${await first.text()}`);
    else validate(`POST ${template} (bulk)`, await first.json(), result);
    const again = await bulk([example], { Prefer: 'resolution=merge-duplicates' });
    if (again.status !== 200) fail(`POST ${template} (bulk, merge)`, `status ${again.status}`);
    else {
      const body = await again.json();
      validate(`POST ${template} (bulk, merge)`, body, result);
      if (body.unchanged !== 1) fail(`POST ${template} (bulk, merge)`, JSON.stringify(body));
    }
    const refusedLoad = await bulk([example, { colour: 'red' }]);
    checks++;
    const why = refusedLoad.status === 422 ? await refusedLoad.json() : null;
    if (!why || why.errors?.[0]?.line === undefined) fail(`POST ${template} (bulk, a bad line)`, `status ${refusedLoad.status} ${JSON.stringify(why)}`);
    else validate(`POST ${template} (bulk, a bad line)`, why, problemSchema);
    await send('DELETE', `${template}/${example.id}`);
  }
  const changes = await getJson('/v1/changes?since=0', 200, 'application/json');
  if (changes) validate('/v1/changes', changes.body, doc.paths['/v1/changes'].get.responses['200'].content['application/json'].schema);
}

if (failures.length) {
  console.error(`check-responses: ${failures.length} failure(s) in ${checks} checks`);
  for (const f of failures) console.error('  ' + f);
  process.exit(1);
}
console.log(`check-responses: ${checks} responses match the OpenAPI schemas`);
