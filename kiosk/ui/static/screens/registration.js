// Registration of a new arrival. The daemon keeps the draft (it survives a
// kiosk restart); this screen keeps a working copy while the agent types, saves
// it (debounced) on every change and when leaving a step, and rebuilds its
// inputs only when the step or the layout changes, so typing is never disturbed.
import { h } from '../dom.js';
import { t, tOr, monthName } from '../i18n.js';
import {
  ANSWERS, COMPANION_CHOICES, COMPANION_RELATIONS, CONSENT_METHODS, COUNTRIES, DOCUMENT_HOLDERS,
  DOCUMENT_TYPES, INFORMATION_LANGUAGES, LIMITS, OCCUPATIONS, PROMISED_JOBS, PURPOSES, SEXES,
  SPOKEN_LANGUAGES, STEPS,
} from '../constants.js';
import {
  PAGE_STEPS, PROTECTION_FIELDS, draftAction, getPath, outgoingDraft, setPath,
} from '../draft.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

const SAVE_DELAY_MS = 300;

const reg = {
  app: null,
  draft: null,
  saveTimer: null,
  inFlight: 0,
  errors: [],
  layout: 0,
  builtKey: '',
  el: null,
  consentChosen: false,
  startRequested: false,
  submitting: false,
  message: '',
  otherCountry: {},
  daemonToken: '',
  sentStep: '',
  // The daemon deletes the draft once the registration is recorded: the page then shows
  // the outcome until the agent starts another one or leaves the screen.
  finished: false,
  registered: false,
};

// ------------------------------------------------------------------ draft access

function get(path) {
  return getPath(reg.draft, path);
}

function set(path, value) {
  setPath(reg.draft, path, value);
}

function consentAccepted() {
  return get('person.consent.protectionQuestionsAccepted') === true;
}

// ------------------------------------------------------------------ saving

function pending() {
  return reg.saveTimer !== null || reg.inFlight > 0;
}

function scheduleSave() {
  clearTimeout(reg.saveTimer);
  reg.saveTimer = setTimeout(() => {
    reg.saveTimer = null;
    sendSave();
  }, SAVE_DELAY_MS);
}

async function sendSave() {
  if (!reg.draft) return { ok: true };
  reg.inFlight += 1;
  reg.sentStep = reg.draft.step;
  const reply = await reg.app.request({ saveDraft: { draft: outgoingDraft(reg.draft) } });
  reg.inFlight -= 1;
  return reply;
}

/// Saves now (leaving a step, submitting) and waits for the daemon.
async function flushSave() {
  if (reg.saveTimer !== null) {
    clearTimeout(reg.saveTimer);
    reg.saveTimer = null;
  }
  return sendSave();
}

function changed(path, value, { relayout = false } = {}) {
  set(path, value);
  const before = reg.errors.length;
  reg.errors = reg.errors.filter((error) => error.field !== path && !error.field.startsWith(`${path}.`));
  scheduleSave();
  if (relayout) rebuild();
  else if (reg.errors.length !== before) clearErrorMarks(path);
}

/// Takes the error marks of `path` off the page without rebuilding it (the agent is typing).
function clearErrorMarks(path) {
  if (!reg.el) return;
  for (const el of reg.el.querySelectorAll('[data-testid]')) {
    const testid = el.dataset.testid;
    if (testid === `error-${path}` || testid.startsWith(`error-${path}.`) ||
        testid === `reg-error-link-${path}` || testid.startsWith(`reg-error-link-${path}.`)) {
      (el.closest('li') || el).remove();
    }
  }
  const wrap = reg.el.querySelector(`[data-field-wrap="${path}"]`);
  if (wrap && !wrap.querySelector('.field-error')) wrap.classList.remove('field-invalid');
  if (!reg.errors.length) reg.el.querySelector('[data-testid="reg-errors"]')?.remove();
}

function rebuild() {
  reg.layout += 1;
  reg.app.render();
}

async function goToStep(step) {
  reg.draft.step = step;
  reg.message = '';
  // Saving first marks the save as pending, so the rebuild keeps the new step.
  const saved = flushSave();
  rebuild();
  await saved;
}

// ------------------------------------------------------------------ controls

