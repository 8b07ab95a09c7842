// Police mode (border police): a reason chosen first (and a case reference typed), then a
// bracelet tapped; the daemon asks the server (online only) and the history is shown here
// until the next tap, the "clear" button or a minute. The page keeps none of it: what it shows
// comes with each state, and leaves with the next one.
import { h } from '../dom.js';
import { t, has, language, formatDate, formatDateTime } from '../i18n.js';
import { POLICE_REASONS } from '../constants.js';
import { prompt } from './common.js';

const CASE_REFERENCE_MAX = 64;

// The reason form's own inputs, rebuilt only when what is shown changes (typing undisturbed).
const view = { key: '', el: null, values: {}, editing: false, countdown: null };

// Sends a request; `update` changes the screen's own state from the reply, then it is drawn once.
async function send(app, body, update = () => {}) {
  const reply = await app.request(body);
  update(reply);
  view.key = '';
  app.render();
}

function reasonForm(app, police) {
  const current = view.values.reason ?? (police.reason && police.reason !== 'POLICE_REASON_UNSPECIFIED' ? police.reason : '');
  const reasons = h('div', { class: 'button-grid', role: 'radiogroup', testid: 'police-reasons' },
    POLICE_REASONS.map((reason) => h('button', {
      class: ['button', 'button-large', current === reason && 'button-primary'],
      testid: `police-reason-${reason}`,
      role: 'radio',
      'aria-checked': current === reason ? 'true' : 'false',
      text: t(reason),
      onclick: () => { view.values.reason = reason; view.key = ''; app.render(); },
    })));
  const reference = h('input', {
    class: 'input', id: 'police-case-reference', testid: 'field-caseReference', maxlength: CASE_REFERENCE_MAX,
    autocomplete: 'off', value: view.values.caseReference ?? police.caseReference ?? '',
    oninput: (event) => { view.values.caseReference = event.target.value; },
  });
  return [
    h('p', { class: 'big-text', text: t('police.reasonText') }),
    reasons,
    // The reference and "Continue" side by side: on the gate's 1024 x 600 screen the button
    // stays in view under the reasons, with no scrolling.
    h('div', { class: 'field' },
      h('label', { class: 'field-label', for: 'police-case-reference', text: t('police.caseReference') }),
      h('div', { class: 'police-reason-confirm' },
        reference,
        h('button', {
          class: 'button button-primary', testid: 'police-reason-ok', text: t('police.continue'), disabled: !current,
          onclick: () => send(app, { choosePoliceReason: { reason: current, caseReference: reference.value.trim() } },
            (reply) => { if (reply.ok) { view.editing = false; view.values = {}; } }),
        })),
      h('p', { class: 'hint', text: t('police.caseReferenceHint') })),
  ];
}

function reasonLine(app, police) {
  return h('div', { class: 'police-reason', testid: 'police-reason-shown' },
    h('span', { text: t('police.reasonShown', { reason: t(police.reason || 'POLICE_REASON_UNSPECIFIED') }) }),
    police.caseReference ? h('span', { testid: 'police-case-shown', text: t('police.caseShown', { reference: police.caseReference }) }) : null,
    h('button', { class: 'button', testid: 'police-change-reason', text: t('police.changeReason'), onclick: () => { view.editing = true; view.key = ''; app.render(); } }));
}

function bornText(history) {
  if (!history.birthYear) return null;
  return t(history.birthEstimated ? 'police.bornAbout' : 'police.born', { year: history.birthYear });
}

function countryText(code) {
  if (!code) return t('police.notDeclared');
  return has(`country.${code}`) ? t(`country.${code}`) : code;
}

function passageRow(passage) {
  return h('tr', { testid: 'police-passage' },
    h('td', { text: formatDateTime(Number(passage.atMs || 0)) }),
    h('td', { text: passage.siteName || String(passage.siteId || '—') }),
    h('td', { text: passage.gateName || String(passage.gateId || '—') }),
    h('td', { text: t(passage.direction || 'DIRECTION_UNSPECIFIED') }),
    h('td', { text: t(passage.verification || 'VERIFICATION_UNSPECIFIED') }));
}

