// Census: choose an open campaign, then count the people observed.
import { h } from '../dom.js';
import { t, localized, formatDate, formatNumber } from '../i18n.js';
import { prompt } from './common.js';
import { tapCard } from './tapcard.js';

export function renderCensus(app) {
  const state = app.state;
  const campaigns = state.campaigns || [];
  const chosen = campaigns.find((campaign) => campaign.campaignId === state.campaignId);
  const list = campaigns.length === 0
    ? h('p', { class: 'message message-warn', testid: 'census-none', text: t('census.none') })
    : h('div', { class: 'campaigns', testid: 'campaigns' },
      campaigns.map((campaign) => {
        const dates = t('census.dates', {
          from: campaign.opensAtMs ? formatDate(campaign.opensAtMs) : '—',
          to: campaign.closesAtMs ? formatDate(campaign.closesAtMs) : '—',
        });
        return h('button', {
          class: ['campaign', campaign.campaignId === state.campaignId && 'campaign-active'],
          testid: `campaign-${campaign.campaignId}`,
          disabled: !campaign.openNow,
          'aria-pressed': campaign.campaignId === state.campaignId ? 'true' : 'false',
          onclick: () => app.request({ chooseCampaign: { campaignId: campaign.campaignId } }),
        },
        h('span', { class: 'campaign-name', text: localized(campaign.name) || campaign.campaignId }),
        h('span', { class: 'campaign-dates', text: dates }),
        h('span', { class: 'campaign-state', text: t(campaign.openNow ? 'census.open' : 'census.closed') }));
      }));
  const tap = app.currentTap();
  const counter = chosen
    ? h('div', { class: 'census-counter' },
      h('p', { class: 'census-campaign', testid: 'census-campaign', text: localized(chosen.name) || chosen.campaignId }),
      h('p', { class: 'census-count', testid: 'census-count', text: formatNumber(state.campaignObserved || 0) }),
      h('p', { class: 'hint', text: t('census.observedLabel') }),
      prompt('census.prompt'),
      tap ? tapCard(tap) : null)
    : h('p', { class: 'big-text', testid: 'census-choose', text: t('census.choose') });
  return h('section', { class: 'screen screen-census', testid: 'screen-census' },
    h('h1', { class: 'title', text: t('census.title') }), list, counter);
}