const id = (path) => `input-${path.replace(/\./g, '-')}`;

function errorsFor(path, prefix) {
  return reg.errors.filter((error) => error.field === path || (prefix && error.field.startsWith(`${path}.`)));
}

function errorLines(path, prefix = false) {
  return errorsFor(path, prefix).map((error) => h('p', {
    class: 'field-error', testid: `error-${error.field}`, role: 'alert', dataset: { problem: error.problem || '' },
    text: `${prefix && error.field !== path ? `${tOr(error.field, 'field.unknown')} : ` : ''}${t(error.problem || 'FIELD_PROBLEM_UNSPECIFIED')}`,
  }));
}

function field(path, control, { group = false, hint = '' } = {}) {
  const invalid = errorsFor(path, group).length > 0;
  return h('div', { class: ['field', invalid && 'field-invalid'], dataset: { fieldWrap: path } },
    h(group ? 'span' : 'label', { class: 'field-label', for: group ? undefined : id(path), text: t(path) }),
    hint ? h('p', { class: 'hint', text: t(hint) }) : null,
    control,
    errorLines(path, group));
}

function textInput(path, { max = 80, type = 'text', inputmode, upper = false, placeholder } = {}) {
  return h('input', {
    id: id(path), class: 'input', type, testid: `field-${path}`, dataset: { field: path },
    maxlength: max, inputmode, placeholder: placeholder ? t(placeholder) : undefined,
    autocomplete: 'off', spellcheck: 'false', value: get(path) ?? '',
    oninput: (event) => {
      let value = event.target.value;
      if (upper) {
        value = value.toUpperCase();
        if (event.target.value !== value) event.target.value = value;
      }
      changed(path, value.trim() === '' ? undefined : value);
    },
  });
}

function numberInput(path, { min, max }) {
  return h('input', {
    id: id(path), class: 'input input-number', type: 'number', inputmode: 'numeric', min, max,
    testid: `field-${path}`, dataset: { field: path }, value: get(path) ? String(get(path)) : '',
    oninput: (event) => {
      const value = event.target.value === '' ? undefined : Number.parseInt(event.target.value, 10);
      changed(path, Number.isFinite(value) ? value : undefined);
    },
  });
}

function select(path, values, { label = (v) => t(v), relayout = false, empty = 'form.choose', numeric = false } = {}) {
  const current = get(path);
  return h('select', {
    id: id(path), class: 'input select', testid: `field-${path}`, dataset: { field: path },
    onchange: (event) => {
      const raw = event.target.value;
      const value = raw === '' ? undefined : numeric ? Number(raw) : raw;
      changed(path, value, { relayout });
    },
  },
  h('option', { value: '', text: t(empty) }),
  values.map((value) => h('option', { value: String(value), selected: String(current ?? '') === String(value), text: label(value) })));
}

function segmented(path, values, { onpick } = {}) {
  const current = get(path);
  return h('div', { class: 'segmented', role: 'group', testid: `field-${path}`, dataset: { field: path }, tabindex: '-1' },
    values.map((value) => h('button', {
      type: 'button',
      class: ['segment', current === value && 'segment-active'],
      testid: `option-${path}-${value}`,
      'aria-pressed': current === value ? 'true' : 'false',
      text: t(value),
      onclick: () => {
        if (onpick) onpick(value);
        else changed(path, value, { relayout: true });
      },
    })));
}

function checkbox(path, labelKey) {
  return h('label', { class: 'checkbox' },
    h('input', {
      type: 'checkbox', id: id(path), testid: `field-${path}`, dataset: { field: path }, checked: get(path) === true,
      onchange: (event) => changed(path, event.target.checked ? true : undefined, { relayout: true }),
    }),
    h('span', { text: t(labelKey) }));
}

function dateGroup(path) {
  const days = Array.from({ length: 31 }, (_, i) => i + 1);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return field(path, h('div', { class: 'date-group' },
    h('label', { class: 'sub-label', for: id(`${path}.year`), text: t('form.year') }),
    numberInput(`${path}.year`, { min: 1900, max: 2100 }),
    h('label', { class: 'sub-label', for: id(`${path}.month`), text: t('form.month') }),
    select(`${path}.month`, months, { label: monthName, empty: 'form.unknownMonth', numeric: true }),
    h('label', { class: 'sub-label', for: id(`${path}.day`), text: t('form.day') }),
    select(`${path}.day`, days, { label: String, empty: 'form.unknownDay', numeric: true }),
    checkbox(`${path}.estimated`, 'form.estimated')), { group: true });
}

