// The page's i18n module (kiosk/ui/static/i18n.js) with the real catalogues: what the
// screens call (t, tCount, tOr) after the catalogues load. The browser's fetch and
// document are the only stand-ins: fetch reads the files the kiosk embeds and serves.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const staticDir = new URL('../../../kiosk/ui/static/', import.meta.url);
const requested = [];
globalThis.fetch = async (url) => {
  requested.push(url);
  const text = readFileSync(new URL(`.${url}`, staticDir), 'utf8');
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
globalThis.document = { documentElement: { lang: '' } };

const i18n = await import('../../../kiosk/ui/static/i18n.js');

before(async () => {
  await i18n.loadCatalogues();
});

test('the catalogues come from /i18n/fr.json and /i18n/en.json', () => {
  assert.deepEqual([...requested].sort(), ['/i18n/en.json', '/i18n/fr.json']);
});

test('French by default and for any language the daemon does not name English', () => {
  i18n.setLanguage('LANGUAGE_FRENCH');
  assert.equal(i18n.language(), 'fr');
  assert.equal(document.documentElement.lang, 'fr');
  assert.equal(i18n.t('sync.never'), 'jamais');
  i18n.setLanguage('LANGUAGE_UNSPECIFIED');
  assert.equal(i18n.language(), 'fr');
  i18n.setLanguage('LANGUAGE_ENGLISH');
  assert.equal(i18n.language(), 'en');
  assert.equal(document.documentElement.lang, 'en');
  assert.equal(i18n.t('sync.never'), 'never');
});

test('an unknown key shows itself; tOr falls back to the generic text with the code', () => {
  i18n.setLanguage('LANGUAGE_ENGLISH');
  assert.equal(i18n.t('no.such.key'), 'no.such.key');
  assert.equal(i18n.has('no.such.key'), false);
  assert.match(i18n.tOr('SYNC_ERROR_SOMETHING_NEW', 'SYNC_ERROR_GENERIC'), /\(code SYNC_ERROR_SOMETHING_NEW\)/);
});

test('tCount formats the count in the language and picks its plural form', () => {
  i18n.setLanguage('LANGUAGE_FRENCH');
  assert.match(i18n.tCount('sync.pendingExplains', 0), /^0 événement attend /);
  assert.match(i18n.tCount('sync.pendingExplains', 1), /^1 événement attend /);
  // fr-FR groups thousands with a narrow no-break space.
  assert.match(i18n.tCount('sync.pendingExplains', 1234), /^1\u202f234 événements attendent /);
  i18n.setLanguage('LANGUAGE_ENGLISH');
  assert.match(i18n.tCount('sync.pendingExplains', 0), /^0 events are /);
  assert.match(i18n.tCount('sync.pendingExplains', 1), /^1 event is /);
  assert.match(i18n.tCount('sync.pendingExplains', 1234), /^1,234 events are /);
  assert.match(i18n.tCount('sync.stale', 1, { days: 1 }), /more than 1 day\./);
});
