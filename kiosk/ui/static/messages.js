// Catalogue lookup, placeholders and plural forms, with no DOM and no network:
// i18n.js holds the loaded catalogues and the chosen language and calls these, and
// tests/unit/kiosk_page runs them under node:test.
//
// A catalogue maps a key to a text. A text that depends on a number has its general
// form (CLDR "other") under the key itself and its other forms under "key.one",
// "key.many"..., chosen by Intl.PluralRules in the page's language: French puts 0 and 1
// in "one", English only 1. A language without a form uses the general one.

export const LOCALES = { fr: 'fr-FR', en: 'en-GB' };

/// The text of `key`: in `language`, else in French (the reference), else in English;
/// undefined when no catalogue has it.
export function lookup(catalogues, language, key) {
  for (const name of [language, 'fr', 'en']) {
    const text = catalogues[name]?.[key];
    if (text !== undefined) return text;
  }
  return undefined;
}

/// True when the catalogue of `language` itself has `key` (not through the fallback).
export function hasKey(catalogues, language, key) {
  return Boolean(catalogues[language] && key in catalogues[language]);
}

/// `text` with each {name} replaced by params[name]; an unknown {name} stays visible.
export function fill(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/// The text of `key` with its placeholders filled; the key itself when no catalogue has
/// it, so a missing text shows where it is missing instead of an empty space.
export function translate(catalogues, language, key, params = {}) {
  return fill(lookup(catalogues, language, key) ?? key, params);
}

const pluralRules = new Map();

/// The CLDR plural category of `count` in `language` ("one", "many", "other"...).
export function pluralCategory(language, count) {
  const locale = LOCALES[language] || LOCALES.fr;
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  return pluralRules.get(locale).select(Number(count));
}

/// The text of `key` for `count` things: the form of its plural category when the
/// language's own catalogue has one, else the general form.
export function translateCount(catalogues, language, key, count, params = {}) {
  const form = catalogues[language]?.[`${key}.${pluralCategory(language, count)}`];
  return form === undefined ? translate(catalogues, language, key, params) : fill(form, params);
}

/// A LocalizedText from the server in `language`, the other language when that one is empty.
export function localizedText(text, language) {
  if (!text) return '';
  return (language === 'en' ? text.en || text.fr : text.fr || text.en) || '';
}
