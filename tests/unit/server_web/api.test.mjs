// server/web/assets/api.js against a recorded fetch: the CSRF header on every request that
// changes something and on none that reads, problem+json bodies as errors, a 401 handed to
// the page, an unreachable server, query strings and path parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NETWORK_PROBLEM, createApi, pathOf, withQuery } from '../../../server/web/assets/api.js';

function response(status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, headers: { get: (name) => (name.toLowerCase() === 'content-type' ? type : null) }, text: async () => text };
}

function recorder(answer) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, ...init });
    return answer(url, init);
  };
  return { calls, fetchImpl };
}

test('the CSRF token goes with POST, PUT and DELETE, never with GET', async () => {
  const { calls, fetchImpl } = recorder(() => response(200, {}));
  const api = createApi({ fetchImpl });
  await api.post('/v1/session', { userId: 'a', password: 'b' });
  assert.equal(calls[0].headers['X-CSRF-Token'], undefined, 'no token before a session');
  api.setCsrfToken('tok-1');
  await api.get('/v1/users');
  await api.post('/v1/users', { userId: 'x' });
  await api.put('/v1/users/x/pin', { pin: '482913' });
  await api.del('/v1/session');
  assert.deepEqual(calls.map((c) => [c.method, c.headers['X-CSRF-Token']]), [
    ['POST', undefined], ['GET', undefined], ['POST', 'tok-1'], ['PUT', 'tok-1'], ['DELETE', 'tok-1'],
  ]);
  assert.equal(calls[2].headers['Content-Type'], 'application/json');
  assert.equal(calls[2].body, '{"userId":"x"}');
  assert.equal(calls[1].body, undefined);
  assert.equal(calls[1].headers['Content-Type'], undefined);
  assert.ok(calls.every((c) => c.credentials === 'same-origin'));
});

test('a problem body becomes an ApiError with its fields', async () => {
  const problem = { type: 'urn:minegate:problem:invalid', title: 'valeur refusée / value refused', status: 400, field: 'userId', detail: 'trop court / too short' };
  const api = createApi({ fetchImpl: async () => response(400, problem, 'application/problem+json') });
  await assert.rejects(api.post('/v1/users', {}), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.type, problem.type);
    assert.equal(error.title, problem.title);
    assert.equal(error.status, 400);
    assert.equal(error.field, 'userId');
    assert.equal(error.detail, problem.detail);
    return true;
  });
});

test('a lock carries its retry time; int64 as a string', async () => {
  const api = createApi({ fetchImpl: async () => response(429, { type: 't', title: 'verrouillé / locked', status: 429, retryAfterMs: '1796083200000' }, 'application/problem+json') });
  await assert.rejects(api.post('/v1/session', {}), (error) => error.retryAfterMs === 1796083200000);
});

test('a 401 is handed to the page before the caller sees it', async () => {
  const seen = [];
  const api = createApi({ fetchImpl: async () => response(401, { type: 'u', title: 'non connecté / not signed in', status: 401 }, 'application/problem+json'), onUnauthorized: (e) => seen.push(e.status) });
  await assert.rejects(api.get('/v1/devices'), (error) => error.status === 401);
  assert.deepEqual(seen, [401]);
});

