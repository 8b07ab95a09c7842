// server/web/assets/i18n.js: French by default, English by the toggle, the choice kept in
// storage; the server's "français / English" texts split by language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const assets = new URL('../../../server/web/assets/', import.meta.url);
const fetchFiles = async (url) => {
  const text = readFileSync(new URL(url), 'utf8');
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
function memoryStorage(initial = {}) {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => { data[k] = String(v); } };
}
globalThis.document = { documentElement: { lang: '' } };
const i18n = await import('../../../server/web/assets/i18n.js');
const fr = JSON.parse(readFileSync(new URL('i18n/fr.json', assets), 'utf8'));
const en = JSON.parse(readFileSync(new URL('i18n/en.json', assets), 'utf8'));

test('French by default, with nothing stored', async () => {
  await i18n.loadCatalogues(fetchFiles, memoryStorage());
  assert.equal(i18n.language(), 'fr');
  assert.equal(document.documentElement.lang, 'fr');
  assert.equal(i18n.t('signin.submit'), fr['signin.submit']);
});

test('the toggle switches and is remembered for the next load', async () => {
  const storage = memoryStorage();
  await i18n.loadCatalogues(fetchFiles, storage);
  i18n.setLanguage('en', storage);
  assert.equal(i18n.t('signin.submit'), en['signin.submit']);
  assert.equal(document.documentElement.lang, 'fr', 'declared once the page is drawn in English');
  i18n.declareLanguage();
  assert.equal(document.documentElement.lang, 'en');
  await i18n.loadCatalogues(fetchFiles, storage);
  assert.equal(i18n.language(), 'en', 'kept across a reload');
  i18n.setLanguage('fr', storage);
  await i18n.loadCatalogues(fetchFiles, storage);
  assert.equal(i18n.language(), 'fr');
});

test('storage refused or holding nonsense: French', async () => {
  await i18n.loadCatalogues(fetchFiles, { getItem: () => { throw new Error('denied'); } });
  assert.equal(i18n.language(), 'fr');
  await i18n.loadCatalogues(fetchFiles, memoryStorage({ 'minegate.language': 'de' }));
  assert.equal(i18n.language(), 'fr');
  i18n.setLanguage('en', { setItem: () => { throw new Error('full'); } });
  assert.equal(i18n.language(), 'en', 'switched even if not remembered');
});

test('placeholders, dates and the server\'s bilingual texts follow the language', async () => {
  const storage = memoryStorage();
  await i18n.loadCatalogues(fetchFiles, storage);
  i18n.setLanguage('fr', storage);
  assert.equal(i18n.t('home.title', { name: 'Awa' }), 'Bonjour, Awa');
  assert.equal(i18n.bilingual('interdit / forbidden'), 'interdit');
  assert.equal(i18n.date(String(Date.UTC(2026, 11, 7))), '07/12/2026');
  i18n.setLanguage('en', storage);
  assert.equal(i18n.t('home.title', { name: 'Awa' }), 'Hello, Awa');
  assert.equal(i18n.bilingual('interdit / forbidden'), 'forbidden');
  assert.equal(i18n.bilingual('no separator'), 'no separator');
  assert.equal(i18n.t('no.such.key'), 'no.such.key');
});
