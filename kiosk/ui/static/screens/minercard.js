// Miner's card: the person's bracelet first, then the card, to link them.
import { h } from '../dom.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

export function renderMinerCard(app) {
  const state = app.state;
  const tap = app.currentTap();
  const step = state.prompt === 'TAP_PROMPT_MINER_CARD' ? 'miner.promptCard' : 'miner.promptBracelet';
  return h('section', { class: 'screen screen-miner', testid: 'screen-miner-card', dataset: { prompt: state.prompt || '' } },
    prompt(step),
    tap ? tapCard(tap) : null);
}