function braceletLine(bracelet) {
  const issued = t('police.issued', { site: bracelet.issuedSiteName || '—', date: formatDate(Number(bracelet.issuedAtMs || 0)) });
  const state = Number(bracelet.revokedAtMs || 0)
    ? t('police.braceletRevoked', { date: formatDate(Number(bracelet.revokedAtMs)), reason: t(bracelet.revocationReason || 'REVOCATION_REASON_UNSPECIFIED') })
    : t('police.braceletValid');
  return h('li', { testid: 'police-bracelet', text: `${issued} — ${state}` });
}

function history(app, police) {
  const person = police.history || {};
  const passages = person.passages || [];
  const bracelets = person.bracelets || [];
  const cards = person.minerCardNumbers || [];
  const detail = [t(person.sex || 'SEX_UNSPECIFIED'), bornText(person), countryText(person.nationality)].filter(Boolean).join(' · ');
  return h('div', { class: 'police-history', testid: 'police-history' },
    h('p', { class: 'tap-name', testid: 'police-name', text: [person.givenName, person.familyName].filter(Boolean).join(' ') || '—' }),
    h('p', { class: 'tap-detail', testid: 'police-detail', text: detail }),
    h('p', { class: 'hint', testid: 'police-registered', text: t('police.registered', { site: person.registeredSiteName || '—', date: formatDate(Number(person.registeredAtMs || 0)) }) }),
    h('h2', { class: 'subtitle', text: t('police.passages', { shown: passages.length, count: person.passageCount || 0 }) }),
    passages.length
      ? h('table', { class: 'police-passages', testid: 'police-passages' },
        h('thead', {}, h('tr', {},
          ['police.when', 'police.site', 'police.gate', 'police.direction', 'police.verification'].map((key) => h('th', { text: t(key) })))),
        h('tbody', {}, passages.map(passageRow)))
      : h('p', { class: 'hint', text: t('police.noPassages') }),
    h('h2', { class: 'subtitle', text: t('police.bracelets') }),
    h('ul', { class: 'police-bracelets', testid: 'police-bracelets' }, bracelets.map(braceletLine)),
    cards.length ? h('p', { class: 'hint', testid: 'police-cards', text: t('police.minerCards', { numbers: cards.join(', ') }) }) : null);
}

function result(app, police) {
  const outcome = police.result || 'POLICE_RESULT_UNSPECIFIED';
  const countdown = h('p', { class: 'hint', testid: 'police-clears-in' });
  view.countdown = countdown;
  return [
    outcome === 'POLICE_RESULT_FOUND'
      ? history(app, police)
      : h('p', { class: ['message', outcome === 'POLICE_RESULT_OFFLINE' ? 'message-warn' : 'message-bad'], testid: 'police-result', dataset: { result: outcome }, text: t(outcome) }),
    countdown,
    h('p', { class: 'hint', text: t('police.notStored') }),
    h('div', { class: 'button-row' },
      h('button', { class: 'button', testid: 'police-clear', text: t('police.clear'), onclick: () => send(app, { clearPoliceHistory: {} }) })),
    prompt('police.promptAgain'),
  ];
}

function stepContent(app, police) {
  const step = police.step || 'POLICE_STEP_REASON';
  if (step === 'POLICE_STEP_REASON' || view.editing) return reasonForm(app, police);
  switch (step) {
    case 'POLICE_STEP_TAP':
      return [reasonLine(app, police), prompt('police.prompt')];
    case 'POLICE_STEP_ASKING':
      return [reasonLine(app, police), h('p', { class: 'big-text', testid: 'police-asking', text: t('police.asking') })];
    default:
      return [reasonLine(app, police), result(app, police)];
  }
}

export function renderPolice(app) {
  const police = app.state.police || {};
  const key = JSON.stringify([language(), police, view.editing, view.values.reason]);
  // Only the countdown moves while the same result is shown.
  if (police.step === 'POLICE_STEP_RESULT') {
    app.onTick((now) => {
      const seconds = Math.max(0, Math.ceil((Number(police.clearsAtMs || 0) - now) / 1000));
      if (view.countdown) view.countdown.textContent = t('police.clearsIn', { seconds });
    });
  }
  if (view.el && key === view.key) return view.el;
  view.key = key;
  view.countdown = null;
  view.el = h('section', { class: 'screen screen-police', testid: 'screen-police', dataset: { step: police.step || 'POLICE_STEP_REASON', prompt: app.state.prompt || '' } },
    h('h1', { class: 'title', text: t('police.title') }),
    stepContent(app, police));
  return view.el;
}
