// Protection officers: search notices — missing-person and watch notices entered for a family
// or a service (docs/api.md §12). Each is matched against every registered person when entered
// and against every later registration; a match puts her case in the queue, urgent. This page
// says how many persons a notice matched, never who: the officer opens the queue, and each case
// with a reason. Nothing of a notice ever reaches a gate: these are not the site alerts (a site
// closed, maintenance) kiosks receive.
import { h, formValues } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { NATIONALITIES, toNumber } from '../format.js';
import { countryLabel } from '../languages.js';
import { pathOf } from '../api.js';
import { badge, confirmDialog, errorLine, facts, field, formDialog, loading, newestOnly, section } from '../ui.js';

const KINDS = {
  missing_person: ['notices.kind_missing_person', 'bad'],
  watch: ['notices.kind_watch', 'warn'],
};
const SEXES = [['SEX_UNSPECIFIED', 'notices.sex_unknown'], ['SEX_FEMALE', 'notices.sex_female'], ['SEX_MALE', 'notices.sex_male']];

// The server's bounds (server/protection/search_notice_store.cpp), checked here first so that
// the error is said at its field rather than as the server's one message for all of them.
const MAX_NAME = 80;
const MAX_DOCUMENT = 32;
const MAX_PHOTO = 1000;
const MAX_REPORTER = 200;
const chars = (text) => [...text].length;

