// Sync status: what waits to be sent, what the server acknowledged, and the
// server's own figures side by side, so both sides can be reconciled.
import { h } from '../dom.js';
import { t, tCount, tOr, formatNumber, formatDateTime, formatRelative } from '../i18n.js';

let refreshing = false;
let refreshError = '';

function when(app, ms, testid) {
  if (!Number(ms)) return h('span', { testid, text: t('sync.never') });
  const el = h('span', { testid });
  app.onTick((now) => {
    el.textContent = `${formatRelative(ms, now)} (${formatDateTime(ms)})`;
  });
  return el;
}

function row(label, testid, value) {
  return h('tr', {}, h('th', { scope: 'row', text: t(label) }), h('td', { testid }, value));
}

function agreement(sync) {
  const report = sync.serverReport || {};
  const gaps = report.gaps || [];
  const same = String(report.eventCount || '0') === String(sync.ownEventCount || '0') &&
    String(report.highestSeq || '0') === String(sync.highestRecordedSeq || '0') &&
    String(report.contiguousSeq || '0') === String(report.highestSeq || '0') &&
    gaps.length === 0;
  return same;
}

function comparison(app, sync) {
  const report = sync.serverReport;
  if (!report) return h('p', { class: 'hint', testid: 'sync-no-report', text: t('sync.noReport') });
  const gaps = (report.gaps || []).map((gap) =>
    gap.firstMissing === gap.lastMissing ? formatNumber(gap.firstMissing) : `${formatNumber(gap.firstMissing)}–${formatNumber(gap.lastMissing)}`);
  const agree = agreement(sync);
  const pending = Number(sync.pendingEvents || 0);
  return h('div', { class: 'sync-compare', testid: 'sync-compare' },
    h('table', { class: 'figures' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', { scope: 'col', text: t('sync.server') }), h('th', { scope: 'col', text: t('sync.kiosk') }))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row', text: t('sync.eventCount') }),
          h('td', { testid: 'server-event-count', text: formatNumber(report.eventCount || 0) }),
          h('td', { testid: 'own-event-count', text: formatNumber(sync.ownEventCount || 0) })),
        h('tr', {}, h('th', { scope: 'row', text: t('sync.highestSeq') }),
          h('td', { testid: 'server-highest-seq', text: formatNumber(report.highestSeq || 0) }),
          h('td', { testid: 'own-highest-seq', text: formatNumber(sync.highestRecordedSeq || 0) })),
        h('tr', {}, h('th', { scope: 'row', text: t('sync.contiguousSeq') }),
          h('td', { testid: 'server-contiguous-seq', text: formatNumber(report.contiguousSeq || 0) }),
          h('td', { text: '—' })),
        h('tr', {}, h('th', { scope: 'row', text: t('sync.gaps') }),
          h('td', { testid: 'server-gaps', text: gaps.length ? gaps.join(', ') : t('sync.noGaps') }),
          h('td', { text: '—' })))),
    h('p', {
      class: ['message', agree ? 'message-good' : 'message-bad'],
      testid: 'sync-agreement',
      dataset: { agree: agree ? 'true' : 'false' },
      text: t(agree ? 'sync.agree' : 'sync.disagree'),
    }),
    !agree && pending > 0 ? h('p', { class: 'hint', text: tCount('sync.pendingExplains', pending) }) : null,
    sync.serverReportAtMs ? h('p', { class: 'hint' }, t('sync.reportAt'), ' ', when(app, sync.serverReportAtMs, 'sync-report-at')) : null);
}

/// The kiosk's clock against the server's, when it is off by more than the kiosk's threshold:
/// events are dated by this clock, so the agent is asked to have it set.
export function clockSkewWarning(sync) {
  if (!sync.clockSkewWarning) return null;
  const skew = Number(sync.clockSkewMs || 0);
  const minutes = Math.max(1, Math.round(Math.abs(skew) / 60000));
  return h('p', { class: 'message message-warn', testid: 'sync-clock-skew', dataset: { skewMs: String(skew) } },
    tCount(skew > 0 ? 'sync.clockAhead' : 'sync.clockBehind', minutes, { minutes: formatNumber(minutes) }));
}

function staleText(sync) {
  const days = Number(sync.staleAfterDays || 0);
  return tCount('sync.stale', days, { days: formatNumber(days) });
}

export function renderSync(app) {
  const sync = app.state.sync || {};
  const lastError = sync.lastError
    ? h('p', { class: 'message message-bad', testid: 'sync-last-error', dataset: { code: sync.lastError } },
      tOr(`SYNC_ERROR_${sync.lastError}`, 'SYNC_ERROR_GENERIC', { code: sync.lastError }),
      sync.lastAttemptAtMs ? [' — ', when(app, sync.lastAttemptAtMs, 'sync-last-attempt')] : null)
    : null;
  return h('section', { class: 'screen screen-sync', testid: 'screen-sync' },
    h('h1', { class: 'title', text: t('sync.title') }),
    sync.stale
      ? h('p', { class: 'message message-warn', testid: 'sync-stale', text: staleText(sync) })
      : null,
    clockSkewWarning(sync),
    h('table', { class: 'figures' }, h('tbody', {},
      row('sync.connected', 'sync-connected', t(sync.connected ? 'sync.connectedYes' : 'sync.connectedNo')),
      row('sync.pending', 'sync-pending', formatNumber(sync.pendingEvents || 0)),
      row('sync.highestRecorded', 'sync-highest-recorded', formatNumber(sync.highestRecordedSeq || 0)),
      row('sync.acked', 'sync-acked', formatNumber(sync.ackedSeq || 0)),
      row('sync.lastAck', 'sync-last-ack', when(app, sync.lastAckAtMs, 'sync-last-ack-time')))),
    lastError,
    h('button', {
      class: 'button button-large', testid: 'sync-refresh', disabled: refreshing, text: t(refreshing ? 'sync.refreshing' : 'sync.refresh'),
      onclick: async () => {
        refreshing = true;
        refreshError = '';
        app.render();
        const reply = await app.request({ refreshSync: {} }, { quiet: true });
        refreshing = false;
        refreshError = reply.ok ? '' : reply.error || 'UI_ERROR_CODE_UNSPECIFIED';
        app.render();
      },
    }),
    refreshError ? h('p', { class: 'message message-bad', testid: 'sync-refresh-error', text: t(refreshError) }) : null,
    comparison(app, sync));
}