/// A country select (common countries first) with a free 3-letter entry for others.
function countryField(path) {
  const value = get(path) || '';
  const other = reg.otherCountry[path] || (value !== '' && !COUNTRIES.includes(value));
  const chooser = h('select', {
    id: id(path), class: 'input select', testid: `field-${path}`, dataset: { field: path },
    onchange: (event) => {
      const choice = event.target.value;
      reg.otherCountry[path] = choice === 'OTHER';
      changed(path, choice === 'OTHER' || choice === '' ? undefined : choice, { relayout: true });
    },
  },
  h('option', { value: '', text: t('form.choose') }),
  COUNTRIES.map((code) => h('option', { value: code, selected: value === code, text: t(`country.${code}`) })),
  h('option', { value: 'OTHER', selected: other, text: t('country.OTHER') }));
  const free = other
    ? h('input', {
      class: 'input input-short', type: 'text', maxlength: 3, testid: `field-${path}-other`, dataset: { field: `${path}` },
      placeholder: t('form.countryCodeHint'), value: COUNTRIES.includes(value) ? '' : value, autocomplete: 'off',
      oninput: (event) => {
        const code = event.target.value.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 3);
        if (event.target.value !== code) event.target.value = code;
        changed(path, code || undefined);
      },
    })
    : null;
  return field(path, h('div', { class: 'inline' }, chooser, free));
}

function languagesField() {
  const path = 'person.languages';
  const chosen = get(path) || [];
  return field(path, h('div', { class: 'chips', role: 'group', testid: `field-${path}`, dataset: { field: path } },
    SPOKEN_LANGUAGES.map((code) => {
      const rank = chosen.indexOf(code);
      return h('button', {
        type: 'button',
        class: ['chip', rank >= 0 && 'chip-active'],
        testid: `option-${path}-${code}`,
        'aria-pressed': rank >= 0 ? 'true' : 'false',
        onclick: () => {
          const next = rank >= 0 ? chosen.filter((c) => c !== code) : [...chosen, code];
          changed(path, next.length ? next : undefined, { relayout: true });
        },
      }, rank >= 0 ? h('span', { class: 'chip-rank', text: String(rank + 1) }) : null, t(`language.${code}`));
    })), { group: true, hint: 'form.languagesHint' });
}

// ------------------------------------------------------------------ steps

function stepBar() {
  const current = STEPS.indexOf(reg.draft.step);
  return h('ol', { class: 'steps', testid: 'reg-steps' },
    STEPS.slice(0, 5).map((step, index) => h('li', {
      class: ['step', index === current && 'step-current', index < current && 'step-done'],
      testid: `reg-step-${step}`,
      text: t(step),
    })));
}

function nav({ back, next, nextKey = 'form.next', nextEnabled = true, nextTestid = 'reg-next', extra = null }) {
  const message = reg.message
    ? h('p', { class: 'message message-bad', testid: 'reg-message', role: 'alert', dataset: { code: reg.message }, text: t(reg.message) })
    : null;
  return [message, h('div', { class: 'button-row nav-row' },
    h('button', {
      type: 'button', class: 'button button-danger', testid: 'reg-cancel', text: t('reg.cancel'),
      onclick: async () => {
        if (!(await reg.app.confirm('reg.cancelConfirm'))) return;
        clearTimeout(reg.saveTimer);
        reg.saveTimer = null;
        const reply = await reg.app.request({ cancelRegistration: {} });
        if (reply.ok) {
          reg.draft = null;
          reg.errors = [];
          reg.app.request({ setMode: { mode: 'KIOSK_MODE_GATE' } });
        }
      },
    }),
    back ? h('button', { type: 'button', class: 'button', testid: 'reg-back', text: t('form.back'), onclick: back }) : null,
    extra,
    next ? h('button', { type: 'button', class: 'button button-primary', testid: nextTestid, text: t(nextKey), disabled: !nextEnabled, onclick: next }) : null)];
}

