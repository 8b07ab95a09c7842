// Catalogue lookup, without the DOM (unit-tested under node): every text of the pages comes
// from i18n/fr.json or i18n/en.json, French being the reference.

export const LANGUAGES = ['fr', 'en'];

/// The text of `key` in `language`, {name} placeholders filled from `params`. A key missing
/// from that catalogue falls back to French, then shows the key itself (the catalogue test
/// keeps that from happening).
export function translate(catalogues, language, key, params = {}) {
  const text = catalogues[language]?.[key] ?? catalogues.fr?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/// The half of a server's bilingual text ("français / English") in `language`; the whole
/// text when it has no " / ".
export function bilingualPart(text, language) {
  const value = String(text ?? '');
  const at = value.indexOf(' / ');
  if (at < 0) return value;
  return language === 'en' ? value.slice(at + 3) : value.slice(0, at);
}
