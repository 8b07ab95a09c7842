// Gate mode: the entry/exit switch, the prompt, and the last tap in big.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

export function renderGate(app) {
  const state = app.state;
  const direction = state.direction || 'DIRECTION_UNSPECIFIED';
  const choose = (value) => h('button', {
    class: ['direction', `direction-${value === 'DIRECTION_IN' ? 'in' : 'out'}`, direction === value && 'direction-active'],
    testid: `direction-${value}`,
    'aria-pressed': direction === value ? 'true' : 'false',
    text: t(value),
    onclick: () => {
      if (direction !== value) app.request({ setDirection: { direction: value } });
    },
  });
  const tap = app.currentTap();
  let card = null;
  if (tap) {
    const register = tap.result === 'TAP_RESULT_UNKNOWN_BRACELET'
      ? h('button', {
        class: 'button button-large', testid: 'gate-register', text: t('gate.register'),
        onclick: () => {
          app.clearTap();
          app.request({ setMode: { mode: 'KIOSK_MODE_REGISTRATION' } });
        },
      })
      : null;
    card = tapCard(tap, register);
  }
  return h('section', { class: 'screen screen-gate', testid: 'screen-gate', dataset: { direction } },
    h('div', { class: 'direction-switch', role: 'group', testid: 'direction-switch' }, choose('DIRECTION_IN'), choose('DIRECTION_OUT')),
    direction === 'DIRECTION_UNSPECIFIED'
      ? prompt('gate.chooseDirection', 'tap-prompt')
      : prompt(direction === 'DIRECTION_IN' ? 'gate.promptIn' : 'gate.promptOut'),
    card);
}