function stepOfField(path) {
  if (/^person\.consent\.information/.test(path)) return 'REGISTRATION_STEP_INFORMATION';
  if (/^person\.consent\./.test(path)) return 'REGISTRATION_STEP_CONSENT';
  if (path.startsWith('companion')) return 'REGISTRATION_STEP_COMPANION';
  return 'REGISTRATION_STEP_FORM';
}

function errorSummary() {
  if (!reg.errors.length) return null;
  return h('div', { class: 'error-summary', testid: 'reg-errors', role: 'alert' },
    h('p', { class: 'error-summary-title', text: t('form.errorsTitle', { count: reg.errors.length }) }),
    h('ul', {}, reg.errors.map((error) => h('li', {},
      h('button', {
        type: 'button', class: 'link-button', testid: `reg-error-link-${error.field}`,
        text: `${tOr(error.field, 'field.unknown')} : ${t(error.problem || 'FIELD_PROBLEM_UNSPECIFIED')}`,
        onclick: () => jumpTo(error.field),
      })))));
}

async function jumpTo(path) {
  const step = stepOfField(path);
  if (reg.draft.step !== step) await goToStep(step);
  focusField(path);
}

function focusField(path) {
  if (!reg.el) return;
  const all = [...reg.el.querySelectorAll('[data-field]')];
  const target = all.find((el) => el.dataset.field === path) ||
    all.find((el) => path.startsWith(`${el.dataset.field}.`) || el.dataset.field.startsWith(`${path}.`));
  const wrap = target?.closest('.field') || target;
  if (wrap) wrap.scrollIntoView({ block: 'center' });
  if (target) target.focus({ preventScroll: true });
}

function informationStep() {
  const paragraphs = ['info.p1', 'info.p2', 'info.p3', 'info.p4', 'info.p5'];
  const ready = get('person.consent.informationGiven') === true && Boolean(get('person.consent.informationLanguage'));
  return [
    h('h2', { class: 'subtitle', text: t('info.title') }),
    h('p', { class: 'agent-instruction', text: t('info.readOut') }),
    h('div', { class: 'read-out', testid: 'info-text' }, paragraphs.map((key) => h('p', { text: t(key) }))),
    field('person.consent.informationLanguage',
      select('person.consent.informationLanguage', INFORMATION_LANGUAGES, { label: (code) => t(`language.${code}`), relayout: true })),
    checkbox('person.consent.informationGiven', 'info.given'),
    errorLines('person.consent.informationGiven'),
    nav({ next: () => goToStep('REGISTRATION_STEP_CONSENT'), nextEnabled: ready }),
  ];
}

function consentStep() {
  const accepted = consentAccepted();
  const chosen = reg.consentChosen || accepted;
  const pick = (value) => {
    reg.consentChosen = true;
    if (!value) for (const path of PROTECTION_FIELDS) set(path, undefined);
    changed('person.consent.protectionQuestionsAccepted', value ? true : undefined, { relayout: true });
  };
  const choice = (value, key, testid) => h('button', {
    type: 'button',
    class: ['segment', 'segment-large', chosen && accepted === value && 'segment-active'],
    testid,
    'aria-pressed': chosen && accepted === value ? 'true' : 'false',
    text: t(key),
    onclick: () => pick(value),
  });
  return [
    h('h2', { class: 'subtitle', text: t('consent.title') }),
    h('p', { class: 'agent-instruction', text: t('consent.ask') }),
    field('person.consent.protectionQuestionsAccepted',
      h('div', { class: 'segmented', role: 'group', dataset: { field: 'person.consent.protectionQuestionsAccepted' } },
        choice(true, 'consent.accept', 'consent-accept'),
        choice(false, 'consent.decline', 'consent-decline')), { group: true }),
    chosen && !accepted ? h('p', { class: 'hint', testid: 'consent-declined-note', text: t('consent.declinedNote') }) : null,
    field('person.consent.method', segmented('person.consent.method', CONSENT_METHODS), { group: true }),
    nav({
      back: () => goToStep('REGISTRATION_STEP_INFORMATION'),
      next: () => goToStep('REGISTRATION_STEP_FORM'),
      nextEnabled: chosen && Boolean(get('person.consent.method')),
    }),
  ];
}