export function protectionNoticesView(ctx) {
  const flash = h('div', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  const filter = h('select', { id: 'f-notices-status', testid: 'notices-status' },
    h('option', { value: 'open' }, t('notices.filter_open')),
    h('option', { value: 'all' }, t('common.all')));
  const refresh = h('button', { type: 'button', testid: 'notices-refresh' }, t('common.refresh'));
  const create = h('button', { type: 'button', class: 'primary', testid: 'notice-create' }, t('notices.create'));
  const { el: list, body } = section(t('notices.title'), 'notices',
    h('label', { for: 'f-notices-status' }, t('notices.filter')), filter, refresh, create);
  const more = h('button', { type: 'button', testid: 'notices-more', hidden: true }, t('common.more'));
  let notices = [];
  let cursor = '';
  const begin = newestOnly(ctx);

  /// A message above the list; `urgent` draws it as a warning (cases were raised).
  const say = (urgent, ...children) => {
    flash.className = urgent ? 'notice' : 'success';
    flash.replaceChildren(...children);
    flash.hidden = false;
  };
  const queueLink = (key = 'notices.see_queue') =>
    h('a', { href: '/protection', 'data-nav': '', testid: 'notices-queue-link' }, t(key));

  const namesOf = (n) => [n.givenName, n.familyName].filter(Boolean).join(' ');
  const ageOf = (n) => {
    if (n.birthYear) {
      // About how old she is now: what an officer compares with the person in front of her.
      const born = { SEX_FEMALE: 'notices.born_female', SEX_MALE: 'notices.born_male' }[n.sex] ?? 'notices.born';
      return t(born, { year: n.birthYear, age: new Date().getFullYear() - n.birthYear });
    }
    if (n.ageMax) return t('notices.age_range', { min: n.ageMin ?? 0, max: n.ageMax });
    if (n.ageMin) return t('notices.age_at_least', { min: n.ageMin });
    return t('notices.unknown');
  };
  const sexOf = (n) => t(SEXES.find(([value]) => value === n.sex)?.[1] ?? 'notices.sex_unknown');
  const unknown = () => h('span', { class: 'muted' }, t('notices.unknown'));

  const matchesOf = (n) => {
    const count = toNumber(n.matchCount);
    if (count === 0) return h('p', { class: 'muted notice-matches', testid: 'notice-matches' }, t('notices.matches_none'));
    return h('p', { class: 'notice-matches', testid: 'notice-matches' },
      h('strong', {}, t('notices.matches', { count })), ' — ', queueLink());
  };

  const card = (n) => {
    const [kindKey, kindClass] = KINDS[n.kind] ?? ['notices.kind_missing_person', 'bad'];
    const open = n.status === 'open';
    const names = namesOf(n);
    return h('article', { class: ['notice-card', open ? null : 'closed'], dataset: { testid: `notice-${n.noticeId}` } },
      h('div', { class: 'notice-card-head' },
        badge(t(kindKey), kindClass, 'notice-kind'),
        h('h3', { testid: 'notice-names' }, names || h('span', { class: 'muted' }, t('notices.no_name'))),
        h('span', { class: 'muted' }, t('notices.number', { id: n.noticeId })),
        h('span', { class: 'spacer' }),
        open ? badge(t('notices.status_open'), 'ok', 'notice-status') : badge(t('notices.status_closed'), 'muted', 'notice-status')),
      facts([
        [t('notices.sex'), sexOf(n), 'notice-sex'],
        [t('notices.age'), ageOf(n), 'notice-age'],
        [t('notices.nationality'), n.nationality ? countryLabel(n.nationality, { withCode: true }) : unknown(), 'notice-nationality'],
        [t('notices.document'), n.documentNumber ? h('code', {}, n.documentNumber) : unknown(), 'notice-document'],
        [t('notices.photo'), n.photoDescription ? h('span', { class: 'multiline' }, n.photoDescription) : unknown(), 'notice-photo'],
        [t('notices.reporter'), n.reportingService, 'notice-reporter'],
        [t('notices.entered'), t('notices.by_on', { who: n.createdBy ?? '', date: dateTime(n.createdAtMs) }), 'notice-created'],
        open ? null : [t('notices.closed'), t('notices.by_on', { who: n.closedBy ?? '', date: dateTime(n.closedAtMs) }), 'notice-closed'],
      ], 'notice-facts'),
      h('div', { class: 'notice-card-foot' },
        matchesOf(n),
        open ? h('button', { type: 'button', class: 'small danger', testid: 'notice-close', onclick: () => close(n) }, t('notices.close')) : null));
  };

  const draw = () => {
    body.replaceChildren(notices.length
      ? h('div', { class: 'notice-cards', testid: 'notices-list' }, notices.map(card))
      : h('p', { class: 'muted', testid: 'notices-none' }, t(filter.value === 'open' ? 'notices.none_open' : 'notices.none')));
    more.hidden = !cursor;
  };

  /// The first page again (after a change, a filter, a refresh), or the next one.
  const load = async (next = false) => {
    const newest = begin();
    listError.clear();
    try {
      const page = await ctx.api.get('/v1/protection/notices', { status: filter.value, cursor: next ? cursor : '' });
      if (!newest()) return;
      notices = next ? [...notices, ...(page.notices ?? [])] : (page.notices ?? []);
      cursor = page.nextCursor ?? '';
      draw();
    } catch (e) {
      if (newest()) listError.show(e);
    }
  };

  /// The request the form describes, or a refusal at the field in error.
  const requestOf = (form) => {
    const v = formValues(form);
    const fail = (key, name, params) => {
      throw { title: t(key, params), field: name };
    };
    for (const name of ['givenName', 'familyName']) {
      if (chars(v[name]) > MAX_NAME) fail('notices.too_long', name, { max: MAX_NAME });
    }
    const document = v.documentNumber;
    if (chars(document) > MAX_DOCUMENT) fail('notices.too_long', 'documentNumber', { max: MAX_DOCUMENT });
    if (!/^[A-Za-z0-9 /-]*$/.test(document)) fail('notices.bad_document', 'documentNumber');
    if (!v.givenName && !v.familyName && !/[A-Za-z0-9]/.test(document)) fail('notices.name_or_document', 'givenName');
    const request = {
      kind: v.kind || 'missing_person',
      givenName: v.givenName,
      familyName: v.familyName,
      sex: v.sex,
      documentNumber: document,
      photoDescription: v.photoDescription,
      reportingService: v.reportingService,
    };
    const whole = (text, name, min, max) => {
      if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) fail('notices.bad_number', name, { min, max });
      return Number(text);
    };
    // A box left empty is "not known", as the third choice.
    if (v.ageBy === 'year' && v.birthYear) {
      request.birthYear = whole(v.birthYear, 'birthYear', 1900, new Date().getFullYear());
    } else if (v.ageBy === 'range' && (v.ageMin || v.ageMax)) {
      request.ageMin = whole(v.ageMin, 'ageMin', 0, 120);
      request.ageMax = whole(v.ageMax, 'ageMax', 1, 120);
      if (request.ageMin > request.ageMax) fail('notices.bad_range', 'ageMin');
    }
    const nationality = v.nationality.toUpperCase();
    if (nationality && !/^[A-Z]{3}$/.test(nationality)) fail('notices.bad_nationality', 'nationality');
    request.nationality = nationality;
    if (chars(v.photoDescription) > MAX_PHOTO) fail('notices.too_long', 'photoDescription', { max: MAX_PHOTO });
    if (!v.reportingService) fail('notices.reporter_required', 'reportingService');
    if (chars(v.reportingService) > MAX_REPORTER) fail('notices.too_long', 'reportingService', { max: MAX_REPORTER });
    return request;
  };

  const fieldsOf = () => {
    const kind = h('fieldset', { class: 'checks', testid: 'notice-kind-choice' },
      h('legend', {}, t('notices.kind')),
      [['missing_person', 'notices.kind_missing_person', true], ['watch', 'notices.kind_watch', false]].map(([value, key, checked]) =>
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'kind', value, checked, testid: `notice-kind-${value}` }), t(key))),
      h('small', { class: 'muted full' }, t('notices.kind_hint')));
    // The age: a year of birth, or a range, or not known (the server takes one or the other).
    const id = (name) => `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
    const [byId, yearId, minId, maxId] = ['ageBy', 'birthYear', 'ageMin', 'ageMax'].map(id);
    const number = (name, inputId, min, max, placeholder) => h('input', {
      id: inputId, name, type: 'number', inputmode: 'numeric', min, max, placeholder, autocomplete: 'off', class: 'short', testid: `field-${name}`,
    });
    const year = h('span', { class: 'inline-fields' },
      h('label', { for: yearId, class: 'visually-hidden' }, t('notices.birth_year')),
      number('birthYear', yearId, 1900, new Date().getFullYear(), t('notices.year_placeholder')));
    const range = h('span', { class: 'inline-fields', hidden: true, testid: 'notice-age-range' },
      h('label', { for: minId }, t('notices.age_min')), number('ageMin', minId, 0, 120),
      h('label', { for: maxId }, t('notices.age_max')), number('ageMax', maxId, 1, 120),
      h('span', {}, t('notices.years')));
    const by = h('select', { id: byId, name: 'ageBy', testid: 'field-ageBy', 'aria-label': t('notices.age') },
      h('option', { value: 'year' }, t('notices.age_by_year')),
      h('option', { value: 'range' }, t('notices.age_by_range')),
      h('option', { value: 'unknown' }, t('notices.age_unknown')));
    by.addEventListener('change', () => {
      year.hidden = by.value !== 'year';
      range.hidden = by.value !== 'range';
    });
    const age = h('fieldset', { class: 'checks age-block', testid: 'notice-age' }, h('legend', {}, t('notices.age')), by, year, range);
    const listId = id('countries');
    const nationality = field('nationality', t('notices.nationality'), {
      autocomplete: 'off', autocapitalize: 'characters', maxlength: 3, class: 'upper', list: listId, placeholder: 'GIN', hint: t('notices.nationality_hint'),
    });
    nationality.append(h('datalist', { id: listId },
      NATIONALITIES.map((code) => h('option', { value: code }, countryLabel(code)))));
    const photoId = id('photo');
    const photo = h('div', { class: 'field' },
      h('label', { for: photoId }, t('notices.photo')),
      h('textarea', { id: photoId, name: 'photoDescription', class: 'plain-text', rows: 2, maxlength: MAX_PHOTO, testid: 'field-photoDescription' }),
      h('small', {}, t('notices.photo_hint')));
    return [
      kind,
      h('div', { class: 'names-block' },
        h('div', { class: 'pair' },
          field('givenName', t('notices.given_name'), { autocomplete: 'off', maxlength: MAX_NAME }),
          field('familyName', t('notices.family_name'), { autocomplete: 'off', maxlength: MAX_NAME })),
        h('small', { class: 'muted', testid: 'notice-required' }, t('notices.required_hint'))),
      field('documentNumber', t('notices.document'), { autocomplete: 'off', maxlength: MAX_DOCUMENT, hint: t('notices.document_hint') }),
      h('div', { class: 'pair' },
        field('sex', t('notices.sex'), { options: SEXES.map(([value, key]) => [value, t(key)]) }),
        nationality),
      age,
      photo,
      field('reportingService', t('notices.reporter'), { autocomplete: 'off', maxlength: MAX_REPORTER, hint: t('notices.reporter_hint') }),
    ];
  };

  const add = async () => {
    const created = await formDialog({
      title: t('notices.create'),
      testid: 'notice-dialog',
      submitLabel: t('notices.submit'),
      fields: fieldsOf(),
      submit: (form) => ctx.api.post('/v1/protection/notices', requestOf(form)),
    });
    if (!created) return;
    const id = created.notice?.noticeId ?? '';
    const raised = toNumber(created.casesRaised);
    if (raised > 0) {
      say(true, h('strong', { testid: 'notice-raised' }, t('notices.created_raised', { id, count: raised })), ' ', queueLink('notices.open_queue'));
    } else {
      say(false, h('span', { testid: 'notice-raised' }, t('notices.created_none', { id })));
    }
    filter.value = 'open';
    await load();
  };

  const close = async (n) => {
    const yes = await confirmDialog({
      title: t('notices.close_title', { id: n.noticeId, names: namesOf(n) || n.documentNumber || '' }),
      text: t('notices.close_text'),
      confirm: t('notices.close'),
      danger: true,
    });
    if (!yes) return;
    try {
      await ctx.api.post(pathOf('/v1/protection/notices/{id}/close', { id: n.noticeId }), {});
      say(false, t('notices.closed_ok', { id: n.noticeId }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  filter.addEventListener('change', () => load());
  refresh.addEventListener('click', () => load());
  more.addEventListener('click', () => load(true));
  create.addEventListener('click', add);
  body.append(loading());
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'notices-intro' }, h('p', {}, t('notices.intro'))),
    flash, listError.el, list, more);
}
