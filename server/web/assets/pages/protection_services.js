// Protection officers: the directory of care services a case is referred to (reception centres,
// health posts, legal aid, the Bajenu Gox community godmothers, consular services, the 116
// hotline). Officers keep it: add a service, edit it, deactivate it (no new referral) or take it
// back. A service is never deleted: old referrals keep naming it (docs/api.md §11).
import { h, formValues } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { pathOf } from '../api.js';
import { badge, confirmDialog, errorLine, field, formDialog, labelCells, loading, newestOnly, section, table } from '../ui.js';
import { COMMON_LANGUAGES, languageLabel } from '../languages.js';

/// The kinds, in the order the list groups them and the form offers them.
const SERVICE_KINDS = [
  ['reception_centre', 'services.kind_reception_centre'],
  ['health_post', 'services.kind_health_post'],
  ['legal_aid', 'services.kind_legal_aid'],
  ['community_godmother', 'services.kind_community_godmother'],
  ['consular_service', 'services.kind_consular_service'],
  ['child_protection_hotline', 'services.kind_child_protection_hotline'],
];

// The server's bounds (server/protection/care_service_store.cpp), checked here first so that
// the error is said at its field rather than as the server's one message for all of them.
const MAX_NAME = 120;
const MAX_PLACE = 120;
const MAX_CONTACT = 200;
const MAX_LANGUAGES = 16;
const chars = (text) => [...text].length;

const kindKey = (kind) => SERVICE_KINDS.find(([value]) => value === kind)?.[1];
const kindRank = (kind) => {
  const at = SERVICE_KINDS.findIndex(([value]) => value === kind);
  return at < 0 ? SERVICE_KINDS.length : at;
};

