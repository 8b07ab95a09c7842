// The kiosk page. Renders everything from the daemon's KioskState (the daemon
// owns the mode, the sign-in, the draft, the campaign and the sync figures);
// TapOutcome messages are shown as a transient card.
import { h, mount } from './dom.js';
import { loadCatalogues, setLanguage, t } from './i18n.js';
import { KioskSocket, pageToken } from './socket.js';
import { ACTIVITY_PERIOD_MS, MODES_BY_ROLE, TAP_DISPLAY_MS } from './constants.js';
import { renderHeader, renderAlerts } from './screens/header.js';
import { renderSignIn } from './screens/signin.js';
import { renderGate } from './screens/gate.js';
import { leaveRegistration, renderRegistration } from './screens/registration.js';
import { renderMinerCard } from './screens/minercard.js';
import { renderCensus } from './screens/census.js';
import { renderSync } from './screens/sync.js';
import { renderBracelets } from './screens/bracelets.js';
import { renderPolice } from './screens/police.js';
import { renderLoading, renderNotEnrolled, renderChooseMode } from './screens/common.js';

const SCREENS = {
  KIOSK_MODE_GATE: renderGate,
  KIOSK_MODE_REGISTRATION: renderRegistration,
  KIOSK_MODE_MINER_CARD: renderMinerCard,
  KIOSK_MODE_CENSUS: renderCensus,
  KIOSK_MODE_SYNC_STATUS: renderSync,
  KIOSK_MODE_BRACELETS: renderBracelets,
  KIOSK_MODE_POLICE: renderPolice,
};

/// What every screen gets: the latest state, the last tap, and ways to act.
export const app = {
  state: null,
  connected: false,
  lastTap: null,
  lastTapAt: 0,
  lastTapMode: '',
  tickers: [],
  socket: null,
  lastActivityAt: 0,
  toastTimer: null,

  /// Sends a UiRequest; a failed reply shows its code unless the caller handles it.
  async request(body, { quiet = false } = {}) {
    const reply = await this.socket.request(body);
    if (!reply.ok && !quiet) this.toast(reply.error || 'UI_ERROR_CODE_UNSPECIFIED');
    return reply;
  },

  /// The tap outcome to show on the current screen, if recent and of this mode.
  currentTap() {
    if (!this.lastTap) return null;
    if (Date.now() - this.lastTapAt > TAP_DISPLAY_MS) return null;
    if (this.lastTapMode !== (this.state?.mode || '')) return null;
    return this.lastTap;
  },

  clearTap() {
    this.lastTap = null;
  },

  /// Something to run every second while the current screen is shown.
  onTick(fn) {
    this.tickers.push(fn);
  },

  toast(key, params = {}) {
    const el = document.getElementById('toast') || document.body.appendChild(h('div', { id: 'toast', class: 'toast', testid: 'toast', role: 'alert' }));
    el.textContent = t(key, params);
    el.dataset.code = key;
    el.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      el.hidden = true;
    }, 6000);
  },

  /// A confirmation dialog with two big buttons; resolves true on "yes".
  confirm(messageKey, yesKey = 'dialog.yes', noKey = 'dialog.no') {
    const dialog = document.getElementById('dialog');
    return new Promise((resolve) => {
      const close = (answer) => {
        dialog.hidden = true;
        dialog.replaceChildren();
        resolve(answer);
      };
      dialog.replaceChildren(
        h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true' },
          h('p', { class: 'dialog-text', testid: 'confirm-text', text: t(messageKey) }),
          h('div', { class: 'button-row' },
            h('button', { class: 'button button-danger', testid: 'confirm-yes', onclick: () => close(true), text: t(yesKey) }),
            h('button', { class: 'button', testid: 'confirm-no', onclick: () => close(false), text: t(noKey) }))),
      );
      dialog.hidden = false;
    });
  },

  render() {
    render();
  },
};

function renderBanner() {
  const banner = document.getElementById('connection-banner');
  // Without the token the daemon never opens the socket: say how to get the right address
  // instead of "reconnecting" for ever.
  banner.textContent = pageToken() ? t('connection.lost') : t('connection.no_token');
  banner.hidden = app.connected;
}

function allowedModes(state) {
  return MODES_BY_ROLE[state.agent?.role] || [];
}

function render() {
  const state = app.state;
  document.title = t('app.title');
  renderBanner();
  const screen = document.getElementById('screen');
  const header = document.getElementById('header');
  const alerts = document.getElementById('alerts');
  app.tickers = [];
  if (!state) {
    header.hidden = true;
    alerts.hidden = true;
    mount(screen, renderLoading(app));
    return;
  }
  renderAlerts(alerts, app);
  renderHeader(header, app);
  let view;
  if (!state.enrolled) {
    view = renderNotEnrolled(app);
  } else if (!state.agent) {
    view = renderSignIn(app);
  } else {
    const mode = state.mode || 'KIOSK_MODE_UNSPECIFIED';
    if (mode !== 'KIOSK_MODE_REGISTRATION') leaveRegistration();
    view = allowedModes(state).includes(mode) ? SCREENS[mode](app) : renderChooseMode(app, allowedModes(state));
  }
  screen.dataset.screen = view.dataset.testid || '';
  mount(screen, view);
  runTickers();
}

function runTickers() {
  for (const fn of app.tickers) fn(Date.now());
}

function onState(state) {
  app.state = state;
  setLanguage(state.language || 'LANGUAGE_FRENCH');
  render();
}

function onTap(tap) {
  app.lastTap = tap;
  app.lastTapAt = Date.now();
  app.lastTapMode = app.state?.mode || '';
  render();
}

function onConnection(connected) {
  app.connected = connected;
  renderBanner();
}

/// Any touch while signed in tells the daemon someone is working (at most every 10 s).
function noteActivity() {
  if (!app.state?.agent || !app.connected) return;
  const now = Date.now();
  if (now - app.lastActivityAt < ACTIVITY_PERIOD_MS) return;
  app.lastActivityAt = now;
  app.request({ activity: {} }, { quiet: true });
}

async function main() {
  await loadCatalogues();
  setLanguage('LANGUAGE_FRENCH');
  render();
  document.addEventListener('pointerdown', noteActivity, { capture: true });
  document.addEventListener('keydown', noteActivity, { capture: true });
  app.socket = new KioskSocket({ onState, onTap, onConnection });
  if (pageToken()) app.socket.connect();
  setInterval(() => {
    // A tap card that has been shown long enough goes away.
    if (app.lastTap && Date.now() - app.lastTapAt > TAP_DISPLAY_MS) {
      app.lastTap = null;
      render();
      return;
    }
    runTickers();
  }, 1000);
}

main();
