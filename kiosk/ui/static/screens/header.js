// The bar always on top: who is signed in, the modes the role allows, the
// reader, the bridge, events waiting to be sent, the language; then the alerts.
import { h } from '../dom.js';
import { t, localized, formatNumber } from '../i18n.js';
import { IDLE_WARNING_MS, MODES_BY_ROLE } from '../constants.js';
import { flushRegistration } from './registration.js';

function languageToggle(app) {
  const next = app.state.language === 'LANGUAGE_ENGLISH' ? 'LANGUAGE_FRENCH' : 'LANGUAGE_ENGLISH';
  return h('button', {
    class: 'button button-lang',
    testid: 'lang-toggle',
    lang: next === 'LANGUAGE_ENGLISH' ? 'en' : 'fr',
    dataset: { next },
    text: t('language.switch'),
    onclick: () => app.request({ setLanguage: { language: next } }),
  });
}

function status(testid, labelKey, valueText, level) {
  return h('div', { class: ['status', `status-${level}`], testid },
    h('span', { class: 'status-label', text: t(labelKey) }),
    h('span', { class: 'status-value', testid: `${testid}-value`, text: valueText }));
}

export function renderHeader(header, app) {
  const state = app.state;
  const agent = state.agent;
  const sync = state.sync || {};
  const reader = state.reader || 'READER_STATE_UNSPECIFIED';
  const pending = Number(sync.pendingEvents || 0);
  const items = [];

  if (agent) {
    const countdown = h('span', { class: 'idle-countdown', testid: 'idle-countdown', hidden: true });
    app.onTick((now) => {
      const left = Number(agent.idleSignOutAtMs || 0) - now;
      const show = Number(agent.idleSignOutAtMs || 0) > 0 && left < IDLE_WARNING_MS;
      countdown.hidden = !show;
      if (show) countdown.textContent = t('header.idleSignOut', { seconds: Math.max(0, Math.ceil(left / 1000)) });
    });
    items.push(h('div', { class: 'header-agent' },
      h('span', { class: 'agent-name', testid: 'header-agent', text: agent.displayName || agent.userId }),
      countdown,
      h('button', {
        class: 'button button-small',
        testid: 'sign-out',
        text: t('header.signOut'),
        onclick: async () => {
          await flushRegistration();
          app.request({ signOut: {} });
        },
      })));
    const modes = MODES_BY_ROLE[agent.role] || [];
    items.push(h('nav', { class: 'tabs', testid: 'mode-tabs' },
      modes.map((mode) => h('button', {
        class: ['tab', state.mode === mode && 'tab-active'],
        testid: `mode-tab-${mode}`,
        'aria-pressed': state.mode === mode ? 'true' : 'false',
        text: t(mode),
        onclick: async () => {
          if (state.mode === mode) return;
          await flushRegistration();
          app.request({ setMode: { mode } });
        },
      }))));
  }

  items.push(h('div', { class: 'header-status' },
    status('reader-state', 'header.reader', t(reader), reader === 'READER_STATE_READY' ? 'good' : 'bad'),
    status('bridge-state', 'header.bridge',
      t(state.bridgeConnected ? 'header.bridgeConnected' : 'header.bridgeDisconnected'),
      state.bridgeConnected ? 'good' : 'bad'),
    status('pending-count', 'header.pending', formatNumber(pending), sync.stale ? 'warn' : 'neutral'),
    sync.clockSkewWarning ? status('clock-skew', 'header.clock', t('header.clockWrong'), 'warn') : null,
    languageToggle(app)));

  header.replaceChildren(...items);
  header.dataset.stale = sync.stale ? 'true' : 'false';
  header.hidden = false;
}

export function renderAlerts(container, app) {
  const now = Date.now();
  const alerts = (app.state.alerts || []).filter(
    (alert) => !alert.withdrawn && !(Number(alert.expiresAtMs || 0) > 0 && Number(alert.expiresAtMs) < now),
  );
  container.replaceChildren(...alerts.map((alert) => h('div', {
    class: 'alert',
    role: 'alert',
    testid: `alert-${alert.alertId}`,
  }, h('span', { class: 'alert-label', text: t('alerts.label') }), h('span', { text: localized(alert.text) }))));
  container.hidden = alerts.length === 0;
}