export function protectionServicesView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  const showInactive = h('input', { type: 'checkbox', id: 'f-services-inactive', testid: 'services-show-inactive' });
  const create = h('button', { type: 'button', class: 'primary', testid: 'service-create' }, t('services.create'));
  const list = section(t('services.title'), 'services',
    h('label', { class: 'check', for: 'f-services-inactive' }, showInactive, t('services.show_inactive')), create);
  let services = [];
  const begin = newestOnly(ctx);

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };

  const languagesOf = (s) => ((s.languages ?? []).length
    ? h('span', { testid: 'service-languages' }, s.languages.map(languageLabel).join(', '))
    : h('span', { class: 'muted', testid: 'service-languages' }, t('services.languages_none')));
  const minorsOf = (s) => (s.acceptsMinors
    ? badge(t('services.minors_yes'), 'ok', 'service-minors')
    : badge(t('services.minors_no'), 'warn', 'service-minors'));
  const stateOf = (s) => (s.active
    ? badge(t('services.active'), 'ok', 'service-state')
    : badge(t('services.inactive'), 'bad', 'service-state'));
  const nameOf = (s) => h('div', {},
    h('strong', { testid: 'service-name' }, s.name ?? ''),
    h('br'),
    h('small', { class: 'muted' }, t('services.updated', { date: dateTime(s.updatedAtMs) })));
  const actionsOf = (s) => h('div', { class: 'row-actions' },
    h('button', { type: 'button', class: 'small', testid: 'service-edit', onclick: () => edit(s) }, t('services.edit')),
    s.active
      ? h('button', { type: 'button', class: 'small danger', testid: 'service-deactivate', onclick: () => deactivate(s) }, t('services.deactivate'))
      : h('button', { type: 'button', class: 'small', testid: 'service-reactivate', onclick: () => reactivate(s) }, t('services.reactivate')));

  const draw = () => {
    const rows = [...services].sort((a, b) => kindRank(a.kind) - kindRank(b.kind)
      || String(a.name ?? '').localeCompare(String(b.name ?? ''), 'fr', { sensitivity: 'base' }));
    list.body.replaceChildren(rows.length
      ? labelCells(table([
          { label: t('services.name'), cell: nameOf },
          { label: t('services.kind'), cell: (s) => (kindKey(s.kind) ? t(kindKey(s.kind)) : s.kind ?? '') },
          { label: t('services.place'), cell: (s) => s.place || '—' },
          { label: t('services.contact'), class: 'wrap-anywhere', cell: (s) => s.contact || '—' },
          { label: t('services.languages'), cell: languagesOf },
          { label: t('services.minors'), cell: minorsOf },
          { label: t('services.state'), cell: stateOf },
          { label: '', class: 'actions-cell', cell: actionsOf },
        ], rows, { testid: 'services-table', rowTestid: (s) => `service-${s.serviceId}` }))
      : h('p', { class: 'muted', testid: 'services-none' }, t(showInactive.checked ? 'services.none' : 'services.none_active')));
  };

  const load = async () => {
    const newest = begin();
    listError.clear();
    try {
      const answer = await ctx.api.get('/v1/protection/services', { includeInactive: showInactive.checked ? 'true' : '' });
      if (!newest()) return;
      services = answer.services ?? [];
      draw();
    } catch (e) {
      if (newest()) listError.show(e);
    }
  };

  /// The request a service's form describes, or a refusal at the field in error.
  const requestOf = (form, { withActive }) => {
    const v = formValues(form);
    const fail = (key, name, params) => {
      throw { title: t(key, params), field: name };
    };
    if (!v.name) fail('services.name_required', 'name');
    if (chars(v.name) > MAX_NAME) fail('services.too_long', 'name', { max: MAX_NAME });
    if (chars(v.place) > MAX_PLACE) fail('services.too_long', 'place', { max: MAX_PLACE });
    if (chars(v.contact) > MAX_CONTACT) fail('services.too_long', 'contact', { max: MAX_CONTACT });
    const others = v.otherLanguages.toLowerCase().split(/[\s,;]+/).filter(Boolean);
    const wrong = others.find((code) => !/^[a-z]{3}$/.test(code));
    if (wrong) fail('services.bad_language', 'otherLanguages', { code: wrong });
    const languages = [...new Set([...v.languages, ...others])];
    if (languages.length > MAX_LANGUAGES) fail('services.too_many_languages', 'otherLanguages', { max: MAX_LANGUAGES });
    const body = {
      name: v.name,
      kind: v.kind,
      place: v.place,
      contact: v.contact,
      languages,
      acceptsMinors: v.acceptsMinors.length > 0,
    };
    if (withActive) body.active = v.active.length > 0;
    return body;
  };

  /// The form's fields, filled from `s` when editing. The languages already chosen keep their
  /// order (the most used first), the boxes ticked since come after them.
  const fieldsOf = (s = null) => {
    const chosen = s?.languages ?? [];
    const common = new Set(COMMON_LANGUAGES.map(([code]) => code));
    const ordered = [...chosen.filter((code) => common.has(code)),
      ...COMMON_LANGUAGES.map(([code]) => code).filter((code) => !chosen.includes(code))];
    const check = (name, label, checked, testid) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, value: 'yes', checked, testid }), label);
    const kind = field('kind', t('services.kind'), { options: SERVICE_KINDS.map(([value, key]) => [value, t(key)]) });
    if (s?.kind) kind.querySelector('select').value = s.kind;
    return [
      field('name', t('services.name'), { autocomplete: 'off', maxlength: MAX_NAME, value: s?.name ?? '' }),
      kind,
      field('place', t('services.place'), { autocomplete: 'off', maxlength: MAX_PLACE, value: s?.place ?? '', hint: t('services.place_hint') }),
      field('contact', t('services.contact'), { autocomplete: 'off', maxlength: MAX_CONTACT, value: s?.contact ?? '', hint: t('services.contact_hint') }),
      h('fieldset', { class: 'checks languages', testid: 'service-language-boxes' },
        h('legend', {}, t('services.languages')),
        ordered.map((code) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', name: 'languages', value: code, checked: chosen.includes(code), testid: `language-${code}` }),
          languageLabel(code)))),
      field('otherLanguages', t('services.other_languages'), {
        autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
        value: chosen.filter((code) => !common.has(code)).join(', '),
        placeholder: t('services.other_languages_placeholder'),
        hint: t('services.other_languages_hint'),
      }),
      check('acceptsMinors', t('services.accepts_minors'), s ? Boolean(s.acceptsMinors) : false, 'field-acceptsMinors'),
      s ? check('active', t('services.active_field'), Boolean(s.active), 'field-active') : null,
    ].filter(Boolean);
  };

  const add = async () => {
    const created = await formDialog({
      title: t('services.create'),
      testid: 'service-dialog',
      submitLabel: t('action.create'),
      fields: fieldsOf(),
      submit: (form) => ctx.api.post('/v1/protection/services', requestOf(form, { withActive: false })),
    });
    if (created) {
      say(t('services.created_ok', { name: created.name }));
      await load();
    }
  };

  const edit = async (s) => {
    const saved = await formDialog({
      title: t('services.edit_title', { name: s.name }),
      testid: 'service-dialog',
      submitLabel: t('action.save'),
      fields: fieldsOf(s),
      submit: (form) => ctx.api.put(pathOf('/v1/protection/services/{id}', { id: s.serviceId }), requestOf(form, { withActive: true })),
    });
    if (saved) {
      say(t('services.saved_ok', { name: saved.name }));
      await load();
    }
  };

  /// Every field kept, only `active` changed (PUT replaces the whole service).
  const setActive = (s, active) => ctx.api.put(pathOf('/v1/protection/services/{id}', { id: s.serviceId }), {
    name: s.name ?? '',
    kind: s.kind ?? '',
    place: s.place ?? '',
    contact: s.contact ?? '',
    languages: s.languages ?? [],
    acceptsMinors: Boolean(s.acceptsMinors),
    active,
  });

  const deactivate = async (s) => {
    const yes = await confirmDialog({
      title: t('services.deactivate_title', { name: s.name }),
      text: t('services.deactivate_text'),
      confirm: t('services.deactivate'),
      danger: true,
    });
    if (!yes) return;
    try {
      await setActive(s, false);
      say(t('services.deactivated_ok', { name: s.name }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  const reactivate = async (s) => {
    try {
      await setActive(s, true);
      say(t('services.reactivated_ok', { name: s.name }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  showInactive.addEventListener('change', load);
  create.addEventListener('click', add);
  list.body.append(loading());
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'services-intro' }, h('p', {}, t('services.intro'))),
    flash, listError.el, list.el);
}
