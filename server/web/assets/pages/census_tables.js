// What the three census pages share: the server's table rows in the page's language (months
// and countries by name), count tables with their share and total, the API's YYYY-MM-DD days as
// typed and as read, a person's sex and age in words, a campaign's name, period and status.
import { h } from '../dom.js';
import { csvFormat, date, dateTime, language, t } from '../i18n.js';
import { formatDate, toNumber } from '../format.js';
import { countryLabel } from '../languages.js';
import { withQuery } from '../api.js';
import { formatCount, formatPercent } from '../charts.js';
import { badge } from '../ui.js';

/// A count in the page's language ("1 234").
export const count = (value) => formatCount(toNumber(value), language());
/// `part` of `whole` as a percentage in the page's language.
export const share = (part, whole) => formatPercent(toNumber(part), toNumber(whole), language());

export const capitalised = (text) => (text ? text[0].toLocaleUpperCase() + text.slice(1) : text);

/// "2026-10" → "octobre 2026" / "October 2026" (the month as UTC has it, Senegal's time).
function monthName(key) {
  const match = /^(\d{4})-(\d{2})$/.exec(key ?? '');
  if (!match) return null;
  const text = new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  return capitalised(text);
}

/// A breakdown row's category as an official reads it: a country by name (and its code), a month
/// by name, otherwise the server's label in the page's language.
export function rowLabel(tableName, row) {
  const server = capitalised((language() === 'en' ? row.labelEn : row.labelFr) || row.key || '');
  if (tableName === 'nationality' && /^[A-Z]{3}$/.test(row.key ?? '')) {
    return countryLabel(row.key, { withCode: true });
  }
  if (tableName === 'installation_month') return monthName(row.key) ?? server;
  return server;
}

/// A table of counts with a share column and a total row: columns [{ label, cell(row), num,
/// optional }] for the rows (an optional column is left out on a phone); `totals` the cells of
/// the last row (same columns).
export function countTable({ columns, rows, totals, testid, caption }) {
  const classOf = (c) => [c.num ? 'num' : null, c.optional ? 'optional' : null];
  const cell = (tag, c, value) => h(tag, { class: classOf(c), scope: tag === 'th' ? 'row' : null }, value);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'counts', testid },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: classOf(c) }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', { dataset: row.key ? { key: row.key } : undefined },
        columns.map((c, i) => cell(i === 0 ? 'th' : 'td', c, c.cell(row)))))),
      totals ? h('tfoot', {}, h('tr', { testid: `${testid}-total` }, columns.map((c, i) => cell(i === 0 ? 'th' : 'td', c, totals[i])))) : null));
}

/// One of the results' breakdowns (CensusTable) as a count table: category, persons, share,
/// and the total.
export function breakdownTable(table, testid, heading) {
  const total = toNumber(table.total);
  return countTable({
    testid,
    columns: [
      { label: heading, cell: (row) => rowLabel(table.name, row) },
      { label: t('census.persons'), num: true, cell: (row) => count(row.count) },
      { label: t('census.share'), num: true, cell: (row) => share(row.count, total) },
    ],
    rows: table.rows ?? [],
    totals: [t('census.total'), count(total), share(total, total)],
  });
}

/// "YYYY-MM-DD" → "dd/mm/yyyy" for a typed box.
export function inputOfDay(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/// The UTC day of `ms` as "YYYY-MM-DD".
export function dayOf(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/// "YYYY-MM-DD" as the page writes a day: "07/12/2026" or "7 Dec 2026" (formatDate); `short`
/// "07/12" or "7 Dec" (chart axes).
export function dayText(day, short = false) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return day ?? '';
  const [y, m, d] = [match[1], match[2], match[3]];
  if (!short) return formatDate(new Date(Number(y), Number(m) - 1, Number(d)).getTime(), language());
  if (language() === 'en') {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
    return `${Number(d)} ${month}`;
  }
  return `${d}/${m}`;
}

/// A person's sex in words (the lists' "female", "male", "unspecified").
export function sexWord(sex) {
  return t({ female: 'person.sex_female', male: 'person.sex_male' }[sex] ?? 'person.sex_not_stated');
}

/// A person's age: "23 ans", "≈ 23 ans" when the birth was estimated or partial.
export function ageWords(person) {
  const years = Number(person.ageYears ?? 0);
  return t(person.ageApproximate ? 'census.age_about' : 'census.age_years', { years });
}

/// A link that downloads a census table as CSV (the streamed export of the same route + .csv):
/// headers in the page's language, `;` for French spreadsheets, `,` for English ones.
export function csvLink(path, params, testid, label = t('action.download_csv')) {
  const href = withQuery(path, { ...params, ...csvFormat() });
  return h('a', { href, class: 'button small csv-link', download: '', testid }, label);
}

// ------------------------------------------------------------ a campaign

/// Each status's words and badge (the server's status at the time of its answer).
const CAMPAIGN_STATUSES = {
  scheduled: ['census.status_scheduled', 'warn'],
  open: ['census.status_open', 'ok'],
  closed: ['census.status_closed', 'muted'],
};

/// Local midnight: a closing at one is the end of the day before, as the official typed it.
const atMidnight = (ms) => {
  const d = new Date(toNumber(ms));
  return d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
};

export function campaignName(c) {
  return (language() === 'en' ? c.nameEn : c.nameFr) || c.nameFr || c.nameEn || c.campaignId;
}

export function periodOf(c) {
  const closes = toNumber(c.closesAtMs);
  return h('div', { class: 'period' },
    h('span', {}, t('census.opens_at', { date: dateTime(c.opensAtMs) })),
    h('span', {}, atMidnight(closes)
      ? t('census.closes_end_of', { date: date(closes - 1) })
      : t('census.closes_at', { date: dateTime(closes) })));
}

export function statusBadge(c) {
  const [words, kind] = CAMPAIGN_STATUSES[c.status] ?? CAMPAIGN_STATUSES.closed;
  return badge(t(words), kind, 'campaign-status');
}
