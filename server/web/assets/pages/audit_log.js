// Auditors: the audit log with its filters (user, role, route, person token, date range,
// outcome) kept in the page's address, the CSV export of the filtered view, and "who touched
// this person" (every entry naming one person token).
import { fill, h, formValues } from '../dom.js';
import { dateTime, language, t } from '../i18n.js';
import { roleKey, toNumber } from '../format.js';
import { AUDIT_ENTRIES, OUTCOMES, ROLE_NAMES, apiParams, exportHref, filtersFromSearch, searchOf } from '../audit_query.js';
import { errorLine, field, section, table } from '../ui.js';

const PAGE_SIZE = 100;

function outcomeBadge(outcome) {
  const kind = String(outcome ?? '').split(':')[0];
  return h('span', { class: `badge ${kind === 'ok' ? 'ok' : kind === 'refused' ? 'warn' : 'bad'}` }, outcome ?? '');
}

function entriesTable(entries) {
  const list = (values) => (values ?? []).length ? h('ul', { class: 'plain' }, values.map((v) => h('li', {}, h('code', {}, v)))) : '';
  return table([
    { label: t('audit.seq'), class: 'num', cell: (e) => String(e.seq ?? '') },
    { label: t('audit.at'), cell: (e) => dateTime(e.atMs) },
    { label: t('audit.actor'), cell: (e) => h('span', {}, h('code', {}, e.actorId ?? ''), h('br'), h('small', { class: 'muted' }, e.actorRole ? t(roleKey(e.actorRole)) : t(`actor.${e.actorKind ?? 'anonymous'}`))) },
    { label: t('audit.from'), cell: (e) => e.clientAddress ?? '' },
    { label: t('audit.action'), cell: (e) => h('code', {}, e.action ?? '') },
    { label: t('audit.targets'), cell: (e) => list(e.targets) },
    { label: t('audit.persons'), cell: (e) => list(e.personTokens) },
    { label: t('audit.count'), class: 'num', cell: (e) => (toNumber(e.resultCount ?? -1) >= 0 ? String(e.resultCount ?? 0) : '') },
    { label: t('audit.outcome'), cell: (e) => h('span', {}, outcomeBadge(e.outcome), e.httpStatus ? h('small', { class: 'muted' }, ` ${e.httpStatus}`) : null) },
    { label: t('audit.reason'), cell: (e) => [e.reason ?? '', e.caseReference ? h('small', { class: 'muted' }, ` (${e.caseReference})`) : null] },
  ], entries, { testid: 'audit-table', rowTestid: (e) => `entry-${e.seq}` });
}

/// Loads the entries for `params` into `body`, page after page on "more".
function entryList(ctx, body, params, error) {
  let entries = [];
  const load = async (cursor = '') => {
    try {
      const page = await ctx.api.get(AUDIT_ENTRIES, { ...params, cursor, limit: PAGE_SIZE });
      if (!ctx.isCurrent()) return;
      entries = cursor ? entries.concat(page.entries ?? []) : page.entries ?? [];
      const next = page.nextCursor ?? '';
      fill(body,
        h('p', { class: 'muted', testid: 'audit-shown' }, t('audit.shown', { count: entries.length })),
        entries.length ? entriesTable(entries) : h('p', { class: 'muted', testid: 'audit-empty' }, t('audit.none')),
        next ? h('button', { type: 'button', testid: 'audit-more', onclick: () => load(next) }, t('common.more')) : null);
    } catch (e) {
      error.show(e);
    }
  };
  load();
}

export function auditLogView(ctx) {
  const filters = filtersFromSearch(ctx.query);
  const form = h('form', { class: 'filters', testid: 'audit-filters' });
  const error = errorLine(form);
  const option = (value, text) => [value, text];
  form.append(
    field('user', t('audit.filter_user'), { value: filters.user, autocomplete: 'off' }),
    field('role', t('audit.filter_role'), { options: [option('', t('common.all')), ...ROLE_NAMES.map((r) => option(r, t(`role.${r}`)))] }),
    field('route', t('audit.filter_route'), { value: filters.route, autocomplete: 'off', placeholder: 'GET /v1/devices' }),
    field('person', t('audit.filter_person'), { value: filters.person, autocomplete: 'off', spellcheck: 'false' }),
    field('from', t('audit.filter_from'), { value: filters.from, placeholder: t('common.date_placeholder'), inputmode: 'numeric' }),
    field('to', t('audit.filter_to'), { value: filters.to, placeholder: t('common.date_placeholder'), inputmode: 'numeric' }),
    field('outcome', t('audit.filter_outcome'), { options: [option('', t('common.all')), ...OUTCOMES.map((o) => option(o, t(`outcome.${o}`)))] }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', testid: 'audit-apply' }, t('audit.apply')),
      h('a', { href: '/audit', 'data-nav': '', class: 'button', testid: 'audit-clear' }, t('audit.clear'))),
    error.el);
  form.querySelector('[name="role"]').value = filters.role;
  form.querySelector('[name="outcome"]').value = filters.outcome;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(`/audit${searchOf(formValues(form))}`);
  });

  const exportLink = h('a', { class: 'button', testid: 'audit-export', download: '' }, t('audit.export'));
  const semicolon = h('input', { type: 'checkbox', testid: 'audit-export-semicolon', checked: language() === 'fr' });
  const exportOptions = h('label', { class: 'check' }, semicolon, ` ${t('audit.export_semicolon')}`);
  const list = section(t('audit.log_title'), 'audit-log', exportOptions, exportLink);
  const query = apiParams(filters);
  if (query.error) {
    exportLink.hidden = true;
    exportOptions.hidden = true;
    error.show({ title: t(`audit.bad_${query.error}`), field: query.error });
  } else {
    const setHref = () => exportLink.setAttribute('href', exportHref(query.params, language(), semicolon.checked));
    semicolon.addEventListener('change', setHref);
    setHref();
    entryList(ctx, list.body, query.params, error);
  }
  return h('div', { class: 'stack' }, h('section', { class: 'card' }, form), list.el);
}

export function auditPersonView(ctx) {
  const token = (ctx.query.get('token') ?? '').trim().toLowerCase();
  const form = h('form', { class: 'stack form-wide', testid: 'person-form' });
  const error = errorLine(form);
  form.append(
    field('token', t('audit.person_token'), { value: token, autocomplete: 'off', spellcheck: 'false', hint: t('audit.person_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', testid: 'person-search' }, t('audit.person_search'))),
    error.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = formValues(form).token.toLowerCase();
    ctx.navigate(value ? `/audit/person?token=${encodeURIComponent(value)}` : '/audit/person');
  });
  const list = section(t('audit.person_title'), 'audit-person');
  if (token && !/^[0-9a-f]+$/.test(token)) {
    error.show({ title: t('audit.bad_person'), field: 'token' });
  } else if (token) {
    entryList(ctx, list.body, { personToken: token }, error);
  } else {
    list.body.append(h('p', { class: 'muted' }, t('audit.person_intro')));
  }
  return h('div', { class: 'stack' }, h('section', { class: 'card' }, form), list.el);
}
