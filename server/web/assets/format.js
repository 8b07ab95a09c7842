// Dates, roles and numbers as officials read them; no DOM (unit-tested under node).
// French dates are dd/mm/yyyy; English ones use the same day-first order with the month named
// (no 03/04 ambiguity). Times are the browser's local time (Senegal: UTC, no summer time).

/// Two digits: 7 -> "07".
export const pad = (n) => String(n).padStart(2, '0');

/// int64 fields arrive as JSON strings (protobuf's JSON form), absent when zero.
export function toNumber(value) {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/// "07/12/2026" (fr), "7 Dec 2026" (en); "" for 0 or absent.
export function formatDate(ms, language) {
  const value = toNumber(ms);
  if (value === 0) return '';
  const d = new Date(value);
  if (language === 'en') return `${d.getDate()} ${EN_MONTHS[d.getMonth()]} ${d.getFullYear()}`;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/// "07/12/2026 14:05" (fr), "7 Dec 2026 14:05" (en), with `seconds` "07/12/2026 14:05:09" (what
/// an auditor needs to order entries made within a minute); "" for 0 or absent.
export function formatDateTime(ms, language, seconds = false) {
  const value = toNumber(ms);
  if (value === 0) return '';
  const d = new Date(value);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${formatDate(value, language)} ${time}`;
}

/// "dd/mm/yyyy" typed by a person (also d/m/yyyy, with '.' or '-') to the local midnight that
/// starts that day, in ms; with `dayAfter`, the midnight that ends it (an exclusive bound, so a
/// range "from 01/12 to 01/12" is that whole day). null when not a real date; undefined when
/// empty.
export function parseDayInput(text, dayAfter = false) {
  const value = String(text ?? '').trim();
  if (value === '') return undefined;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) {
    return null;
  }
  if (!dayAfter) return start.getTime();
  return new Date(year, month - 1, day + 1).getTime();
}

/// "jj/mm/aaaa" typed -> "YYYY-MM-DD" (the API's day, whole, as typed: no time zone involved);
/// null when not a date, undefined when empty.
export function dayParam(text) {
  const ms = parseDayInput(text);
  if (ms === undefined || ms === null) return ms;
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/// A date as a person declared it ({ year, month, day, estimated }, each part optional): the whole
/// day as formatDate writes it, "03/2011" or "2011" when only part is known, followed by
/// `estimatedWord` when estimated ("2011 (estimée)"); "" when not even the year is known.
export function declaredDate(d, language, estimatedWord) {
  if (!d?.year) return '';
  const shown = d.month && d.day
    ? formatDate(new Date(d.year, d.month - 1, d.day).getTime(), language)
    : [d.month ? pad(d.month) : null, String(d.year)].filter(Boolean).join('/');
  return d.estimated ? `${shown} ${estimatedWord}` : shown;
}

/// The catalogue key of an ApiRole name ("API_ROLE_GATE_AGENT" -> "role.gate_agent").
export function roleKey(apiRole) {
  const name = String(apiRole ?? '').replace(/^API_ROLE_/, '').toLowerCase();
  return `role.${name || 'unspecified'}`;
}

/// The roles an administrator may give, in the order of the form.
export const ROLES = [
  'API_ROLE_GATE_AGENT',
  'API_ROLE_BORDER_POLICE',
  'API_ROLE_EMAPE_OFFICIAL',
  'API_ROLE_PROTECTION_OFFICER',
  'API_ROLE_ADMINISTRATOR',
  'API_ROLE_AUDITOR',
];

/// Roles that work at kiosks and so need a PIN, a staff card and sites.
export function worksAtKiosks(apiRole) {
  return apiRole === 'API_ROLE_GATE_AGENT' || apiRole === 'API_ROLE_EMAPE_OFFICIAL';
}

/// A time between two events, as a person reads it: "45 s", "10 min", "2 h 05 min",
/// "3 j 4 h" (fr) / "3 d 4 h" (en). Sign ignored.
export function formatDuration(ms, language) {
  const seconds = Math.round(Math.abs(toNumber(ms)) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${pad(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} ${language === 'en' ? 'd' : 'j'} ${hours % 24} h`;
}

/// A distance or a speed: whole above 10, one decimal below, in the language's digits
/// ("1 800" and "4,8" in French, "1,800" and "4.8" in English).
export function formatAmount(value, language) {
  const n = toNumber(value);
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: Math.abs(n) < 10 ? 1 : 0,
  }).format(n);
}

/// Decimal degrees as people type them, a comma accepted for the point ("12,5556"); null when it
/// is not a number (the server checks the range).
export function parseDegrees(text) {
  const value = String(text ?? '').trim().replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
  return Number(value);
}

/// A language's name in the page's language from its ISO 639-3 code ("wol" -> "wolof" /
/// "Wolof"), by the browser's own tables; the code itself when the browser has no name for it.
export function languageName(code, language) {
  const value = String(code ?? '').trim();
  if (!value) return '';
  try {
    const name = new Intl.DisplayNames([language === 'en' ? 'en' : 'fr'], { type: 'language', fallback: 'code' }).of(value);
    return name && name !== value ? name : value;
  } catch {
    return value;  // not a well-formed code
  }
}

/// ISO 3166-1 alpha-3 -> alpha-2 (the browser names countries by alpha-2 only): the nationalities
/// most people at the sites have (West Africa), offered in the pages' lists (NATIONALITIES, any
/// other is typed)...
const SITE_ALPHA2 = {
  SEN: 'SN', MLI: 'ML', GIN: 'GN', GNB: 'GW', GMB: 'GM', MRT: 'MR', BFA: 'BF', CIV: 'CI', GHA: 'GH',
  NGA: 'NG', NER: 'NE', TGO: 'TG', BEN: 'BJ', SLE: 'SL', LBR: 'LR', CPV: 'CV', CMR: 'CM', TCD: 'TD',
};
/// ... and, named but not offered, the rest of Central and North Africa and the countries of the
/// usual travellers.
const ALPHA2 = {
  ...SITE_ALPHA2,
  CAF: 'CF', GAB: 'GA', COG: 'CG', COD: 'CD', MAR: 'MA', DZA: 'DZ', TUN: 'TN', LBY: 'LY', EGY: 'EG',
  SDN: 'SD', FRA: 'FR', ESP: 'ES', ITA: 'IT', BEL: 'BE', CHN: 'CN', LBN: 'LB', USA: 'US', GBR: 'GB',
};

/// The nationalities met at the sites (alpha-3), offered in the police search and the notices'
/// form.
export const NATIONALITIES = Object.keys(SITE_ALPHA2);

/// A nationality's country name in the page's language from its alpha-3 code ("MLI" -> "Mali"),
/// the code itself when not in the table above.
export function countryName(code, language) {
  const value = String(code ?? '').trim().toUpperCase();
  const alpha2 = ALPHA2[value];
  if (!alpha2) return value;
  try {
    return new Intl.DisplayNames([language === 'en' ? 'en' : 'fr'], { type: 'region' }).of(alpha2) ?? value;
  } catch {
    return value;
  }
}