function formStep() {
  const consent = consentAccepted();
  const documentType = get('person.identityDocument.type');
  const hasDocument = documentType && documentType !== 'DOCUMENT_TYPE_NONE';
  const promised = get('person.purpose') === 'PURPOSE_PROMISED_JOB';
  const section = (key, ...children) => h('fieldset', { class: 'form-section' }, h('legend', { text: t(key) }), children);
  return [
    h('h2', { class: 'subtitle', text: t('form.title') }),
    errorSummary(),
    section('form.identity',
      field('person.givenName', textInput('person.givenName', { max: LIMITS.name })),
      field('person.familyName', textInput('person.familyName', { max: LIMITS.name })),
      field('person.sex', segmented('person.sex', SEXES), { group: true }),
      dateGroup('person.birth'),
      countryField('person.nationality'),
      field('person.placeOfOrigin', textInput('person.placeOfOrigin', { max: LIMITS.placeOfOrigin }))),
    section('form.document',
      field('person.identityDocument.type', select('person.identityDocument.type', DOCUMENT_TYPES, { relayout: true })),
      hasDocument ? field('person.identityDocument.number', textInput('person.identityDocument.number', { max: LIMITS.documentNumber, upper: true })) : null,
      hasDocument ? countryField('person.identityDocument.issuingCountry') : null,
      consent && hasDocument ? field('person.identityDocument.holder', segmented('person.identityDocument.holder', DOCUMENT_HOLDERS), { group: true }) : null),
    section('form.contact',
      field('person.phone', textInput('person.phone', { max: 16, type: 'tel', inputmode: 'tel', placeholder: 'form.phoneHint' })),
      languagesField()),
    section('form.activity',
      field('person.occupation', select('person.occupation', OCCUPATIONS)),
      field('person.occupationDetail', textInput('person.occupationDetail', { max: LIMITS.occupationDetail })),
      field('person.purpose', h('div', {}, select('person.purpose', PURPOSES, { relayout: true }))),
      promised ? field('person.promisedJob', select('person.promisedJob', PROMISED_JOBS)) : null,
      dateGroup('person.enteredSenegal')),
    consent
      ? section('form.protection',
        h('p', { class: 'hint', text: t('form.protectionHint') }),
        field('person.travelPaidByThirdParty', segmented('person.travelPaidByThirdParty', ANSWERS), { group: true }),
        field('person.debtDeclared', segmented('person.debtDeclared', ANSWERS), { group: true }))
      : null,
    nav({ back: () => goToStep('REGISTRATION_STEP_CONSENT'), next: () => goToStep('REGISTRATION_STEP_COMPANION') }),
  ];
}

