// The page's catalogue lookup (kiosk/ui/static/messages.js): the current language
// first, then French (the reference), then English, then the key itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fill, hasKey, localizedText, lookup, translate,
} from '../../../kiosk/ui/static/messages.js';

const catalogues = {
  fr: { 'a.both': 'les deux', 'a.frOnly': 'seulement en français', 'a.hello': 'Bonjour {name}' },
  en: { 'a.both': 'both', 'a.enOnly': 'English only', 'a.hello': 'Hello {name}' },
};

test('a key in the current language gives that language', () => {
  assert.equal(lookup(catalogues, 'fr', 'a.both'), 'les deux');
  assert.equal(lookup(catalogues, 'en', 'a.both'), 'both');
});

test('a key missing from English falls back to French, the reference', () => {
  assert.equal(lookup(catalogues, 'en', 'a.frOnly'), 'seulement en français');
});

test('a key missing from French falls back to English', () => {
  assert.equal(lookup(catalogues, 'fr', 'a.enOnly'), 'English only');
});

test('an unknown language reads French first, then English', () => {
  assert.equal(lookup(catalogues, 'wo', 'a.both'), 'les deux');
  assert.equal(lookup(catalogues, 'wo', 'a.enOnly'), 'English only');
});

test('a key no catalogue has: undefined from lookup, the key itself from translate', () => {
  assert.equal(lookup(catalogues, 'fr', 'a.nowhere'), undefined);
  assert.equal(translate(catalogues, 'fr', 'a.nowhere'), 'a.nowhere');
  assert.equal(translate(catalogues, 'en', 'a.nowhere', { name: 'x' }), 'a.nowhere');
});

test('catalogues not loaded yet show the key, not an exception', () => {
  const empty = { fr: null, en: null };
  assert.equal(lookup(empty, 'fr', 'a.both'), undefined);
  assert.equal(translate(empty, 'en', 'a.both'), 'a.both');
  assert.equal(hasKey(empty, 'fr', 'a.both'), false);
});

test('translate fills placeholders in the text of the language it found', () => {
  assert.equal(translate(catalogues, 'fr', 'a.hello', { name: 'Awa' }), 'Bonjour Awa');
  assert.equal(translate(catalogues, 'en', 'a.hello', { name: 'Awa' }), 'Hello Awa');
});

test('a placeholder without a value stays visible; every occurrence is filled; values are text', () => {
  assert.equal(fill('{a} et {b}', { a: 1 }), '1 et {b}');
  assert.equal(fill('{a}{a}', { a: 'x' }), 'xx');
  assert.equal(fill('{n}', { n: 0 }), '0');
  // A value is never read as a pattern: "$&" stays as it is.
  assert.equal(fill('{v}', { v: '$&' }), '$&');
});

test('hasKey looks in the current catalogue only, without the fallback', () => {
  assert.equal(hasKey(catalogues, 'en', 'a.enOnly'), true);
  assert.equal(hasKey(catalogues, 'en', 'a.frOnly'), false);
  assert.equal(hasKey(catalogues, 'fr', 'a.frOnly'), true);
});

test('a LocalizedText from the server: the current language, the other when empty', () => {
  assert.equal(localizedText({ fr: 'Mine', en: 'Mine site' }, 'en'), 'Mine site');
  assert.equal(localizedText({ fr: 'Mine', en: 'Mine site' }, 'fr'), 'Mine');
  assert.equal(localizedText({ fr: 'Mine', en: '' }, 'en'), 'Mine');
  assert.equal(localizedText({ fr: '', en: 'Mine site' }, 'fr'), 'Mine site');
  assert.equal(localizedText(undefined, 'fr'), '');
  assert.equal(localizedText({}, 'en'), '');
});
