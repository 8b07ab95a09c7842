// server/web/assets/format.js: dates as officials read them (dd/mm/yyyy in French), typed
// dates, roles. Run with TZ=UTC (CMakeLists.txt) so local midnight is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryName, dayParam, declaredDate, formatAmount, formatDate, formatDateTime, formatDuration, languageName, pad, parseDayInput, parseDegrees, roleKey, toNumber, worksAtKiosks, ROLES } from '../../../server/web/assets/format.js';

const at = Date.UTC(2026, 11, 7, 9, 5);  // 7 December 2026, 09:05 UTC

test('French dates are dd/mm/yyyy, English ones name the month', () => {
  assert.equal(formatDate(at, 'fr'), '07/12/2026');
  assert.equal(formatDateTime(at, 'fr'), '07/12/2026 09:05');
  assert.equal(formatDate(at, 'en'), '7 Dec 2026');
  assert.equal(formatDateTime(at, 'en'), '7 Dec 2026 09:05');
  assert.equal(formatDate(Date.UTC(2027, 0, 3), 'fr'), '03/01/2027');
});

test('with seconds, for entries made within one minute', () => {
  assert.equal(formatDateTime(at + 9_000, 'fr', true), '07/12/2026 09:05:09');
  assert.equal(formatDateTime(at + 9_000, 'en', true), '7 Dec 2026 09:05:09');
  assert.equal(formatDateTime(at + 9_000, 'fr'), '07/12/2026 09:05');
});

test('int64 fields arrive as strings and are absent when zero', () => {
  assert.equal(formatDate(String(at), 'fr'), '07/12/2026');
  assert.equal(formatDate(undefined, 'fr'), '');
  assert.equal(formatDateTime('0', 'fr'), '');
  assert.equal(toNumber('1532'), 1532);
  assert.equal(toNumber(undefined), 0);
  assert.equal(toNumber('x'), 0);
});

test('typed days: dd/mm/yyyy to local midnight, the day after as the exclusive end', () => {
  assert.equal(parseDayInput('07/12/2026'), Date.UTC(2026, 11, 7));
  assert.equal(parseDayInput('7/12/2026'), Date.UTC(2026, 11, 7));
  assert.equal(parseDayInput(' 07.12.2026 '), Date.UTC(2026, 11, 7));
  assert.equal(parseDayInput('07-12-2026', true), Date.UTC(2026, 11, 8));
  assert.equal(parseDayInput('31/12/2026', true), Date.UTC(2027, 0, 1));
  assert.equal(parseDayInput(''), undefined);
  assert.equal(parseDayInput('   '), undefined);
  for (const bad of ['31/02/2026', '00/01/2026', '12/13/2026', '2026-12-07', '7/12/26', 'hier']) {
    assert.equal(parseDayInput(bad), null, bad);
  }
});

test('roles: catalogue keys from API enum names and from audit role names', () => {
  assert.equal(roleKey('API_ROLE_GATE_AGENT'), 'role.gate_agent');
  assert.equal(roleKey('administrator'), 'role.administrator');
  assert.equal(roleKey(undefined), 'role.unspecified');
  assert.equal(ROLES.length, 6);
  assert.deepEqual(ROLES.filter(worksAtKiosks), ['API_ROLE_GATE_AGENT', 'API_ROLE_EMAPE_OFFICIAL']);
});

test('durations between two taps, in words of each language', () => {
  assert.equal(formatDuration(0, 'fr'), '0 s');
  assert.equal(formatDuration('45000', 'fr'), '45 s');
  assert.equal(formatDuration('600000', 'fr'), '10 min');
  assert.equal(formatDuration(-600000, 'en'), '10 min');
  assert.equal(formatDuration(2 * 3600000 + 5 * 60000, 'fr'), '2 h 05 min');
  assert.equal(formatDuration(3 * 86400000 + 4 * 3600000, 'fr'), '3 j 4 h');
  assert.equal(formatDuration(3 * 86400000 + 4 * 3600000, 'en'), '3 d 4 h');
});

