// EMAPE officials: census campaigns (docs/api.md §14). Every campaign with its site, period,
// status and the persons observed so far; a new one (opening now or on a day, closing at the end
// of a day), a scheduled one opened now, an open one closed after a confirmation; each links to
// its results. The site's kiosks receive every change (the server's census_campaigns list). The
// sites come from GET /v1/sites (open to EMAPE officials: names and gates, no person).
import { h, formValues } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { formatDate, pad, parseDayInput } from '../format.js';
import { pathOf } from '../api.js';
import { confirmDialog, errorLine, field, formDialog, labelCells, loading, section, table } from '../ui.js';
import { campaignName, count, periodOf, statusBadge } from './census_tables.js';

/// A campaign's id from its site and month ("Kharakhéna", 2026-12 → "kharakhena-2026-12"): what
/// the server accepts (a-z, 0-9, "-"), accents dropped.
export function campaignIdOf(siteName, ms) {
  const slug = String(siteName ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'site';
  const d = new Date(ms);
  return `${slug}-${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/// The names a new campaign is offered in both languages, whatever the page's (officials may
/// change them): "Recensement de Bantako, décembre 2026" / "Bantako census, December 2026".
export function campaignNamesOf(siteName, ms) {
  const month = (locale) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(new Date(ms));
  return { nameFr: `Recensement de ${siteName}, ${month('fr-FR')}`, nameEn: `${siteName} census, ${month('en-GB')}` };
}

const DAY_MS = 24 * 3600 * 1000;
/// A day as typed in the form ("07/12/2026").
const typedDay = (ms) => formatDate(ms, 'fr');

export function censusCampaignsView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  listError.el.dataset.testid = 'campaigns-error';
  const siteFilter = h('select', { id: 'f-campaigns-site', testid: 'campaigns-site' },
    h('option', { value: '' }, t('census.all_sites')));
  const refresh = h('button', { type: 'button', testid: 'campaigns-refresh' }, t('common.refresh'));
  const create = h('button', { type: 'button', class: 'primary', testid: 'campaign-create' }, t('census.create'));
  const list = section(t('census.campaigns_title'), 'campaigns',
    h('label', { for: 'f-campaigns-site' }, t('census.site')), siteFilter, refresh, create);
  let campaigns = [];
  let sites = [];

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };

  const nameCell = (c) => h('div', {},
    h('a', { href: `/census/campaign?id=${encodeURIComponent(c.campaignId)}`, 'data-nav': '', class: 'strong', testid: 'campaign-name' }, campaignName(c)),
    h('br'), h('code', { class: 'small', testid: 'campaign-id' }, c.campaignId));
  const actionsOf = (c) => h('div', { class: 'row-actions campaign-actions' },
    h('a', { href: `/census/campaign?id=${encodeURIComponent(c.campaignId)}`, 'data-nav': '', class: 'button small', testid: 'campaign-results' }, t('census.results')),
    c.status === 'scheduled'
      ? h('button', { type: 'button', class: 'small', testid: 'campaign-open', onclick: () => openNow(c) }, t('census.open_now'))
      : null,
    c.status !== 'closed'
      ? h('button', { type: 'button', class: 'small danger', testid: 'campaign-close', onclick: () => close(c) }, t('census.close'))
      : null);

  const draw = () => {
    const shown = siteFilter.value ? campaigns.filter((c) => String(c.siteId) === siteFilter.value) : campaigns;
    list.body.replaceChildren(shown.length
      ? labelCells(table([
          { label: t('census.campaign'), cell: nameCell },
          { label: t('census.site'), cell: (c) => c.siteName || `#${c.siteId}` },
          { label: t('census.period'), cell: periodOf },
          { label: t('census.status'), cell: statusBadge },
          { label: t('census.observed'), class: 'num', cell: (c) => h('span', { testid: 'campaign-observed' }, count(c.observed)) },
          { label: '', class: 'actions-cell', cell: actionsOf },
        ], shown, { testid: 'campaigns-table', rowTestid: (c) => `campaign-${c.campaignId}` }), 'census-cards')
      : h('p', { class: 'muted', testid: 'campaigns-none' }, t(siteFilter.value ? 'census.none_at_site' : 'census.none')));
  };

  const load = async () => {
    listError.clear();
    try {
      const answer = await ctx.api.get('/v1/census/campaigns');
      if (!ctx.isCurrent()) return;
      // Newest first: the campaign running now, or the last one, is what officials come for.
      campaigns = [...(answer.campaigns ?? [])].reverse();
      draw();
    } catch (e) {
      if (ctx.isCurrent()) listError.show(e);
    }
  };

  /// The sites (for the filter and the new campaign): GET /v1/sites, open to EMAPE officials
  /// (names and gates, no person).
  const loadSites = async () => {
    try {
      const answer = await ctx.api.get('/v1/sites');
      if (!ctx.isCurrent()) return;
      sites = (answer.sites ?? []).map((s) => ({ id: String(s.siteId), name: s.name || `#${s.siteId}` }));
      const chosen = siteFilter.value;
      siteFilter.replaceChildren(h('option', { value: '' }, t('census.all_sites')),
        ...sites.map((s) => h('option', { value: String(s.id) }, s.name)));
      siteFilter.value = chosen;
    } catch (e) {
      if (ctx.isCurrent()) listError.show(e);
    }
  };

  /// The request the form describes, or a refusal at its field.
  const requestOf = (form) => {
    const v = formValues(form);
    const fail = (key, name) => {
      throw { title: t(key), field: name };
    };
    if (!v.siteId) fail('census.site_required', 'siteId');
    if (!/^[a-z0-9-]{3,64}$/.test(v.campaignId)) fail('census.bad_id', 'campaignId');
    if (!v.nameFr) fail('census.name_required', 'nameFr');
    if (!v.nameEn) fail('census.name_required', 'nameEn');
    const today = new Date().setHours(0, 0, 0, 0);
    let opensAtMs = 0;  // now
    if (v.opening === 'date') {
      const start = parseDayInput(v.opensAtMs);
      if (start === undefined || start === null) fail('census.bad_day', 'opensAtMs');
      if (start < today) fail('census.opening_past', 'opensAtMs');
      if (start > today) opensAtMs = start;  // today: now
    }
    const end = parseDayInput(v.closesAtMs, true);
    if (end === undefined || end === null) fail('census.bad_day', 'closesAtMs');
    if (end <= Math.max(Date.now(), opensAtMs)) fail('census.closing_before', 'closesAtMs');
    return {
      campaignId: v.campaignId, siteId: Number(v.siteId), nameFr: v.nameFr, nameEn: v.nameEn,
      opensAtMs: String(opensAtMs), closesAtMs: String(end),
    };
  };

  const fieldsOf = () => {
    const now = Date.now();
    const siteField = field('siteId', t('census.site'), {
      options: [['', t('census.choose_site')], ...sites.map((s) => [String(s.id), s.name])],
    });
    const idField = field('campaignId', t('census.campaign_id'), {
      autocomplete: 'off', maxlength: 64, hint: t('census.campaign_id_hint'), class: 'mono',
    });
    const frField = field('nameFr', t('census.name_fr'), { autocomplete: 'off', maxlength: 120, lang: 'fr' });
    const enField = field('nameEn', t('census.name_en'), { autocomplete: 'off', maxlength: 120, lang: 'en' });
    const opening = field('opening', t('census.opening'), {
      options: [['now', t('census.opening_now')], ['date', t('census.opening_date')]],
    });
    const openingDay = field('opensAtMs', t('census.opening_day'), {
      autocomplete: 'off', inputmode: 'numeric', placeholder: t('common.date_placeholder'), value: typedDay(now + DAY_MS),
    });
    openingDay.hidden = true;
    const closing = field('closesAtMs', t('census.closing_day'), {
      autocomplete: 'off', inputmode: 'numeric', placeholder: t('common.date_placeholder'),
      value: typedDay(now + 14 * DAY_MS), hint: t('census.closing_hint'),
    });
    const inputs = (el) => el.querySelector('input, select');
    // The id and names follow the site and the opening month until the official edits them.
    const edited = new Set();
    for (const el of [idField, frField, enField]) inputs(el).addEventListener('input', () => edited.add(inputs(el).name));
    const suggest = () => {
      const site = sites.find((s) => String(s.id) === inputs(siteField).value);
      if (!site) return;
      const start = inputs(opening).value === 'date' ? parseDayInput(inputs(openingDay).value) : Date.now();
      const at = start || Date.now();
      const names = campaignNamesOf(site.name, at);
      if (!edited.has('campaignId')) inputs(idField).value = campaignIdOf(site.name, at);
      if (!edited.has('nameFr')) inputs(frField).value = names.nameFr;
      if (!edited.has('nameEn')) inputs(enField).value = names.nameEn;
    };
    inputs(siteField).addEventListener('change', suggest);
    inputs(opening).addEventListener('change', () => {
      openingDay.hidden = inputs(opening).value !== 'date';
      suggest();
    });
    inputs(openingDay).addEventListener('change', suggest);
    return [
      siteField,
      h('div', { class: 'pair' }, opening, openingDay),
      closing,
      frField, enField, idField,
      h('p', { class: 'muted small-print' }, t('census.create_hint')),
    ];
  };

  const add = async () => {
    if (!sites.length) await loadSites();
    const created = await formDialog({
      title: t('census.create'),
      testid: 'campaign-dialog',
      submitLabel: t('action.create'),
      fields: fieldsOf(),
      submit: (form) => ctx.api.post('/v1/census/campaigns', requestOf(form)),
    });
    if (!created?.campaign) return;
    const c = created.campaign;
    say(t(c.status === 'open' ? 'census.created_open' : 'census.created_scheduled', {
      name: campaignName(c), site: c.siteName || `#${c.siteId}`, date: dateTime(c.opensAtMs),
    }));
    await load();
  };

  const openNow = async (c) => {
    listError.clear();
    try {
      const done = await ctx.api.post(pathOf('/v1/census/campaigns/{id}/open', { id: c.campaignId }), {});
      say(t('census.opened_ok', { name: campaignName(done.campaign ?? c), site: c.siteName || `#${c.siteId}` }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  const close = async (c) => {
    const yes = await confirmDialog({
      title: t('census.close_title', { name: campaignName(c) }),
      text: t(c.status === 'scheduled' ? 'census.close_scheduled_text' : 'census.close_text', {
        site: c.siteName || `#${c.siteId}`, observed: count(c.observed),
      }),
      confirm: t('census.close'),
      danger: true,
    });
    if (!yes) return;
    listError.clear();
    try {
      await ctx.api.post(pathOf('/v1/census/campaigns/{id}/close', { id: c.campaignId }), {});
      say(t('census.closed_ok', { name: campaignName(c) }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  siteFilter.addEventListener('change', draw);
  refresh.addEventListener('click', () => load());
  create.addEventListener('click', add);
  list.body.append(loading());
  loadSites();
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'campaigns-intro' },
      h('p', {}, t('census.campaigns_intro')),
      h('p', {}, h('a', { href: '/census/populations', 'data-nav': '', testid: 'campaigns-populations-link' }, t('census.see_populations')))),
    flash, listError.el, list.el);
}
