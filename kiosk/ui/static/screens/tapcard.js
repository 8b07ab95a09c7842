// The result of the last tap, as a big coloured card. Never anything about
// flags or risk: only what the agent needs to let the person through or not.
import { h } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

const COLOUR = {
  TAP_RESULT_ACCEPTED: 'good',
  TAP_RESULT_REGISTERED: 'good',
  TAP_RESULT_COMPANION_READ: 'good',
  TAP_RESULT_MINER_BRACELET_READ: 'good',
  TAP_RESULT_MINER_CARD_LINKED: 'good',
  TAP_RESULT_CENSUS_OBSERVED: 'good',
  TAP_RESULT_CENSUS_ALREADY_OBSERVED: 'info',
  TAP_RESULT_STAFF_CARD: 'info',
  TAP_RESULT_REFUSED: 'bad',
  TAP_RESULT_UNKNOWN_BRACELET: 'warn',
  TAP_RESULT_REJECTED: 'bad',
  TAP_RESULT_BRACELET_REVOKED: 'info',
  TAP_RESULT_OLD_BRACELET_READ: 'good',
  TAP_RESULT_BRACELET_REPLACED: 'good',
};

function identity(tap) {
  if (!tap.firstName) return h('p', { class: 'tap-note', testid: 'tap-identity-unknown', text: t('tap.identityUnknown') });
  const parts = [];
  if (tap.sex && tap.sex !== 'SEX_UNSPECIFIED') parts.push(t(tap.sex));
  if (tap.birthYear) {
    const born = tap.sex === 'SEX_FEMALE' ? 'tap.bornInFemale' : tap.sex === 'SEX_MALE' ? 'tap.bornInMale' : 'tap.bornIn';
    parts.push(t(born, { year: tap.birthYear }));
  }
  return [
    h('p', { class: 'tap-name', testid: 'tap-first-name', text: tap.firstName }),
    parts.length ? h('p', { class: 'tap-detail', testid: 'tap-person-detail', text: parts.join(' · ') }) : null,
  ];
}

function problemText(tap) {
  const lines = [h('p', { class: 'tap-detail', testid: 'tap-problem', text: t(tap.problem || 'TAP_PROBLEM_UNSPECIFIED') })];
  if (tap.problem === 'TAP_PROBLEM_WRITE_FAILED' && tap.writeOutcome) {
    lines.push(h('p', { class: 'tap-note', testid: 'tap-write-outcome', text: t(tap.writeOutcome) }));
  }
  return lines;
}

/// The card for `tap`; `extra` is appended (e.g. a "register" button).
export function tapCard(tap, extra = null) {
  const result = tap.result || 'TAP_RESULT_UNSPECIFIED';
  const body = [];
  switch (result) {
    case 'TAP_RESULT_ACCEPTED':
      body.push(identity(tap));
      break;
    case 'TAP_RESULT_REFUSED':
      body.push(h('p', { class: 'tap-detail', testid: 'tap-verification', text: t(tap.verification || 'VERIFICATION_UNSPECIFIED') }));
      break;
    case 'TAP_RESULT_REGISTERED':
      body.push(h('p', { class: 'tap-detail', testid: 'tap-device-seq', text: t('tap.deviceSeq', { seq: formatNumber(tap.deviceSeq || 0) }) }));
      break;
    case 'TAP_RESULT_COMPANION_READ':
    case 'TAP_RESULT_MINER_BRACELET_READ':
      body.push(tap.firstName
        ? h('p', { class: 'tap-name', testid: 'tap-first-name', text: tap.firstName })
        : h('p', { class: 'tap-note', testid: 'tap-identity-unknown', text: t('tap.identityUnknown') }));
      break;
    case 'TAP_RESULT_OLD_BRACELET_READ':
    case 'TAP_RESULT_BRACELET_REPLACED':
      body.push(identity(tap));
      break;
    case 'TAP_RESULT_MINER_CARD_LINKED':
      body.push(h('p', { class: 'tap-name', testid: 'tap-card-number', text: t('tap.cardNumber', { number: tap.cardNumber || '' }) }));
      break;
    case 'TAP_RESULT_REJECTED':
      body.push(problemText(tap));
      if (tap.verification && tap.verification !== 'VERIFICATION_UNSPECIFIED') {
        body.push(h('p', { class: 'tap-note', testid: 'tap-verification', text: t(tap.verification) }));
      }
      break;
    default:
      break;
  }
  const direction = tap.direction && tap.direction !== 'DIRECTION_UNSPECIFIED' &&
    (result === 'TAP_RESULT_ACCEPTED' || result === 'TAP_RESULT_REFUSED')
    ? h('p', { class: 'tap-direction', testid: 'tap-direction', text: t(tap.direction) })
    : null;
  const recorded = tap.recorded ? h('p', { class: 'tap-note', testid: 'tap-recorded', text: t('tap.recorded') }) : null;
  return h('div', {
    class: ['tap-card', `tap-${COLOUR[result] || 'info'}`],
    testid: 'tap-outcome',
    role: 'status',
    'aria-live': 'assertive',
    dataset: { result },
  },
  h('p', { class: 'tap-title', testid: 'tap-result', text: t(result) }),
  direction, body, recorded, extra);
}