function companionStep(app) {
  const choice = get('companionChoice');
  const pick = (value) => {
    if (value !== 'COMPANION_CHOICE_BRACELET') {
      set('companionPersonToken', undefined);
      set('companionFirstName', undefined);
    }
    if (value !== 'COMPANION_CHOICE_DESCRIBED') set('companionDescription', undefined);
    if (value === 'COMPANION_CHOICE_NONE') {
      set('companionRelation', undefined);
      set('companionAnsweredForPerson', undefined);
    }
    changed('companionChoice', value, { relayout: true });
  };
  const parts = [
    h('h2', { class: 'subtitle', text: t('companion.title') }),
    errorSummary(),
    field('companionChoice', segmented('companionChoice', COMPANION_CHOICES, { onpick: pick }), { group: true }),
  ];
  if (choice === 'COMPANION_CHOICE_BRACELET') {
    const name = get('companionFirstName');
    const token = get('companionPersonToken');
    const armed = app.state.prompt === 'TAP_PROMPT_COMPANION_BRACELET';
    parts.push(h('div', { class: 'field' },
      token
        ? h('p', { class: 'message message-good', testid: 'companion-name', text: name ? t('companion.read', { name }) : t('companion.readNoName') })
        : null,
      armed
        ? prompt('companion.tapNow', 'companion-prompt')
        : h('button', {
          type: 'button', class: 'button button-large', testid: 'companion-arm', text: t(token ? 'companion.tapAgain' : 'companion.tap'),
          onclick: async () => {
            await flushSave();
            app.request({ armCompanionTap: {} });
          },
        }),
      errorLines('companionPersonToken')));
    const tap = app.currentTap();
    if (tap && (tap.result === 'TAP_RESULT_REJECTED')) parts.push(tapCard(tap));
  }
  if (choice === 'COMPANION_CHOICE_DESCRIBED') {
    const path = 'companionDescription';
    const counter = h('span', { class: 'counter', testid: 'companion-description-count', text: `${(get(path) || '').length} / ${LIMITS.companionDescription}` });
    parts.push(field(path, h('div', {},
      h('textarea', {
        id: id(path), class: 'input textarea', testid: `field-${path}`, dataset: { field: path }, maxlength: LIMITS.companionDescription, rows: 3,
        placeholder: t('companion.describeHint'),
        oninput: (event) => {
          counter.textContent = `${event.target.value.length} / ${LIMITS.companionDescription}`;
          changed(path, event.target.value.trim() === '' ? undefined : event.target.value);
        },
      }, get(path) || ''),
      counter)));
  }
  if (choice === 'COMPANION_CHOICE_BRACELET' || choice === 'COMPANION_CHOICE_DESCRIBED') {
    parts.push(field('companionRelation', select('companionRelation', COMPANION_RELATIONS)));
    parts.push(checkbox('companionAnsweredForPerson', 'companionAnsweredForPerson'));
  }
  parts.push(nav({
    back: () => goToStep('REGISTRATION_STEP_FORM'),
    next: () => submit(app),
    nextKey: reg.submitting ? 'reg.submitting' : 'reg.submit',
    nextEnabled: Boolean(choice) && !reg.submitting,
    nextTestid: 'reg-submit',
  }));
  return parts;
}

async function submit(app) {
  reg.submitting = true;
  reg.message = '';
  rebuild();
  await flushSave();
  const reply = await app.request({ submitRegistration: {} }, { quiet: true });
  reg.submitting = false;
  if (reply.ok) {
    reg.errors = [];
    rebuild();
    return;
  }
  if (reply.error === 'UI_ERROR_CODE_INVALID_DRAFT' && (reply.fieldErrors || []).length) {
    reg.errors = reply.fieldErrors.map((error) => ({ field: error.field || '', problem: error.problem || 'FIELD_PROBLEM_UNSPECIFIED' }));
    const first = reg.errors[0].field;
    const step = stepOfField(first);
    if (step !== reg.draft.step) await goToStep(step);
    else rebuild();
    focusField(first);
    return;
  }
  reg.message = reply.error || 'UI_ERROR_CODE_UNSPECIFIED';
  rebuild();
}

function braceletStep(app) {
  const tap = app.currentTap();
  return [
    h('h2', { class: 'subtitle', text: t('bracelet.title') }),
    prompt('bracelet.prompt'),
    tap ? tapCard(tap) : null,
    nav({}),
  ];
}

function doneStep(app, tap) {
  const registered = reg.registered || (tap && tap.result === 'TAP_RESULT_REGISTERED');
  return [
    h('h2', { class: 'subtitle', testid: 'reg-done', text: t(registered ? 'reg.done' : 'reg.ended') }),
    tap ? tapCard(tap) : null,
    h('div', { class: 'button-row' },
      h('button', {
        type: 'button', class: 'button button-large button-primary', testid: 'reg-new', text: t('reg.new'),
        onclick: () => {
          reg.draft = null;
          reg.errors = [];
          reg.consentChosen = false;
          reg.finished = false;
          reg.registered = false;
          reg.startRequested = true;
          app.clearTap();
          app.request({ startRegistration: {} });
        },
      }),
      h('button', {
        type: 'button', class: 'button button-large', testid: 'reg-to-gate', text: t('reg.toGate'),
        onclick: () => app.request({ setMode: { mode: 'KIOSK_MODE_GATE' } }),
      })),
  ];
}

// ------------------------------------------------------------------ screen

function adopt(daemonDraft) {
  reg.draft = structuredClone(daemonDraft);
  reg.daemonToken = daemonDraft.companionPersonToken || '';
  reg.consentChosen = STEPS.indexOf(daemonDraft.step) > STEPS.indexOf('REGISTRATION_STEP_CONSENT') ||
    daemonDraft.person?.consent?.protectionQuestionsAccepted === true;
  reg.otherCountry = {};
  reg.sentStep = daemonDraft.step;
  reg.layout += 1;
}

