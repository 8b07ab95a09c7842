// Auditors: the audit log with its filters (user, role, route, person token, date range,
// outcome) kept in the page's address, the CSV export of the filtered view, and "who touched
// this person" (every entry naming one person token). An entry's actor, action and person
// tokens are links to the log filtered on them.
import { fill, h, formValues } from '../dom.js';
import { dateTime, language, t } from '../i18n.js';
import { roleKey, toNumber } from '../format.js';
import { AUDIT_ENTRIES, OUTCOMES, ROLE_NAMES, ROUTES, apiParams, exportHref, filtersFromSearch, searchOf } from '../audit_query.js';
import { errorLine, field, section, table } from '../ui.js';

const PAGE_SIZE = 100;

/// "ok", "refused:<code>", "error:<code>": the kind in words, the stable code under it as
/// recorded (what an auditor quotes and filters on).
function outcomeCell(e) {
  const [kind, ...rest] = String(e.outcome ?? '').split(':');
  const known = OUTCOMES.includes(kind);
  return h('span', {},
    h('span', { class: `badge ${kind === 'ok' ? 'ok' : kind === 'refused' ? 'warn' : 'bad'}` }, known ? t(`outcome.${kind}`) : e.outcome ?? ''),
    e.httpStatus ? h('small', { class: 'muted' }, ` ${e.httpStatus}`) : null,
    known && rest.length ? h('br') : null,
    known && rest.length ? h('code', { class: 'small' }, rest.join(':')) : null);
}

/// A link to the log filtered on one value (kept by the app's navigation, not a reload).
const filterLink = (path, text, title) => h('a', { href: path, 'data-nav': '', title }, h('code', {}, text));

/// Who, in what role or capacity, from which address.
function actorCell(e) {
  const kind = e.actorRole ? t(roleKey(e.actorRole)) : t(`actor.${e.actorKind ?? 'anonymous'}`);
  return h('span', {},
    e.actorId ? filterLink(`/audit${searchOf({ user: e.actorId })}`, e.actorId, t('audit.filter_on_user')) : null,
    e.actorId ? h('br') : null,
    h('small', { class: 'muted' }, kind),
    e.clientAddress ? h('br') : null,
    e.clientAddress ? h('small', { class: 'muted', testid: 'entry-address' }, e.clientAddress) : null);
}

function actionCell(e) {
  return h('span', {},
    filterLink(`/audit${searchOf({ route: e.action ?? '' })}`, e.action ?? '', t('audit.filter_on_route')),
    // The filters or terms the entry's read was made with ("actorId=chef&action=…").
    e.query ? h('br') : null,
    e.query ? h('code', { class: 'small', testid: 'entry-query' }, e.query) : null);
}

const list = (values, item = (v) => h('code', {}, v)) =>
  (values ?? []).length ? h('ul', { class: 'plain' }, values.map((v) => h('li', {}, item(v)))) : '';

function entriesTable(entries) {
  return table([
    { label: t('audit.seq'), class: 'num', cell: (e) => String(e.seq ?? '') },
    { label: t('audit.at'), class: 'nowrap', cell: (e) => dateTime(e.atMs, true) },
    { label: t('audit.actor'), cell: actorCell },
    { label: t('audit.action'), cell: actionCell },
    { label: t('audit.targets'), cell: (e) => list(e.targets) },
    { label: t('audit.persons'), cell: (e) => list(e.personTokens, (token) =>
      filterLink(`/audit/person?token=${encodeURIComponent(token)}`, token, t('audit.filter_on_person'))) },
    { label: t('audit.count'), class: 'num', cell: (e) => (toNumber(e.resultCount ?? -1) >= 0 ? String(e.resultCount ?? 0) : '') },
    { label: t('audit.outcome'), cell: outcomeCell },
    { label: t('audit.reason'), cell: (e) => [e.reason ?? '', e.caseReference ? h('small', { class: 'muted' }, ` (${e.caseReference})`) : null] },
  ], entries, { testid: 'audit-table', rowTestid: (e) => `entry-${e.seq}` });
}

