// The language of the pages and their catalogues. French by default; the toggle's choice is
// kept in localStorage, so it survives reloads and the next sign-in on this browser.
import { LANGUAGES, bilingualPart, translate } from './messages.js';
import { formatDate, formatDateTime } from './format.js';

const STORAGE_KEY = 'minegate.language';
const catalogues = { fr: {}, en: {} };
let current = 'fr';

/// Loads both catalogues (beside this module, under the same versioned prefix) and the stored
/// language.
export async function loadCatalogues(fetchImpl = fetch, storage = globalThis.localStorage) {
  await Promise.all(
    LANGUAGES.map(async (language) => {
      const response = await fetchImpl(new URL(`./i18n/${language}.json`, import.meta.url));
      if (!response.ok) throw new Error(`i18n/${language}.json: ${response.status}`);
      catalogues[language] = await response.json();
    }),
  );
  current = storedLanguage(storage);
  declareLanguage();
}

function storedLanguage(storage) {
  try {
    return storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';  // storage refused (private mode): French
  }
}

/// Declares the current language on the document (<html lang>). After a switch the app calls it
/// once the view drawn in the new language has replaced the old one: the attribute (which screen
/// readers, and the browser tests, go by) never announces a language the page is not yet in.
export function declareLanguage() {
  if (globalThis.document) globalThis.document.documentElement.lang = current;
}

export function language() {
  return current;
}

/// Switches and remembers the language; the page declares it once redrawn (declareLanguage).
export function setLanguage(language, storage = globalThis.localStorage) {
  current = language === 'en' ? 'en' : 'fr';
  try {
    storage?.setItem(STORAGE_KEY, current);
  } catch {
    // Not remembered, still switched.
  }
}

export function t(key, params = {}) {
  return translate(catalogues, current, key, params);
}

/// The current language's half of a server's "français / English" text.
export function bilingual(text) {
  return bilingualPart(text, current);
}

export function date(ms) {
  return formatDate(ms, current);
}

export function dateTime(ms, seconds = false) {
  return formatDateTime(ms, current, seconds);
}

/// A CSV export's query options for the page's language: English headers with `,`, or French
/// headers with `;` (what a French spreadsheet expects).
export function csvFormat() {
  return current === 'en' ? { lang: 'en' } : { sep: 'semicolon' };
}
