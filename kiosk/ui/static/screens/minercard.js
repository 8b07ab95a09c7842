// Miner's card. A gate agent links a card already written: the person's bracelet first, then
// the card. An EMAPE official issues one: the holder's bracelet (the server says whether the
// holder is an adult and gives the card's number; a minor is refused with its own message),
// then a blank DESFire card, written and read back.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

function stepKey(state) {
  switch (state.prompt) {
    case 'TAP_PROMPT_MINER_CARD':
      return 'miner.promptCard';
    case 'TAP_PROMPT_MINER_BLANK_CARD':
      return 'miner.promptBlankCard';
    case 'TAP_PROMPT_NONE':
      return 'miner.asking';
    default:
      return state.agent?.role === 'AGENT_ROLE_EMAPE_OFFICIAL' ? 'miner.promptHolder' : 'miner.promptBracelet';
  }
}

export function renderMinerCard(app) {
  const state = app.state;
  const tap = app.currentTap();
  const issuing = state.agent?.role === 'AGENT_ROLE_EMAPE_OFFICIAL';
  return h('section', { class: 'screen screen-miner', testid: 'screen-miner-card', dataset: { prompt: state.prompt || '' } },
    issuing ? h('p', { class: 'hint', testid: 'miner-adults-only', text: t('miner.adultsOnly') }) : null,
    prompt(stepKey(state)),
    tap ? tapCard(tap) : null);
}