test('distances and speeds: whole above 10, one decimal below, local digits', () => {
  assert.equal(formatAmount(299.99898910622079, 'en'), '300');
  assert.equal(formatAmount(1799.9939346373249, 'en'), '1,800');
  assert.equal(formatAmount(1799.9939346373249, 'fr').replace(/\s/g, ' '), '1 800');
  assert.equal(formatAmount(4.83, 'fr'), '4,8');
  assert.equal(formatAmount(4.83, 'en'), '4.8');
  assert.equal(formatAmount(undefined, 'en'), '0');
});

test('coordinates typed as on a map, with a point or a comma', () => {
  assert.equal(parseDegrees('12.5556'), 12.5556);
  assert.equal(parseDegrees(' -12,1743 '), -12.1743);
  assert.equal(parseDegrees('+15'), 15);
  for (const bad of ['', ' ', 'abc', '12.5.5', '1e3', '12°33', 'NaN', '-']) assert.equal(parseDegrees(bad), null, bad);
});

test('languages and countries by their codes, in the page\'s language', () => {
  assert.equal(languageName('wol', 'fr'), 'wolof');
  assert.equal(languageName('fra', 'en'), 'French');
  assert.equal(languageName('bam', 'fr'), 'bambara');
  assert.equal(languageName('zzz', 'fr'), 'zzz');
  assert.equal(languageName('', 'fr'), '');
  assert.equal(countryName('MLI', 'fr'), 'Mali');
  assert.equal(countryName('GIN', 'fr'), 'Guinée');
  assert.equal(countryName('GIN', 'en'), 'Guinea');
  assert.equal(countryName('XKX', 'fr'), 'XKX');
});

test('typed days become the API\'s YYYY-MM-DD', () => {
  assert.equal(dayParam('7/12/2026'), '2026-12-07');
  assert.equal(dayParam('07.12.2026'), '2026-12-07');
  assert.equal(dayParam('31/02/2026'), null);
  assert.equal(dayParam('2026-12-07'), null);
  assert.equal(dayParam('  '), undefined);
  assert.equal(pad(7), '07');
  assert.equal(pad(12), '12');
});

test('a date as declared: the whole day, month and year, or the year; the estimated word after', () => {
  assert.equal(declaredDate({ year: 2011, month: 3, day: 14 }, 'fr', '(estimée)'), '14/03/2011');
  assert.equal(declaredDate({ year: 2011, month: 3, day: 14 }, 'en', '(estimated)'), '14 Mar 2011');
  assert.equal(declaredDate({ year: 2011, month: 3 }, 'en', '(estimated)'), '03/2011');
  assert.equal(declaredDate({ year: 2011, estimated: true }, 'fr', '(estimée)'), '2011 (estimée)');
  assert.equal(declaredDate({ year: 2011, month: 3, estimated: true }, 'en', '(estimated)'), '03/2011 (estimated)');
  assert.equal(declaredDate({}, 'fr', '(estimée)'), '');
  assert.equal(declaredDate(undefined, 'fr', '(estimée)'), '');
});

test('the nationalities offered are named; a country label carries its code only when named', async () => {
  const { NATIONALITIES } = await import('../../../server/web/assets/format.js');
  const { countryLabel } = await import('../../../server/web/assets/languages.js');
  assert.equal(NATIONALITIES.length, new Set(NATIONALITIES).size);
  for (const code of NATIONALITIES) assert.notEqual(countryName(code, 'fr'), code, code);
  assert.ok(NATIONALITIES.includes('SEN') && NATIONALITIES.includes('MLI'));
  // The page's language is French until catalogues and a choice are loaded.
  assert.equal(countryLabel('MLI'), 'Mali');
  assert.equal(countryLabel('MLI', { withCode: true }), 'Mali (MLI)');
  assert.equal(countryLabel('XYZ', { withCode: true }), 'XYZ');
});
