// Protection officers: the queue of flagged cases (GET /v1/protection/queue), in the server's
// order — overdue referrals first, then by priority, then the oldest flag. No name anywhere on
// this page: it is on screens in shared offices, projected, printed. A row shows the case's
// pseudonym, sex and age band, where she was last seen and the signs in a few words; her name
// is on the case page, which asks why it is opened.
import { h } from '../dom.js';
import { date, dateTime, language, t } from '../i18n.js';
import { formatDuration, toNumber } from '../format.js';
import { badge, errorLine, loading, newestOnly, section, table } from '../ui.js';
import {
  PRIORITY_BADGE, STATUS_BADGE, ageBandKey, indicatorKey, priorityKey, sexKey, statusKey,
} from './protection_words.js';

export function protectionQueueView(ctx) {
  const listError = errorLine();
  const refresh = h('button', { type: 'button', testid: 'queue-refresh' }, t('common.refresh'));
  const list = section(t('queue.title'), 'queue', refresh);
  const more = h('button', { type: 'button', testid: 'queue-more', hidden: true }, t('common.more'));
  const counts = h('p', { class: 'muted', testid: 'queue-count' });
  let rows = [];
  let cursor = '';
  const begin = newestOnly(ctx);

  const caseLink = (row) => h('a', {
    href: `/protection/case?id=${encodeURIComponent(row.summary?.caseId ?? '')}`, 'data-nav': '',
    class: 'case-label', testid: 'queue-open',
  }, row.summary?.label ?? `#${row.summary?.caseId}`);

  const whoOf = (row) => h('span', {}, t(sexKey(row.sex)), h('br'),
    h('span', { class: 'muted' }, t(ageBandKey(row.ageBand))));

  const signsOf = (row) => h('ul', { class: 'chips', testid: 'queue-signs' },
    (row.indicators ?? []).map((id) => h('li', {}, indicatorKey(id) ? t(indicatorKey(id)) : id)));

  const stateOf = (row) => {
    const s = row.summary ?? {};
    const overdue = toNumber(s.overdueSinceMs);
    return h('div', { class: 'badges' },
      overdue ? badge(t('queue.overdue', { date: date(overdue) }), 'bad', 'queue-overdue') : null,
      badge(t(priorityKey(s.priority)), PRIORITY_BADGE[s.priority] ?? 'muted', 'queue-priority'),
      badge(t(statusKey(s.status)), STATUS_BADGE[s.status] ?? 'muted', 'queue-status'));
  };

  const seenOf = (row) => (row.lastSeenSiteName || toNumber(row.lastSeenAtMs)
    ? h('span', {}, row.lastSeenSiteName || `#${row.lastSeenSiteId}`, h('br'),
        h('span', { class: 'muted' }, dateTime(row.lastSeenAtMs)))
    : h('span', { class: 'muted' }, t('queue.never_seen')));

  const flaggedOf = (row) => {
    const since = toNumber(row.summary?.firstFlaggedAtMs);
    return h('span', {}, date(since), h('br'),
      h('span', { class: 'muted' }, t('queue.ago', { duration: formatDuration(Date.now() - since, language()) })));
  };

  const draw = () => {
    list.body.replaceChildren(rows.length
      ? table([
          { label: t('queue.case'), cell: caseLink },
          { label: t('queue.state'), cell: stateOf },
          { label: t('queue.who'), cell: whoOf },
          { label: t('queue.signs'), cell: signsOf },
          { label: t('queue.last_seen'), cell: seenOf },
          { label: t('queue.flagged'), cell: flaggedOf },
          { label: t('queue.assigned'), cell: (row) => row.summary?.assignedTo || h('span', { class: 'muted' }, t('queue.nobody')) },
          { label: '', class: 'actions-cell', cell: (row) => h('a', {
            href: `/protection/case?id=${encodeURIComponent(row.summary?.caseId ?? '')}`, 'data-nav': '',
            class: 'button small', testid: 'queue-open-button',
          }, t('queue.open')) },
        ], rows, { testid: 'queue-table', rowTestid: (row) => `case-${row.summary?.caseId}` })
      : h('p', { class: 'muted', testid: 'queue-empty' }, t('queue.empty')));
    counts.textContent = t('queue.count', { count: rows.length });
    more.hidden = !cursor;
  };

  const load = async (next = false) => {
    const newest = begin();
    listError.clear();
    try {
      const page = await ctx.api.get('/v1/protection/queue', { cursor: next ? cursor : '' });
      if (!newest()) return;
      rows = next ? [...rows, ...(page.cases ?? [])] : (page.cases ?? []);
      cursor = page.nextCursor ?? '';
      draw();
    } catch (e) {
      if (newest()) listError.show(e);
    }
  };

  refresh.addEventListener('click', () => load());
  more.addEventListener('click', () => load(true));
  list.body.append(loading());
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'queue-intro' },
      h('p', {}, t('queue.intro')), h('p', { class: 'muted' }, t('queue.order'))),
    listError.el, counts, list.el, more);
}
