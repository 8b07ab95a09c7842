// Message catalogues and formatting. The daemon sends codes, never words: every
// text on the page comes from /i18n/fr.json or /i18n/en.json, French being the
// reference. Dates, numbers and plural forms go through Intl in the chosen language.
// The lookup itself is in messages.js (no DOM, unit-tested); this module holds the
// catalogues and the language.
import { LOCALES, hasKey, localizedText, translate, translateCount } from './messages.js';

const catalogues = { fr: null, en: null };
let current = 'fr';

async function fetchJson(url) {
  // The daemon serves the catalogues; retry until it answers (bounded by the caller).
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

export async function loadCatalogues() {
  for (;;) {
    try {
      const [fr, en] = await Promise.all([fetchJson('/i18n/fr.json'), fetchJson('/i18n/en.json')]);
      catalogues.fr = fr;
      catalogues.en = en;
      return;
    } catch (error) {
      console.warn('catalogues', error);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/// "LANGUAGE_ENGLISH" -> "en"; anything else is French.
export function setLanguage(languageEnum) {
  current = languageEnum === 'LANGUAGE_ENGLISH' ? 'en' : 'fr';
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

export function locale() {
  return LOCALES[current];
}

export function has(key) {
  return hasKey(catalogues, current, key);
}

/// The text of `key` in the current language, with {name} placeholders filled.
/// A key missing from the current catalogue falls back to French, then English, then
/// shows the key itself (the catalogue check in the e2e tests keeps that from happening).
export function t(key, params = {}) {
  return translate(catalogues, current, key, params);
}

/// The text of `key` for `count` things, in the plural form of the current language
/// ("key.one"... when the catalogue has it); {count} is the number formatted.
export function tCount(key, count, params = {}) {
  return translateCount(catalogues, current, key, count, { count: formatNumber(count), ...params });
}

/// `key` when the catalogue has it, else `fallbackKey` (codes the page may not know yet).
export function tOr(key, fallbackKey, params = {}) {
  return t(has(key) ? key : fallbackKey, { code: key, ...params });
}

/// LocalizedText from the server, in the current language (the other one if empty).
export function localized(text) {
  return localizedText(text, current);
}

export function formatNumber(value) {
  return new Intl.NumberFormat(locale()).format(Number(value || 0));
}

export function formatDateTime(ms) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(Number(ms)),
  );
}

export function formatDate(ms) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(Number(ms)));
}

export function formatTime(ms) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(Number(ms)));
}

/// "il y a 5 minutes" / "5 minutes ago".
export function formatRelative(ms, now = Date.now()) {
  const seconds = Math.round((Number(ms) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const units = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/// Month names 1..12 in the current language.
export function monthName(month) {
  return new Intl.DateTimeFormat(locale(), { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  );
}