test('the net layer\'s plain-text refusals and an unreachable server are errors too', async () => {
  const plain = createApi({ fetchImpl: async () => response(413, 'corps trop grand / body too large\n', 'text/plain; charset=utf-8') });
  await assert.rejects(plain.post('/v1/users', {}), (error) => error.status === 413 && error.title === 'corps trop grand / body too large');
  const down = createApi({ fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(down.get('/v1/users'), (error) => error.type === NETWORK_PROBLEM && error.status === 0 && error.title.includes(' / '));
});

test('an empty success body is an empty object', async () => {
  const api = createApi({ fetchImpl: async () => response(204, '') });
  assert.deepEqual(await api.del('/v1/session'), {});
});

test('query strings skip empty values; path parameters are encoded', () => {
  assert.equal(withQuery('/v1/users', {}), '/v1/users');
  assert.equal(withQuery('/v1/users', { cursor: '' , limit: 100 }), '/v1/users?limit=100');
  assert.equal(withQuery('/v1/audit/entries', { action: 'GET /v1/devices', toMs: undefined, actorId: null }), '/v1/audit/entries?action=GET+%2Fv1%2Fdevices');
  assert.equal(pathOf('/v1/users/{id}/pin', { id: 'a/b c' }), '/v1/users/a%2Fb%20c/pin');
  assert.equal(pathOf('/v1/sites/{id}/gates', { id: '7' }), '/v1/sites/7/gates');
});

test('a reason goes percent-encoded in Minegate-Reason, only when given', async () => {
  const { calls, fetchImpl } = recorder(() => response(200, { caseId: '3' }));
  const api = createApi({ fetchImpl });
  await api.get('/v1/protection/cases/3', undefined, { reason: "Suivi de l'orientation, 2e appel" });
  await api.get('/v1/protection/queue');
  assert.equal(calls[0].headers['Minegate-Reason'], 'Suivi%20de%20l\'orientation%2C%202e%20appel');
  assert.equal(decodeURIComponent(calls[0].headers['Minegate-Reason']), "Suivi de l'orientation, 2e appel");
  assert.equal(calls[0].url, '/v1/protection/cases/3');
  assert.equal(calls[1].headers['Minegate-Reason'], undefined);
});

test('a case reference goes percent-encoded in Minegate-Case-Reference, beside the reason, only when given', async () => {
  const { calls, fetchImpl } = recorder(() => response(200, { persons: [] }));
  const api = createApi({ fetchImpl });
  await api.get('/v1/police/persons', { name: 'ndeye diop' },
    { reason: "Contrôle d'identité au poste de Moussala", caseReference: 'PV-2026/0042 é' });
  await api.get('/v1/protection/cases/3', undefined, { reason: 'Suivi du dossier' });
  assert.equal(calls[0].url, '/v1/police/persons?name=ndeye+diop');
  assert.equal(calls[0].headers['Minegate-Case-Reference'], 'PV-2026%2F0042%20%C3%A9');
  assert.equal(decodeURIComponent(calls[0].headers['Minegate-Reason']), "Contrôle d'identité au poste de Moussala");
  assert.equal(calls[1].headers['Minegate-Case-Reference'], undefined);
  assert.equal(calls[1].headers['Minegate-Reason'], 'Suivi%20du%20dossier');
  // Header values are ASCII once encoded: fetch refuses anything else.
  assert.match(calls[0].headers['Minegate-Case-Reference'], /^[\x20-\x7e]+$/);
});

test('a problem\'s list of errors is kept (an invalid rule set\'s, each at its line)', async () => {
  const problem = { type: 'urn:minegate:problem:invalid_rule_set', title: 'x', status: 400, field: 'text',
    errors: [{ line: 67, column: 3, fr: 'a', en: 'b' }] };
  const { fetchImpl } = recorder(() => response(400, problem, 'application/problem+json'));
  const api = createApi({ fetchImpl });
  await assert.rejects(api.post('/v1/risk/rule-sets', { text: 'x' }), (error) => {
    assert.deepEqual(error.errors, problem.errors);
    return true;
  });
  assert.deepEqual(new ApiError({ status: 500 }).errors, []);
});

test('a file asked with its reason and case reference comes back as a blob with its name', async () => {
  const { calls, fetchImpl } = recorder(() => ({
    ok: true, status: 200,
    headers: { get: (name) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="personnes.csv"' })[name.toLowerCase()] ?? null },
    blob: async () => 'the bytes',
  }));
  const api = createApi({ fetchImpl });
  const got = await api.file('/v1/police/persons.csv', { name: 'diop', lang: 'en' }, { reason: 'Contrôle', caseReference: 'PV/1' });
  assert.deepEqual(got, { blob: 'the bytes', filename: 'personnes.csv' });
  assert.equal(calls[0].url, '/v1/police/persons.csv?name=diop&lang=en');
  assert.equal(calls[0].headers['Minegate-Reason'], 'Contr%C3%B4le');
  assert.equal(calls[0].headers['Minegate-Case-Reference'], 'PV%2F1');
  assert.match(calls[0].headers.Accept, /text\/csv/);
});