/// Loads the entries for `params` into `body`, page after page on "more"; `empty` is what to
/// say when there is none.
function entryList(ctx, body, params, error, empty) {
  let entries = [];
  const load = async (cursor = '') => {
    try {
      const page = await ctx.api.get(AUDIT_ENTRIES, { ...params, cursor, limit: PAGE_SIZE });
      if (!ctx.isCurrent()) return;
      entries = cursor ? entries.concat(page.entries ?? []) : page.entries ?? [];
      const next = page.nextCursor ?? '';
      if (!entries.length) {
        fill(body, h('p', { class: 'muted', testid: 'audit-empty' }, empty));
        return;
      }
      fill(body,
        h('p', { class: 'muted', testid: 'audit-shown' }, t(next ? 'audit.shown_more' : 'audit.shown', { count: entries.length })),
        entriesTable(entries),
        next ? h('button', { type: 'button', testid: 'audit-more', onclick: () => load(next) }, t('common.more')) : null);
    } catch (e) {
      error.show(e);
    }
  };
  body.append(h('p', { class: 'muted', testid: 'loading' }, t('common.loading')));
  load();
}

export function auditLogView(ctx) {
  const filters = filtersFromSearch(ctx.query);
  const form = h('form', { class: 'filters', testid: 'audit-filters' });
  const error = errorLine(form);
  const option = (value, text) => [value, text];
  const routes = h('datalist', { id: 'audit-routes' }, ROUTES.map((route) => h('option', { value: route })));
  const route = field('route', t('audit.filter_route'), { value: filters.route, autocomplete: 'off', spellcheck: 'false', list: 'audit-routes', placeholder: 'POST /v1/users' });
  route.classList.add('wide');  // "POST /v1/devices/{id}/revoke" is read whole
  form.append(
    field('user', t('audit.filter_user'), { value: filters.user, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' }),
    field('role', t('audit.filter_role'), { options: [option('', t('common.all')), ...ROLE_NAMES.map((r) => option(r, t(`role.${r}`)))] }),
    route,
    routes,
    field('person', t('audit.filter_person'), { value: filters.person, autocomplete: 'off', spellcheck: 'false' }),
    field('outcome', t('audit.filter_outcome'), { options: [option('', t('common.all')), ...OUTCOMES.map((o) => option(o, t(`outcome.${o}`)))] }),
    // The range's two ends side by side.
    field('from', t('audit.filter_from'), { value: filters.from, placeholder: t('common.date_placeholder'), inputmode: 'numeric' }),
    field('to', t('audit.filter_to'), { value: filters.to, placeholder: t('common.date_placeholder'), inputmode: 'numeric' }),
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
  const entries = section(t('audit.log_title'), 'audit-log', exportOptions, exportLink);
  const query = apiParams(filters);
  if (query.error) {
    exportLink.hidden = true;
    exportOptions.hidden = true;
    error.show({ title: t(`audit.bad_${query.error}`), field: query.error });
    entries.body.append(h('p', { class: 'muted' }, t('audit.fix_filters')));
  } else {
    const setHref = () => exportLink.setAttribute('href', exportHref(query.params, language(), semicolon.checked));
    semicolon.addEventListener('change', setHref);
    setHref();
    entryList(ctx, entries.body, query.params, error, t('audit.none'));
  }
  return h('div', { class: 'stack' }, h('section', { class: 'card' }, form), entries.el);
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
  const entries = section(t('audit.person_title'), 'audit-person');
  if (token && !/^[0-9a-f]+$/.test(token)) {
    error.show({ title: t('audit.bad_person'), field: 'token' });
  } else if (token) {
    entryList(ctx, entries.body, { personToken: token }, error, t('audit.person_none'));
  } else {
    entries.body.append(h('p', { class: 'muted' }, t('audit.person_intro')));
  }
  return h('div', { class: 'stack' }, h('section', { class: 'card' }, form), entries.el);
}
