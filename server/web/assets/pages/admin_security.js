// Administrators: security events — suspected clones, the same bracelet accepted at two sites
// too far apart for the time between the taps. Each event shows the bracelet's UID, the two
// taps (site, gate, time), the distance and the speed it would take; an open one is decided once:
// revoke the bracelet (every kiosk then refuses it) after a confirmation, or dismiss it. No
// person data: the server sends none. The plausible speed is set here too.
import { h, formValues } from '../dom.js';
import { dateTime, language, t } from '../i18n.js';
import { formatAmount, formatDuration, toNumber } from '../format.js';
import { pathOf } from '../api.js';
import { badge, confirmDialog, errorLine, field, formDialog, loading, newestOnly, section, table } from '../ui.js';

/// The filter's choices, the open events first: what waits for a decision.
const FILTERS = [['open', 'security.filter_open'], ['all', 'common.all'],
  ['revoked', 'security.filter_revoked'], ['dismissed', 'security.filter_dismissed']];
/// Each status's words and badge.
const STATUSES = {
  open: ['security.status_open', 'warn'],
  revoked: ['security.status_revoked', 'bad'],
  dismissed: ['security.status_dismissed', 'muted'],
};

export function adminSecurityView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  const speed = h('span', { class: 'muted', testid: 'security-speed' });
  const changeSpeed = h('button', { type: 'button', class: 'small', testid: 'security-speed-change' }, t('security.speed_change'));
  const filter = h('select', { id: 'f-security-status', testid: 'security-status' },
    FILTERS.map(([value, key]) => h('option', { value }, t(key))));
  const refresh = h('button', { type: 'button', testid: 'security-refresh' }, t('common.refresh'));
  const list = section(t('security.title'), 'security',
    h('label', { for: 'f-security-status' }, t('security.filter')), filter, refresh);
  const openCount = h('p', { class: 'notice', testid: 'security-open-count', hidden: true });
  const more = h('button', { type: 'button', testid: 'security-more', hidden: true }, t('common.more'));
  let events = [];
  let cursor = '';
  let settings = { maxSpeedKmh: 0 };
  const begin = newestOnly(ctx);

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };

  const km = (value) => t('security.km', { km: formatAmount(value, language()) });
  const tapOf = (tap) => h('div', {},
    h('strong', {}, tap?.siteName || `#${tap?.siteId ?? '?'}`),
    tap?.gateName ? h('span', { class: 'muted' }, ` — ${tap.gateName}`) : null,
    h('br'),
    h('span', {}, dateTime(tap?.atMs, true)));
  const speedOf = (e) => h('div', {},
    toNumber(e.elapsedMs) === 0
      ? h('strong', { testid: 'event-speed' }, t('security.same_moment'))
      : h('strong', { testid: 'event-speed' }, t('security.kmh', { speed: formatAmount(e.requiredSpeedKmh, language()) })),
    h('br'),
    h('small', { class: 'muted' }, t('security.judged_at', { speed: e.maxSpeedKmh ?? 0 })));
  const statusOf = (e) => {
    const status = STATUSES[e.status] ? e.status : 'open';
    const [words, kind] = STATUSES[status];
    return h('div', {},
      badge(t(words), kind, 'event-status'),
      status === 'open' ? null
        : h('div', { class: 'muted' }, h('small', {}, t('security.resolved', { who: e.resolvedBy ?? '', date: dateTime(e.resolvedAtMs) }))));
  };
  const actionsOf = (e) => (e.status === 'open'
    ? h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'small danger', testid: 'event-revoke', onclick: () => revoke(e) }, t('security.revoke')),
        h('button', { type: 'button', class: 'small', testid: 'event-dismiss', onclick: () => dismiss(e) }, t('security.dismiss')))
    : '');

  const draw = () => {
    speed.textContent = t('security.speed', { speed: settings.maxSpeedKmh ?? 0 });
    list.body.replaceChildren(events.length
      ? table([
          { label: t('security.id'), cell: (e) => `#${e.eventId}` },
          { label: t('security.tag'), cell: (e) => h('code', { testid: 'event-tag' }, e.tagUid ?? '') },
          { label: t('security.first'), cell: (e) => tapOf(e.first) },
          { label: t('security.second'), cell: (e) => tapOf(e.second) },
          { label: t('security.distance'), class: 'num', cell: (e) => h('span', { testid: 'event-distance' }, km(e.distanceKm)) },
          { label: t('security.elapsed'), class: 'num', cell: (e) => h('span', { testid: 'event-elapsed' }, formatDuration(e.elapsedMs, language())) },
          { label: t('security.speed_needed'), class: 'num', cell: speedOf },
          { label: t('security.status'), cell: statusOf },
          { label: '', class: 'actions-cell', cell: actionsOf },
        ], events, { testid: 'security-table', rowTestid: (e) => `event-${e.eventId}` })
      : h('p', { class: 'muted', testid: 'security-none' }, t(filter.value === 'open' ? 'security.none_open' : 'security.none')));
    more.hidden = !cursor;
  };

  /// The first page again (after a decision, a filter change, a refresh), or the next one.
  const load = async (next = false) => {
    const newest = begin();
    listError.clear();
    try {
      const status = filter.value === 'all' ? '' : filter.value;
      const page = await ctx.api.get('/v1/security/events', { status, cursor: next ? cursor : '' });
      if (!newest()) return;
      events = next ? [...events, ...(page.events ?? [])] : (page.events ?? []);
      cursor = page.nextCursor ?? '';
      settings = { ...settings, maxSpeedKmh: page.maxSpeedKmh ?? 0 };
      const waiting = toNumber(page.openCount);
      openCount.textContent = t('security.open_count', { count: waiting });
      openCount.hidden = waiting === 0;
      draw();
    } catch (e) {
      if (newest()) listError.show(e);
    }
  };

  const revoke = async (e) => {
    const yes = await confirmDialog({
      title: t('security.revoke_title', { uid: e.tagUid }),
      text: t('security.revoke_text'),
      confirm: t('security.revoke'),
      danger: true,
    });
    if (!yes) return;
    try {
      const done = await ctx.api.post(pathOf('/v1/security/events/{id}/revoke', { id: e.eventId }), {});
      const version = toNumber(done.revokedBraceletsVersion);
      say(version ? t('security.revoked_ok', { uid: e.tagUid, version }) : t('security.already_revoked', { uid: e.tagUid }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  const dismiss = async (e) => {
    const yes = await confirmDialog({
      title: t('security.dismiss_title', { id: e.eventId }),
      text: t('security.dismiss_text', { uid: e.tagUid }),
      confirm: t('security.dismiss'),
    });
    if (!yes) return;
    try {
      await ctx.api.post(pathOf('/v1/security/events/{id}/dismiss', { id: e.eventId }), {});
      say(t('security.dismissed_ok', { id: e.eventId }));
    } catch (error) {
      listError.show(error);
    }
    await load();
  };

  const setSpeed = async () => {
    const saved = await formDialog({
      title: t('security.speed_title'),
      testid: 'speed-dialog',
      submitLabel: t('action.save'),
      fields: [field('maxSpeedKmh', t('security.speed_field'),
        { type: 'number', min: 1, max: 1000, value: String(settings.maxSpeedKmh || 60), hint: t('security.speed_hint') })],
      submit: (form) => ctx.api.put('/v1/security/settings', { maxSpeedKmh: Number(formValues(form).maxSpeedKmh) || 0 }),
    });
    if (saved) {
      settings = saved;
      say(t('security.speed_ok', { speed: saved.maxSpeedKmh }));
      draw();
    }
  };

  filter.addEventListener('change', () => load());
  refresh.addEventListener('click', () => load());
  more.addEventListener('click', () => load(true));
  changeSpeed.addEventListener('click', setSpeed);
  list.body.append(loading());
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'security-intro' },
      h('p', {}, t('security.intro')),
      h('p', { class: 'row-actions' }, speed, changeSpeed)),
    flash, openCount, listError.el, list.el, more);
}
