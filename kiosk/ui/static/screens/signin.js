// Sign-in: tap a staff card or choose a name, then the PIN on a pad. The PIN
// lives only in this module until it is sent, and is cleared after each try.
import { h } from '../dom.js';
import { t, formatTime, formatDateTime } from '../i18n.js';

const MAX_PIN = 12;
const MIN_PIN = 6;
const local = {
  userId: '',
  staffCard: false,
  lastStaffCardId: '',
  pin: '',
  message: null, // {key, params, level}
  busy: false,
};

function selectAgent(app, userId, staffCard) {
  local.userId = userId;
  local.staffCard = staffCard;
  local.pin = '';
  local.message = null;
  app.render();
}

function errorMessage(reply) {
  switch (reply.error) {
    case 'UI_ERROR_CODE_WRONG_PIN':
      return { key: 'UI_ERROR_CODE_WRONG_PIN', params: { attempts: Number(reply.attemptsLeft || 0) } };
    case 'UI_ERROR_CODE_AGENT_LOCKED': {
      const until = Number(reply.lockedUntilMs || 0);
      const sameDay = new Date(until).toDateString() === new Date().toDateString();
      return { key: 'UI_ERROR_CODE_AGENT_LOCKED', params: { time: until ? (sameDay ? formatTime(until) : formatDateTime(until)) : '—' } };
    }
    default:
      return { key: reply.error || 'UI_ERROR_CODE_UNSPECIFIED', params: {} };
  }
}

async function submit(app) {
  if (local.busy || local.pin.length < MIN_PIN || (!local.userId && !local.staffCard)) return;
  local.busy = true;
  const signIn = local.staffCard ? { staffCard: true, pin: local.pin } : { userId: local.userId, pin: local.pin };
  local.pin = '';
  app.render();
  const reply = await app.request({ signIn }, { quiet: true });
  local.busy = false;
  if (reply.ok) {
    local.userId = '';
    local.staffCard = false;
    local.message = null;
  } else {
    local.message = errorMessage(reply);
  }
  app.render();
}

function press(app, digit) {
  if (local.pin.length >= MAX_PIN) return;
  local.pin += digit;
  local.message = null;
  app.render();
}

function pinPad(app) {
  const ready = (local.userId || local.staffCard) && !local.busy;
  const digit = (d) => h('button', {
    class: 'pin-key', testid: `pin-digit-${d}`, text: d, disabled: !ready, onclick: () => press(app, d),
  });
  return h('div', { class: 'pin-pad', testid: 'pin-pad' },
    h('div', { class: 'pin-display', testid: 'pin-display', 'aria-label': t('signin.pin'), dataset: { length: String(local.pin.length) } },
      local.pin.length ? '•'.repeat(local.pin.length) : h('span', { class: 'pin-placeholder', text: t('signin.pin') })),
    h('div', { class: 'pin-keys' },
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit),
      h('button', {
        class: 'pin-key pin-erase', testid: 'pin-erase', text: t('signin.erase'), disabled: !ready || !local.pin,
        onclick: () => { local.pin = local.pin.slice(0, -1); app.render(); },
      }),
      digit('0'),
      h('button', {
        class: 'pin-key pin-ok', testid: 'pin-ok', text: t('signin.ok'), disabled: !ready || local.pin.length < MIN_PIN,
        onclick: () => submit(app),
      })));
}

export function renderSignIn(app) {
  const state = app.state;
  const roster = state.roster || [];
  const card = state.staffCardAgent;
  if (card && card.userId && card.userId !== local.lastStaffCardId) {
    // A staff card was just tapped: its agent is preselected.
    local.lastStaffCardId = card.userId;
    local.userId = card.userId;
    local.staffCard = true;
    local.pin = '';
    local.message = null;
  } else if (!card) {
    local.lastStaffCardId = '';
    if (local.staffCard) {
      local.staffCard = false;
      local.userId = '';
    }
  }
  if (local.userId && !local.staffCard && !roster.some((entry) => entry.userId === local.userId)) local.userId = '';

  const tap = app.currentTap();
  const cardProblem = tap && tap.result === 'TAP_RESULT_REJECTED'
    ? h('p', { class: 'message message-bad', testid: 'signin-card-problem', text: t(tap.problem || 'TAP_PROBLEM_UNSPECIFIED') })
    : null;

  const list = roster.length === 0
    ? h('p', { class: 'message message-warn', testid: 'roster-empty', text: t('signin.rosterEmpty') })
    : h('div', { class: 'roster', testid: 'roster' },
      roster.map((entry) => h('button', {
        class: ['roster-entry', local.userId === entry.userId && 'roster-selected'],
        testid: `roster-${entry.userId}`,
        'aria-pressed': local.userId === entry.userId ? 'true' : 'false',
        text: entry.displayName || entry.userId,
        onclick: () => selectAgent(app, entry.userId, false),
      })));

  const selected = local.staffCard && card
    ? t('signin.staffCardFor', { name: card.displayName || card.userId })
    : local.userId
      ? t('signin.pinFor', { name: (roster.find((entry) => entry.userId === local.userId) || {}).displayName || local.userId })
      : t('signin.chooseFirst');

  return h('section', { class: 'screen screen-signin', testid: 'screen-signin' },
    h('div', { class: 'signin-left' },
      h('h1', { class: 'title', text: t('signin.title') }),
      h('p', { class: 'big-text', text: t('signin.instructions') }),
      cardProblem,
      list),
    h('div', { class: 'signin-right' },
      h('p', { class: 'signin-selected', testid: 'signin-selected', text: selected }),
      local.message
        ? h('p', { class: 'message message-bad', testid: 'signin-message', dataset: { code: local.message.key }, role: 'alert', text: t(local.message.key, local.message.params) })
        : null,
      pinPad(app)));
}
