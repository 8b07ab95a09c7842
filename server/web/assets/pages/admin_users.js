// Administrators: the users. Create one with a role (and, for those who work at kiosks, a PIN,
// a staff card and sites), disable one, force a password reset, set a PIN or a staff card,
// choose the sites. The same code as `minegatectl user ...` runs behind each route.
import { fill, h, formValues } from '../dom.js';
import { date, t } from '../i18n.js';
import { ROLES, roleKey, toNumber, worksAtKiosks } from '../format.js';
import { pathOf } from '../api.js';
import { badge, confirmDialog, errorLine, field, formDialog, loading, section, table } from '../ui.js';

export function adminUsersView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  const create = h('button', { type: 'button', class: 'primary', testid: 'user-create' }, t('users.create'));
  const list = section(t('users.title'), 'users', create);
  let sites = [];
  let users = [];
  let nextCursor = '';

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };
  const siteName = (id) => sites.find((s) => s.siteId === String(id))?.name ?? `#${id}`;

  const draw = () => {
    const more = nextCursor
      ? h('button', { type: 'button', testid: 'users-more', onclick: () => load(nextCursor) }, t('common.more'))
      : null;
    fill(list.body,
      users.length ? table(columns(), users, { testid: 'users-table', rowTestid: (u) => `user-${u.userId}` }) : h('p', { class: 'muted' }, t('users.none')),
      more);
  };

  const load = async (cursor = '') => {
    listError.clear();
    try {
      const page = await ctx.api.get('/v1/users', { cursor });
      if (!ctx.isCurrent()) return;
      users = cursor ? users.concat(page.users ?? []) : page.users ?? [];
      nextCursor = page.nextCursor ?? '';
      draw();
    } catch (e) {
      listError.show(e);
    }
  };

  const reload = async (message) => {
    if (message) say(message);
    await load();
  };

  const kioskState = (u) => {
    if (!worksAtKiosks(u.role)) return '—';
    const pin = u.pinCompromised ? badge(t('users.pin_compromised'), 'bad') : u.hasPin ? badge(t('users.pin_set'), 'ok') : badge(t('users.pin_none'), 'muted');
    const card = u.cardCompromised ? badge(t('users.card_compromised'), 'bad')
      : u.hasStaffCard ? badge(t('users.card', { uid: u.staffCardUid ?? '' }), 'ok') : badge(t('users.card_none'), 'muted');
    return h('span', { class: 'badges' }, pin, card);
  };

  const state = (u) => {
    if (toNumber(u.disabledAtMs)) return badge(t('users.disabled_on', { date: date(u.disabledAtMs) }), 'bad', 'user-state');
    if (u.mustChangePassword) return badge(t('users.must_change'), 'warn', 'user-state');
    return badge(t('users.active'), 'ok', 'user-state');
  };

  const actions = (u) => {
    if (toNumber(u.disabledAtMs)) return '';
    // One's own account: the password is changed on its own page (the old one required), and
    // an administrator does not disable themselves (the server refuses it too).
    if (u.userId === ctx.session.userId) {
      return h('span', { class: 'muted', testid: 'user-self' }, t('users.self'), ' ',
        h('a', { href: '/password', 'data-nav': '' }, t('nav.password')));
    }
    const button = (key, testid, onclick, cls) => h('button', { type: 'button', class: ['small', cls], testid, onclick }, t(key));
    return h('div', { class: 'row-actions' },
      // Gate agents never sign in on the web (their PIN opens the kiosk): no password to reset.
      u.role === 'API_ROLE_GATE_AGENT' ? null : button('users.reset', 'user-reset', () => resetPassword(u)),
      worksAtKiosks(u.role) ? button('users.set_pin', 'user-pin', () => setPin(u)) : null,
      worksAtKiosks(u.role) ? button('users.set_card', 'user-card', () => setCard(u)) : null,
      worksAtKiosks(u.role) ? button('users.set_sites', 'user-sites', () => setSites(u)) : null,
      button('users.disable', 'user-disable', () => disable(u), 'danger'));
  };

  const columns = () => [
    { label: t('users.id'), cell: (u) => h('code', {}, u.userId) },
    { label: t('users.name'), cell: (u) => u.displayName ?? '' },
    { label: t('users.role'), cell: (u) => t(roleKey(u.role)) },
    { label: t('users.state'), cell: state },
    { label: t('users.kiosk'), cell: kioskState },
    { label: t('users.sites'), cell: (u) => (u.siteIds ?? []).map(siteName).join(', ') },
    { label: t('users.created'), cell: (u) => date(u.createdAtMs) },
    { label: '', cell: actions, class: 'actions-cell' },
  ];

  const siteBoxes = (checked = []) =>
    h('fieldset', { class: 'checks' }, h('legend', {}, t('users.sites')),
      sites.length ? sites.map((s) => h('label', {}, h('input', { type: 'checkbox', name: 'siteIds', value: s.siteId, checked: checked.includes(s.siteId) }), ` ${s.name}`))
        : h('span', { class: 'muted' }, t('sites.none')));

  const createUser = async () => {
    const kiosk = h('div', { class: 'stack', hidden: true, testid: 'kiosk-fields' },
      field('pin', t('users.pin'), { type: 'password', inputmode: 'numeric', autocomplete: 'new-password', hint: t('users.pin_rule') }),
      field('staffCardUid', t('users.card_uid'), { autocomplete: 'off', hint: t('users.card_rule') }),
      siteBoxes());
    const role = field('role', t('users.role'), { options: ROLES.map((r) => [r, t(roleKey(r))]) });
    const password = field('password', t('users.first_password'), { type: 'password', autocomplete: 'new-password', hint: ' ' });
    const showRole = (value) => {
      kiosk.hidden = !worksAtKiosks(value);
      // Every account has a password; a gate agent's opens nothing on the web.
      password.querySelector('small').textContent =
        t(value === 'API_ROLE_GATE_AGENT' ? 'users.first_password_rule_agent' : 'users.first_password_rule');
    };
    role.querySelector('select').addEventListener('change', (e) => showRole(e.target.value));
    showRole(ROLES[0]);
    const created = await formDialog({
      title: t('users.create'),
      testid: 'user-create-dialog',
      submitLabel: t('action.create'),
      fields: [
        field('userId', t('users.id'), { autocomplete: 'off', autocapitalize: 'none', hint: t('users.id_rule') }),
        field('displayName', t('users.name'), { autocomplete: 'off' }),
        role,
        password,
        kiosk,
      ],
      submit: async (form) => {
        const v = formValues(form);
        const body = { userId: v.userId, displayName: v.displayName, role: v.role, password: v.password };
        if (worksAtKiosks(v.role)) Object.assign(body, { pin: v.pin, staffCardUid: v.staffCardUid, siteIds: v.siteIds });
        await ctx.api.post('/v1/users', body);
        return v.userId;
      },
    });
    if (created) await reload(t('users.created_ok', { id: created }));
  };

  const resetPassword = async (u) => {
    const done = await formDialog({
      title: t('users.reset_title', { id: u.userId }),
      testid: 'user-reset-dialog',
      submitLabel: t('users.reset'),
      fields: [h('p', {}, t('users.reset_text')),
        field('temporaryPassword', t('users.temporary_password'), { type: 'password', autocomplete: 'new-password', hint: t('users.first_password_rule') })],
      submit: (form) => ctx.api.post(pathOf('/v1/users/{id}/password-reset', { id: u.userId }), { temporaryPassword: formValues(form).temporaryPassword }).then(() => true),
    });
    if (done) await reload(t('users.reset_ok', { id: u.userId }));
  };

  const setPin = async (u) => {
    const done = await formDialog({
      title: t('users.pin_title', { id: u.userId }),
      testid: 'user-pin-dialog',
      submitLabel: t('action.save'),
      fields: [field('pin', t('users.pin'), { type: 'password', inputmode: 'numeric', autocomplete: 'new-password', hint: t('users.pin_rule') })],
      submit: (form) => ctx.api.put(pathOf('/v1/users/{id}/pin', { id: u.userId }), { pin: formValues(form).pin }).then(() => true),
    });
    if (done) await reload(t('users.pin_ok', { id: u.userId }));
  };

  const setCard = async (u) => {
    const done = await formDialog({
      title: t('users.card_title', { id: u.userId }),
      testid: 'user-card-dialog',
      submitLabel: t('action.save'),
      fields: [field('staffCardUid', t('users.card_uid'), { autocomplete: 'off', value: u.staffCardUid ?? '', hint: t('users.card_clear') })],
      submit: (form) => ctx.api.put(pathOf('/v1/users/{id}/staff-card', { id: u.userId }), { staffCardUid: formValues(form).staffCardUid }).then(() => true),
    });
    if (done) await reload(t('users.card_ok', { id: u.userId }));
  };

  const setSites = async (u) => {
    const done = await formDialog({
      title: t('users.sites_title', { id: u.userId }),
      testid: 'user-sites-dialog',
      submitLabel: t('action.save'),
      fields: [siteBoxes(u.siteIds ?? [])],
      submit: (form) => ctx.api.put(pathOf('/v1/users/{id}/sites', { id: u.userId }), { siteIds: formValues(form).siteIds ?? [] }).then(() => true),
    });
    if (done) await reload(t('users.sites_ok', { id: u.userId }));
  };

  const disable = async (u) => {
    const yes = await confirmDialog({ title: t('users.disable_title', { id: u.userId }), text: t('users.disable_text'), confirm: t('users.disable'), danger: true });
    if (!yes) return;
    try {
      await ctx.api.post(pathOf('/v1/users/{id}/disable', { id: u.userId }), {});
      await reload(t('users.disabled_ok', { id: u.userId }));
    } catch (e) {
      listError.show(e);
    }
  };

  create.addEventListener('click', createUser);
  list.body.append(loading());
  (async () => {
    try {
      sites = (await ctx.api.get('/v1/sites')).sites ?? [];
    } catch (e) {
      listError.show(e);
    }
    await load();
  })();
  return h('div', { class: 'stack' }, flash, listError.el, list.el);
}
