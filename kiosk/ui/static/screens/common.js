// Screens without a mode: waiting for the daemon, kiosk not enrolled, no mode chosen.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function renderLoading() {
  return h('section', { class: 'screen screen-centre', testid: 'screen-loading' },
    h('p', { class: 'big-text', text: t('loading.text') }));
}

export function renderNotEnrolled(app) {
  const state = app.state;
  return h('section', { class: 'screen screen-centre', testid: 'screen-not-enrolled' },
    h('h1', { class: 'title', text: t('enrol.title') }),
    h('p', { class: 'big-text', text: t('enrol.text') }),
    h('p', { class: 'command', testid: 'enrol-command', text: 'minegate-kiosk enroll' }),
    h('p', { class: 'hint', text: t('enrol.hint') }),
    state.deviceId ? h('p', { class: 'hint', text: t('enrol.device', { id: state.deviceId }) }) : null);
}

export function renderChooseMode(app, modes) {
  return h('section', { class: 'screen screen-centre', testid: 'screen-choose-mode' },
    h('h1', { class: 'title', text: t('mode.choose') }),
    h('div', { class: 'button-grid' },
      modes.map((mode) => h('button', {
        class: 'button button-large',
        testid: `choose-mode-${mode}`,
        text: t(mode),
        onclick: () => app.request({ setMode: { mode } }),
      }))));
}

/// A step-by-step prompt ("tap a bracelet") in large type.
export function prompt(key, testid = 'tap-prompt') {
  return h('div', { class: 'prompt', testid },
    h('span', { class: 'prompt-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'prompt-text', text: t(key) }));
}