/// The registration screen is not shown: a finished registration is not shown again.
export function leaveRegistration() {
  reg.finished = false;
  reg.registered = false;
}

/// Saves what is being typed before the agent leaves the registration screen.
export async function flushRegistration() {
  if (reg.draft && pending() && PAGE_STEPS.includes(reg.draft.step)) await flushSave();
}

export function renderRegistration(app) {
  reg.app = app;
  const daemonDraft = app.state.draft ? { ...app.state.draft } : null;
  // A draft the daemon just started may carry no step yet: it begins with the information.
  if (daemonDraft && !daemonDraft.step) daemonDraft.step = 'REGISTRATION_STEP_INFORMATION';
  if (!daemonDraft) {
    const tap = app.currentTap();
    if (tap && tap.result === 'TAP_RESULT_REGISTERED') reg.registered = true;
    if (reg.registered || reg.draft?.step === 'REGISTRATION_STEP_BRACELET') reg.finished = true;
    if (reg.finished) {
      reg.draft = null;
      const key = ['finished', app.state.language, tap ? app.lastTapAt : 0].join('|');
      if (reg.el && key === reg.builtKey) return reg.el;
      reg.builtKey = key;
      reg.el = h('section', { class: 'screen screen-registration', testid: 'screen-registration', dataset: { step: 'REGISTRATION_STEP_DONE' } },
        doneStep(app, tap));
      return reg.el;
    }
    if (!reg.startRequested) {
      reg.startRequested = true;
      app.request({ startRegistration: {} });
    }
    reg.draft = null;
    reg.el = null;
    return h('section', { class: 'screen', testid: 'screen-registration', dataset: { step: '' } },
      h('p', { class: 'big-text', text: t('reg.starting') }));
  }
  reg.startRequested = false;

  const action = draftAction({
    working: reg.draft, daemon: daemonDraft, pending: pending(), sentStep: reg.sentStep, daemonToken: reg.daemonToken,
  });
  if (action === 'adopt' || action === 'refused') {
    // The daemon kept or changed the step (a step it judged incomplete, a restart): its draft wins.
    adopt(daemonDraft);
    if (action === 'refused') reg.message = 'reg.stepRefused';
  } else if (action === 'companion') {
    // The daemon read the companion's bracelet: take its token and first name.
    reg.daemonToken = daemonDraft.companionPersonToken || '';
    set('companionPersonToken', daemonDraft.companionPersonToken);
    set('companionFirstName', daemonDraft.companionFirstName);
    set('companionChoice', 'COMPANION_CHOICE_BRACELET');
    reg.layout += 1;
  }

  const tap = app.currentTap();
  const key = [app.state.language, reg.draft.step, reg.layout, app.state.prompt, tap ? app.lastTapAt : 0,
    reg.errors.length, reg.submitting, reg.message].join('|');
  if (reg.el && key === reg.builtKey) return reg.el;
  reg.builtKey = key;

  let body;
  switch (reg.draft.step) {
    case 'REGISTRATION_STEP_INFORMATION': body = informationStep(); break;
    case 'REGISTRATION_STEP_CONSENT': body = consentStep(); break;
    case 'REGISTRATION_STEP_FORM': body = formStep(); break;
    case 'REGISTRATION_STEP_COMPANION': body = companionStep(app); break;
    case 'REGISTRATION_STEP_BRACELET': body = braceletStep(app); break;
    default: body = doneStep(app, app.currentTap()); break;
  }
  const scroller = document.getElementById('screen');
  const scroll = scroller.scrollTop;
  const previousStep = reg.el?.dataset.step;
  reg.el = h('section', { class: 'screen screen-registration', testid: 'screen-registration', dataset: { step: reg.draft.step } },
    stepBar(), body);
  // Keep the scroll position when only the layout changed, not when the step did.
  if (previousStep === reg.draft.step) requestAnimationFrame(() => { scroller.scrollTop = scroll; });
  else requestAnimationFrame(() => { scroller.scrollTop = 0; });
  return reg.el;
}
