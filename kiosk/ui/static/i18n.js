// Message catalogues and formatting. The daemon sends codes, never words: every
// text on the page comes from /i18n/fr.json or /i18n/en.json, French being the
// reference. Dates and numbers go through Intl in the chosen language.

const catalogues = { fr: null, en: null };
let current = 'fr';

const LOCALES = { fr: 'fr-FR', en: 'en-GB' };

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
  return Boolean(catalogues[current] && key in catalogues[current]);
}

/// The text of `key` in the current language, with {name} placeholders filled.
/// A key missing from the current catalogue falls back to French, then shows the
/// key itself (the catalogue check in the e2e tests keeps that from happening).
export function t(key, params = {}) {
  const text = catalogues[current]?.[key] ?? catalogues.fr?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/// `key` when the catalogue has it, else `fallbackKey` (codes the page may not know yet).
export function tOr(key, fallbackKey, params = {}) {
  return t(has(key) ? key : fallbackKey, { code: key, ...params });
}

/// LocalizedText from the server, in the current language (the other one if empty).
export function localized(text) {
  if (!text) return '';
  return (current === 'en' ? text.en || text.fr : text.fr || text.en) || '';
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
