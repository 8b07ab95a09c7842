// Bracelet service: seize and revoke a bracelet, replace a damaged one (tapped
// first) or a lost one (found on the server, online only). The daemon holds the
// step; this screen keeps what the agent types in its own inputs, and rebuilds
// them only when the step or what is shown changes, so typing is never disturbed.
import { h } from '../dom.js';
import { t, language } from '../i18n.js';
import { SEIZURE_REASONS, SEXES } from '../constants.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

const NOTE_MAX = 200;
const NAME_MAX = 80;

const view = { key: '', el: null, errors: [], seizing: false, values: {} };

/// An input whose value survives a redraw (field errors, a language switch).
function kept(name, props) {
  return h('input', { ...props, value: view.values[name] ?? '', oninput: (event) => { view.values[name] = event.target.value; } });
}

function keptSelect(name, props, values) {
  const current = view.values[name] ?? '';
  return h('select', { ...props, onchange: (event) => { view.values[name] = event.target.value; } },
    h('option', { value: '', text: t('form.choose'), selected: current === '' }),
    values.map((value) => h('option', { value, text: t(value), selected: current === value })));
}

function errorFor(field) {
  const error = view.errors.find((e) => e.field === field);
  return error ? h('p', { class: 'field-error', role: 'alert', testid: `error-${field}`, text: t(error.problem || 'FIELD_PROBLEM_UNSPECIFIED') }) : null;
}

async function send(app, body) {
  // A new step: the card of the previous tap would only confuse.
  if (body.startReplacement || body.armSeizure || body.cancelBraceletService) app.clearTap();
  const reply = await app.request(body, { quiet: true });
  view.errors = reply.fieldErrors || [];
  view.key = '';  // redraw, with the errors if any
  if (!reply.ok && !view.errors.length) app.toast(reply.error || 'UI_ERROR_CODE_UNSPECIFIED');
  app.render();
  return reply;
}

function back(app) {
  return h('button', { class: 'button', testid: 'bracelet-back', text: t('braceletService.back'), onclick: () => send(app, { cancelBraceletService: {} }) });
}

function choose(app) {
  return [
    h('p', { class: 'big-text', text: t('braceletService.chooseText') }),
    h('div', { class: 'button-grid' },
      h('button', { class: 'button button-large', testid: 'bracelet-replace-damaged', text: t('braceletService.replaceDamaged'), onclick: () => send(app, { startReplacement: { oldBraceletPresent: true } }) }),
      h('button', { class: 'button button-large', testid: 'bracelet-replace-lost', text: t('braceletService.replaceLost'), onclick: () => send(app, { startReplacement: { oldBraceletPresent: false } }) }),
      h('button', { class: 'button button-large button-danger', testid: 'bracelet-seize', text: t('braceletService.seize'), onclick: () => { app.clearTap(); view.seizing = true; view.key = ''; app.render(); } })),
  ];
}

function seizeForm(app) {
  const reason = keptSelect('reason', { class: 'input select', id: 'seize-reason', testid: 'field-reason' }, SEIZURE_REASONS);
  const note = kept('note', { class: 'input', id: 'seize-note', testid: 'field-note', maxlength: NOTE_MAX, placeholder: t('braceletService.notePlaceholder') });
  return [
    h('p', { class: 'big-text', text: t('braceletService.seizeText') }),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'seize-reason', text: t('braceletService.reason') }), reason, errorFor('reason')),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'seize-note', text: t('braceletService.note') }), note, errorFor('note')),
    h('div', { class: 'button-row' },
      h('button', { class: 'button button-danger', testid: 'bracelet-arm-seizure', text: t('braceletService.armSeizure'), onclick: () => send(app, { armSeizure: { reason: reason.value || 'REVOCATION_REASON_UNSPECIFIED', note: note.value } }).then((reply) => { if (reply.ok) view.seizing = false; }) }),
      h('button', { class: 'button', testid: 'bracelet-back', text: t('braceletService.back'), onclick: () => { view.seizing = false; view.errors = []; view.key = ''; app.render(); } })),
  ];
}

