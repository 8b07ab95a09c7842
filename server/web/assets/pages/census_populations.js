// EMAPE officials: site populations (docs/api.md §14). Now: every site's persons present — whose
// last verified passage is an entry there within the presence window, shown here and changed
// through /v1/census/settings — by sex, with its minors. Over time, for a period: one site's
// persons present at the end of each day with its arrivals, and the arrivals per day at every
// site. Each chart beside or above the table of its numbers.
import { fill, h, formValues } from '../dom.js';
import { dateTime, language, t } from '../i18n.js';
import { dayParam, toNumber } from '../format.js';
import { pathOf } from '../api.js';
import { barsChart, columnsChart, seriesClass } from '../charts.js';
import { errorLine, field, formDialog, loading, newestOnly, section } from '../ui.js';
import { count, countTable, csvLink, dayOf, dayText, inputOfDay, share } from './census_tables.js';

const DAY_MS = 24 * 3600 * 1000;
/// The period shown first: the 30 days ending today.
const DEFAULT_DAYS = 30;

export function censusPopulationsView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const nowError = errorLine();
  nowError.el.dataset.testid = 'populations-error';
  const refresh = h('button', { type: 'button', testid: 'populations-refresh' }, t('common.refresh'));
  const now = section(t('census.now_title'), 'census-now', csvLink('/v1/census/populations.csv', {}, 'csv-populations'), refresh);
  const windowText = h('span', { testid: 'presence-window' });
  const changeWindow = h('button', { type: 'button', class: 'small', testid: 'presence-window-change' }, t('census.window_change'));
  let settings = { presenceWindowDays: 30 };
  let sites = [];

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };

  // ------------------------------------------------------------ now

  const drawNow = (p) => {
    const rows = p.sites ?? [];
    const total = toNumber(p.total);
    const sum = (name) => rows.reduce((acc, row) => acc + toNumber(row[name]), 0);
    settings = { ...settings, presenceWindowDays: p.presenceWindowDays ?? settings.presenceWindowDays };
    windowText.textContent = t('census.window_text', { days: settings.presenceWindowDays });
    const chart = barsChart({
      testid: 'chart-populations',
      className: 'chart-bar',
      rows: rows.map((row) => ({ label: row.siteName || `#${row.siteId}`, value: toNumber(row.present),
        note: `${count(row.present)} (${share(row.present, total)})` })),
      labels: {
        title: t('census.now_chart'), language: language(), format: count,
        summary: t('census.now_summary', { total: count(total), sites: rows.length, days: settings.presenceWindowDays }),
      },
    });
    fill(now.body,
      h('p', { class: 'muted small-print', testid: 'populations-at' }, t('census.now_at', { date: dateTime(p.atMs) })),
      h('div', { class: 'chart-pair even' },
        chart,
        countTable({
          testid: 'table-populations',
          columns: [
            { label: t('census.site'), cell: (row) => row.siteName || `#${row.siteId}` },
            { label: t('census.present'), num: true, cell: (row) => count(row.present) },
            { label: t('chart.women'), num: true, cell: (row) => count(row.female) },
            { label: t('chart.men'), num: true, cell: (row) => count(row.male) },
            { label: t('person.sex_not_stated'), num: true, optional: true, cell: (row) => count(row.unspecified) },
            { label: t('census.minors'), num: true, cell: (row) => count(row.minors) },
          ],
          rows: rows.map((row) => ({ ...row, key: String(row.siteId) })),
          totals: [t('census.total'), count(total), count(sum('female')), count(sum('male')), count(sum('unspecified')), count(sum('minors'))],
        })));
  };

  const beginNow = newestOnly(ctx);
  const loadNow = async () => {
    const newest = beginNow();
    nowError.clear();
    try {
      const p = await ctx.api.get('/v1/census/populations');
      if (!newest()) return;
      sites = (p.sites ?? []).map((s) => ({ id: s.siteId, name: s.siteName || `#${s.siteId}` }));
      fillSites();
      drawNow(p);
    } catch (e) {
      if (newest()) nowError.show(e);
    }
  };

  const setWindow = async () => {
    const saved = await formDialog({
      title: t('census.window_title'),
      testid: 'window-dialog',
      submitLabel: t('action.save'),
      fields: [
        h('p', {}, t('census.window_explain')),
        field('presenceWindowDays', t('census.window_field'), {
          type: 'number', min: 1, max: 365, inputmode: 'numeric', class: 'short',
          value: String(settings.presenceWindowDays ?? 30), hint: t('census.window_hint'),
        }),
      ],
      submit: (form) => {
        const text = formValues(form).presenceWindowDays;
        const days = Number(text);
        if (!/^\d+$/.test(text) || days < 1 || days > 365) {
          throw { title: t('census.window_bad'), field: 'presenceWindowDays' };
        }
        return ctx.api.put('/v1/census/settings', { presenceWindowDays: days });
      },
    });
    if (!saved) return;
    settings = saved;
    say(t('census.window_ok', { days: saved.presenceWindowDays }));
    await loadNow();
    // The window changes who is present at the end of each day, not the arrivals.
    const period = periodOrSay();
    if (period) await loadDaily(period);
  };

  // ------------------------------------------------------------ over time

  const today = dayOf(Date.now());
  const siteChoice = h('select', { id: 'f-daily-site', name: 'site', testid: 'daily-site' });
  const periodForm = h('form', { class: 'filters', testid: 'period-form' },
    h('div', { class: 'field' }, h('label', { for: 'f-daily-site' }, t('census.site')), siteChoice),
    field('from', t('census.from'), { autocomplete: 'off', inputmode: 'numeric', placeholder: t('common.date_placeholder'),
      value: inputOfDay(dayOf(Date.now() - (DEFAULT_DAYS - 1) * DAY_MS)) }),
    field('to', t('census.to'), { autocomplete: 'off', inputmode: 'numeric', placeholder: t('common.date_placeholder'), value: inputOfDay(today) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', testid: 'period-show' }, t('census.show'))));
  const periodError = errorLine(periodForm);
  periodError.el.dataset.testid = 'period-error';
  periodForm.append(periodError.el);
  const daily = section(t('census.daily_title'), 'census-daily');
  const arrivals = section(t('census.arrivals_title'), 'census-arrivals');
  daily.body.append(loading());
  arrivals.body.append(loading());

  function fillSites() {
    const chosen = siteChoice.value;
    siteChoice.replaceChildren(...sites.map((s) => h('option', { value: String(s.id) }, s.name)));
    if (chosen) siteChoice.value = chosen;
  }

  const dayTitles = (days) => days.map((d) => dayText(d));
  const dayAxis = (days) => days.map((d) => dayText(d, true));
  const grouped = (per) => t('census.grouped', { days: per });

  const drawDaily = (d) => {
    const days = d.days ?? [];
    const names = days.map((x) => x.day);
    const site = d.siteName || `#${d.siteId}`;
    daily.el.querySelector('h2').textContent = t('census.daily_site_title', { site });
    const last = days[days.length - 1];
    fill(daily.body,
      h('p', { class: 'muted small-print' }, t('census.daily_hint', { days: d.presenceWindowDays ?? settings.presenceWindowDays }), ' ',
        csvLink(pathOf('/v1/census/sites/{id}/daily.csv', { id: d.siteId }), { from: d.from, to: d.to }, 'csv-daily')),
      days.length
        ? columnsChart({
            testid: 'chart-daily',
            series: [{ label: t('census.present'), values: days.map((x) => toNumber(x.present)), className: 'chart-bar', how: 'last' }],
            labels: {
              title: t('census.daily_chart', { site }), language: language(), format: count, grouped,
              summary: t('census.daily_summary', { site, from: dayText(d.from), to: dayText(d.to), present: count(last?.present) }),
              days: dayAxis(names), titles: dayTitles(names), sample: dayText('2026-12-30', true),
            },
          })
        : null,
      h('div', { class: 'table-scroll table-narrow' }, countTable({
        testid: 'table-daily',
        columns: [
          { label: t('census.day'), cell: (x) => dayText(x.day) },
          { label: t('census.present_end_of_day'), num: true, cell: (x) => count(x.present) },
          { label: t('census.arrivals'), num: true, cell: (x) => count(x.arrivals) },
        ],
        rows: days.map((x) => ({ ...x, key: x.day })),
        totals: [t('census.period_total'), '', count(days.reduce((sum, x) => sum + toNumber(x.arrivals), 0))],
      })));
  };

  const drawArrivals = (a) => {
    const days = a.days ?? [];
    const series = (a.sites ?? []).map((s, k) => ({
      label: s.siteName || `#${s.siteId}`, values: (s.perDay ?? []).map(toNumber), className: seriesClass(k), total: toNumber(s.total),
    }));
    const all = series.reduce((sum, s) => sum + s.total, 0);
    const perDay = days.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
    fill(arrivals.body,
      h('p', { class: 'muted small-print' }, t('census.arrivals_hint'), ' ',
        csvLink('/v1/census/arrivals.csv', { from: a.from, to: a.to }, 'csv-arrivals')),
      days.length
        ? columnsChart({
            testid: 'chart-arrivals',
            series,
            labels: {
              title: t('census.arrivals_chart'), language: language(), format: count, grouped,
              summary: t('census.arrivals_summary', { total: count(all), from: dayText(a.from), to: dayText(a.to), sites: series.length }),
              days: dayAxis(days), titles: dayTitles(days), sample: dayText('2026-12-30', true),
            },
          })
        : null,
      h('div', { class: 'table-scroll table-medium' }, countTable({
        testid: 'table-arrivals',
        columns: [
          { label: t('census.day'), cell: (row) => dayText(row.day) },
          ...series.map((s, k) => ({ label: s.label, num: true, cell: (row) => count(row.values[k]) })),
          { label: t('census.total'), num: true, cell: (row) => count(row.total) },
        ],
        rows: days.map((day, i) => ({ key: day, day, values: series.map((s) => s.values[i] ?? 0), total: perDay[i] })),
        totals: [t('census.period_total'), ...series.map((s) => count(s.total)), count(all)],
      })));
  };

  /// The period in the form, as the API's days; a refusal at its field.
  const periodOf = () => {
    const v = formValues(periodForm);
    const from = dayParam(v.from);
    const to = dayParam(v.to);
    if (!from) throw { title: t('census.bad_day'), field: 'from' };
    if (!to) throw { title: t('census.bad_day'), field: 'to' };
    if (to < from) throw { title: t('census.bad_range'), field: 'to' };
    return { site: v.site, from, to };
  };

  /// The period in the form, or null once its refusal is shown.
  const periodOrSay = () => {
    periodError.clear();
    try {
      return periodOf();
    } catch (e) {
      periodError.show(e);
      return null;
    }
  };

  /// One site's days (its persons present depend on the site and the presence window).
  const beginDaily = newestOnly(ctx);
  const loadDaily = async (period) => {
    if (!period.site) return;
    const newest = beginDaily();
    try {
      const d = await ctx.api.get(pathOf('/v1/census/sites/{id}/daily', { id: period.site }), { from: period.from, to: period.to });
      if (newest()) drawDaily(d);
    } catch (e) {
      if (newest()) periodError.show(e);
    }
  };

  /// Every site's arrivals (they depend on the period only).
  const beginArrivals = newestOnly(ctx);
  const loadArrivals = async (period) => {
    const newest = beginArrivals();
    try {
      const a = await ctx.api.get('/v1/census/arrivals', { from: period.from, to: period.to });
      if (newest()) drawArrivals(a);
    } catch (e) {
      if (newest()) periodError.show(e);
    }
  };

  const loadPeriod = async () => {
    const period = periodOrSay();
    if (period) await Promise.all([loadDaily(period), loadArrivals(period)]);
  };

  periodForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loadPeriod();
  });
  siteChoice.addEventListener('change', () => {
    const period = periodOrSay();
    if (period) loadDaily(period);
  });
  refresh.addEventListener('click', () => loadNow());
  changeWindow.addEventListener('click', setWindow);
  now.body.append(loading());
  loadNow().then(() => loadPeriod());
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'populations-intro' },
      h('p', {}, t('census.populations_intro')),
      h('p', { class: 'row-actions' }, windowText, changeWindow)),
    flash, nowError.el, now.el,
    h('section', { class: 'card', testid: 'census-period' },
      h('div', { class: 'section-head' }, h('h2', {}, t('census.period_title'))),
      periodForm),
    daily.el, arrivals.el);
}
