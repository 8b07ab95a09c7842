// The names of the languages people speak at the sites, as the pages show them (a care service's
// languages, a person's), and of the countries of their nationalities: one function for every page.
import { language, t } from './i18n.js';
import { countryName, languageName } from './format.js';

/// The languages met at the sites (ISO 639-3), offered as boxes to tick; any other code is typed.
/// Pulaar is "fuc" (Senegal), Pular "fuf" (Guinea); Mandinka "mnk", Malinke "emk".
export const COMMON_LANGUAGES = [
  ['fra', 'language_name.fra'],
  ['wol', 'language_name.wol'],
  ['fuc', 'language_name.fuc'],
  ['fuf', 'language_name.fuf'],
  ['srr', 'language_name.srr'],
  ['mnk', 'language_name.mnk'],
  ['emk', 'language_name.emk'],
  ['snk', 'language_name.snk'],
  ['bam', 'language_name.bam'],
  ['dyo', 'language_name.dyo'],
  ['eng', 'language_name.eng'],
  ['pcm', 'language_name.pcm'],
  ['hau', 'language_name.hau'],
  ['yor', 'language_name.yor'],
  ['ibo', 'language_name.ibo'],
  ['ara', 'language_name.ara'],
  ['por', 'language_name.por'],
];
const LANGUAGE_KEYS = new Map(COMMON_LANGUAGES);

/// "wolof" for "wol" in the page's language: the catalogue's name for the languages above, the
/// browser's for any other code it knows (format.js languageName), else the code itself.
export function languageLabel(code) {
  const key = LANGUAGE_KEYS.get(code);
  return key ? t(key) : languageName(code, language());
}

/// A nationality's country in the page's language ("Mali"); `withCode` adds its code ("Mali
/// (MLI)") when the country has a name. The code itself for a country format.js cannot name.
export function countryLabel(code, { withCode = false } = {}) {
  const name = countryName(code, language());
  return withCode && name !== code ? `${name} (${code})` : name;
}
