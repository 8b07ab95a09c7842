// server/web/assets/audit_query.js: the auditors' filters between the page's address, the API's
// query and the CSV export. TZ=UTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_EXPORT, FILTERS, apiParams, exportHref, filtersFromSearch, searchOf } from '../../../server/web/assets/audit_query.js';

test('filters survive the page address both ways', () => {
  const filters = { user: 'awa', role: 'administrator', route: 'POST /v1/users', person: '', from: '01/12/2026', to: '07/12/2026', outcome: 'refused' };
  const search = searchOf(filters);
  assert.equal(search, '?user=awa&role=administrator&route=POST+%2Fv1%2Fusers&from=01%2F12%2F2026&to=07%2F12%2F2026&outcome=refused');
  assert.deepEqual(filtersFromSearch(search), filters);
  assert.deepEqual(Object.keys(filtersFromSearch('')), FILTERS);
  assert.equal(searchOf(filtersFromSearch('')), '');
});

test('the API gets the audit log\'s filter names, dates as a half-open range in ms', () => {
  const { params } = apiParams(filtersFromSearch('?user=awa&role=auditor&route=GET+%2Fv1%2Faudit%2Fentries&person=A1B2&from=01%2F12%2F2026&to=01%2F12%2F2026&outcome=ok'));
  assert.deepEqual(params, {
    actorId: 'awa',
    actorRole: 'auditor',
    action: 'GET /v1/audit/entries',
    personToken: 'a1b2',
    fromMs: Date.UTC(2026, 11, 1),
    toMs: Date.UTC(2026, 11, 2),
    outcome: 'ok',
  });
});

test('a filter that cannot be sent is named, nothing is sent', () => {
  assert.deepEqual(apiParams(filtersFromSearch('?from=32%2F01%2F2026')), { error: 'from' });
  assert.deepEqual(apiParams(filtersFromSearch('?to=tomorrow')), { error: 'to' });
  assert.deepEqual(apiParams(filtersFromSearch('?person=not-hex')), { error: 'person' });
});

test('the export names the same filters and the language of its headers', () => {
  const { params } = apiParams(filtersFromSearch('?user=awa&from=01%2F12%2F2026'));
  assert.equal(exportHref(params, 'fr'), `${AUDIT_EXPORT}?actorId=awa&fromMs=${Date.UTC(2026, 11, 1)}&lang=fr`);
  assert.equal(exportHref(apiParams({}).params, 'en'), `${AUDIT_EXPORT}?lang=en`);
  assert.equal(exportHref(apiParams({}).params, 'fr', true), `${AUDIT_EXPORT}?lang=fr&sep=semicolon`);
});

test('the route suggestions are the route table\'s, less what reads no data', async () => {
  const { ROUTES } = await import('../../../server/web/assets/audit_query.js');
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL('../../../server/api/route_table.cpp', import.meta.url), 'utf8');
  const table = [
    ...[...source.matchAll(/(?:Public|Device|Official|Self)\("(GET|POST|PUT|DELETE)", "([^"]+)"/g)].map(([, m, p]) => `${m} ${p}`),
    ...[...source.matchAll(/RouteRule\{"(GET|POST|PUT|DELETE)", "([^"]+)"/g)].map(([, m, p]) => `${m} ${p}`),
    ...[...source.matchAll(/Page\("([^"]+)"/g)].map(([, p]) => `GET ${p}`),
  ];
  assert.ok(table.length >= 30, `route table parsed (${table.length})`);
  const noData = ['GET /', 'GET /signin', 'GET /static/{version}/{path...}', 'GET /healthz', 'GET /metrics'];
  assert.deepEqual([...ROUTES].sort(), table.filter((r) => !noData.includes(r)).sort());
  assert.equal(new Set(ROUTES).size, ROUTES.length, 'no route twice');
});
