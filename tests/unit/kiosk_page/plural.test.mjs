// Plural forms through Intl.PluralRules (kiosk/ui/static/messages.js): French puts 0 and
// 1 in the singular, English only 1; a text has its general form under its key and its
// other forms under "key.one"... The page's own catalogues are checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pluralCategory, translateCount } from '../../../kiosk/ui/static/messages.js';

const staticDir = new URL('../../../kiosk/ui/static/', import.meta.url);
const page = {
  fr: JSON.parse(readFileSync(new URL('i18n/fr.json', staticDir), 'utf8')),
  en: JSON.parse(readFileSync(new URL('i18n/en.json', staticDir), 'utf8')),
};

test('French: 0 and 1 are singular, 2 and more plural', () => {
  assert.equal(pluralCategory('fr', 0), 'one');
  assert.equal(pluralCategory('fr', 1), 'one');
  assert.equal(pluralCategory('fr', 2), 'other');
  assert.equal(pluralCategory('fr', 17), 'other');
});

test('English: only 1 is singular', () => {
  assert.equal(pluralCategory('en', 0), 'other');
  assert.equal(pluralCategory('en', 1), 'one');
  assert.equal(pluralCategory('en', 2), 'other');
});

test('a count given as text (proto3 JSON int64) is read as a number', () => {
  assert.equal(pluralCategory('en', '1'), 'one');
  assert.equal(pluralCategory('fr', '0'), 'one');
});

const catalogues = {
  fr: { 'x.items': '{count} objets', 'x.items.one': '{count} objet' },
  en: { 'x.items': '{count} items', 'x.items.one': '{count} item' },
};

test('translateCount picks the form of the count in each language', () => {
  const say = (language, count) => translateCount(catalogues, language, 'x.items', count, { count });
  assert.deepEqual([0, 1, 2].map((n) => say('fr', n)), ['0 objet', '1 objet', '2 objets']);
  assert.deepEqual([0, 1, 2].map((n) => say('en', n)), ['0 items', '1 item', '2 items']);
});

test('a category the catalogue lacks uses the general form (French "many" for a million)', () => {
  assert.equal(pluralCategory('fr', 1000000), 'many');
  assert.equal(translateCount(catalogues, 'fr', 'x.items', 1000000, { count: '1 000 000' }), '1 000 000 objets');
});

test('a text without plural forms is the same for every count; a missing key shows the key', () => {
  const plain = { fr: { 'x.total': 'Total : {count}' }, en: { 'x.total': 'Total: {count}' } };
  assert.equal(translateCount(plain, 'fr', 'x.total', 1, { count: 1 }), 'Total : 1');
  assert.equal(translateCount(plain, 'en', 'x.total', 5, { count: 5 }), 'Total: 5');
  assert.equal(translateCount(plain, 'en', 'x.none', 1), 'x.none');
});

test('a form is taken only from the language that will show it, not from the fallback', () => {
  // English lacks "x.items.one": an English page says the general English form, never the
  // French singular.
  const partial = { fr: catalogues.fr, en: { 'x.items': '{count} items' } };
  assert.equal(translateCount(partial, 'en', 'x.items', 1, { count: 1 }), '1 items');
});

test('the page says "1 événement attend" / "0 événement" in French, "0 events" in English', () => {
  const pending = (language, count) => translateCount(page, language, 'sync.pendingExplains', count, { count });
  assert.match(pending('fr', 0), /^0 événement attend encore d'être envoyé :/);
  assert.match(pending('fr', 1), /^1 événement attend encore d'être envoyé :/);
  assert.match(pending('fr', 2), /^2 événements attendent encore d'être envoyés :/);
  assert.match(pending('en', 0), /^0 events are still waiting/);
  assert.match(pending('en', 1), /^1 event is still waiting/);
  assert.match(pending('en', 3), /^3 events are still waiting/);
  const stale = (language, days) => translateCount(page, language, 'sync.stale', days, { days });
  assert.match(stale('fr', 1), /depuis plus de 1 jour\./);
  assert.match(stale('fr', 3), /depuis plus de 3 jours\./);
  assert.match(stale('en', 1), /for more than 1 day\./);
  assert.match(stale('en', 3), /for more than 3 days\./);
});

test('in the page\'s catalogues every plural form has its general form, with the same placeholders', () => {
  const categories = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
  const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  let forms = 0;
  for (const [language, catalogue] of Object.entries(page)) {
    for (const [key, text] of Object.entries(catalogue)) {
      const dot = key.lastIndexOf('.');
      if (!categories.has(key.slice(dot + 1))) continue;
      forms += 1;
      const general = key.slice(0, dot);
      assert.ok(general in catalogue, `${language}: "${key}" has no general form "${general}"`);
      assert.equal(placeholders(text), placeholders(catalogue[general]), `${language}: "${key}" placeholders`);
    }
  }
  assert.ok(forms >= 4, 'the page has plural forms to check');
});