function searchForm(app, service) {
  const given = kept('given', { class: 'input', id: 'search-given', testid: 'field-givenName', maxlength: NAME_MAX, autocomplete: 'off' });
  const family = kept('family', { class: 'input', id: 'search-family', testid: 'field-familyName', maxlength: NAME_MAX, autocomplete: 'off' });
  const year = kept('year', { class: 'input input-number', id: 'search-year', testid: 'field-birthYear', type: 'number', inputmode: 'numeric', min: 1900, max: 2100 });
  const sex = keptSelect('sex', { class: 'input select', id: 'search-sex', testid: 'field-sex' }, SEXES);
  const outcome = service.searchOutcome && service.searchOutcome !== 'SEARCH_OUTCOME_UNSPECIFIED' && service.searchOutcome !== 'SEARCH_OUTCOME_FOUND'
    ? h('p', { class: 'message message-warn', testid: 'search-outcome', dataset: { outcome: service.searchOutcome }, text: t(service.searchOutcome) })
    : null;
  return [
    h('p', { class: 'big-text', text: t('braceletService.searchText') }),
    h('p', { class: 'hint', text: t('braceletService.searchPrivacy') }),
    outcome,
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'search-given', text: t('braceletService.givenName') }), given, errorFor('givenName')),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'search-family', text: t('braceletService.familyName') }), family, errorFor('familyName')),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'search-year', text: t('braceletService.birthYear') }), year, errorFor('birthYear')),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'search-sex', text: t('braceletService.sex') }), sex, errorFor('sex')),
    h('div', { class: 'button-row' },
      h('button', {
        class: 'button button-primary', testid: 'bracelet-search', text: t('braceletService.search'),
        onclick: () => send(app, { searchPerson: { givenName: given.value.trim(), familyName: family.value.trim(), birthYear: Number(year.value) || 0, sex: sex.value || 'SEX_UNSPECIFIED' } }),
      }),
      back(app)),
  ];
}

function candidateLine(candidate) {
  const born = candidate.sex === 'SEX_FEMALE' ? 'tap.bornInFemale' : candidate.sex === 'SEX_MALE' ? 'tap.bornInMale' : 'tap.bornIn';
  return [
    h('span', { class: 'candidate-name', text: candidate.givenName || '—' }),
    h('span', { class: 'candidate-detail', text: [t(candidate.sex || 'SEX_UNSPECIFIED'), t(born, { year: candidate.birthYear || '?' })].join(' · ') }),
    h('span', { class: 'candidate-detail', text: t('braceletService.registeredAt', { site: candidate.registeredSiteName || '—' }) }),
    h('span', { class: 'candidate-detail', text: t('braceletService.activeBracelets', { count: candidate.activeBracelets || 0 }) }),
  ];
}

function candidates(app, service) {
  return [
    h('p', { class: 'big-text', text: t('braceletService.candidatesText') }),
    h('div', { class: 'candidates', testid: 'candidates' },
      (service.candidates || []).map((candidate, index) => h('button', {
        class: 'candidate', testid: `candidate-${index}`,
        onclick: () => send(app, { chooseCandidate: { index } }),
      }, candidateLine(candidate)))),
    h('div', { class: 'button-row' },
      h('button', { class: 'button', testid: 'bracelet-search-again', text: t('braceletService.searchAgain'), onclick: () => send(app, { startReplacement: { oldBraceletPresent: false } }) }),
      back(app)),
  ];
}

function stepContent(app, service) {
  switch (service.step) {
    case 'BRACELET_SERVICE_STEP_SEIZE':
      return [prompt('braceletService.promptSeize'), h('p', { class: 'hint', text: t(service.seizureReason || 'REVOCATION_REASON_UNSPECIFIED') }), back(app)];
    case 'BRACELET_SERVICE_STEP_OLD_BRACELET':
      return [prompt('braceletService.promptOld'), back(app)];
    case 'BRACELET_SERVICE_STEP_SEARCH':
      return searchForm(app, service);
    case 'BRACELET_SERVICE_STEP_SEARCHING':
      return [h('p', { class: 'big-text', testid: 'search-waiting', text: t('braceletService.searching') })];
    case 'BRACELET_SERVICE_STEP_CANDIDATES':
      return candidates(app, service);
    case 'BRACELET_SERVICE_STEP_NEW_BRACELET': {
      const chosen = service.chosen || {};
      return [
        h('div', { class: 'chosen', testid: 'replacement-for' }, chosen.givenName ? candidateLine(chosen) : h('span', { class: 'candidate-detail', text: t('tap.identityUnknown') })),
        prompt('braceletService.promptNew'),
        back(app),
      ];
    }
    default:
      return view.seizing ? seizeForm(app) : choose(app);
  }
}

export function renderBracelets(app) {
  const state = app.state;
  const service = state.braceletService || {};
  const tap = app.currentTap();
  const key = JSON.stringify([language(), service, view.seizing, view.errors, tap && app.lastTapAt]);
  if (view.el && key === view.key) return view.el;
  view.key = key;
  if (service.step !== 'BRACELET_SERVICE_STEP_SEARCH' && service.step !== 'BRACELET_SERVICE_STEP_CHOOSE' && service.step) view.errors = [];
  // What was typed is forgotten once the screen is back at its menu (names are personal data).
  if ((service.step || 'BRACELET_SERVICE_STEP_CHOOSE') === 'BRACELET_SERVICE_STEP_CHOOSE' && !view.seizing) view.values = {};
  view.el = h('section', { class: 'screen screen-bracelets', testid: 'screen-bracelets', dataset: { step: service.step || 'BRACELET_SERVICE_STEP_CHOOSE', prompt: state.prompt || '' } },
    h('h1', { class: 'title', text: t('braceletService.title') }),
    stepContent(app, service),
    tap ? tapCard(tap) : null);
  return view.el;
}
