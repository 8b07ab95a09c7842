// Protection officers: one case (GET /v1/protection/cases/{id}, at /protection/case?id=N). It
// opens only once the officer has said why (reason_step.js): that read, and each re-read after
// an action, is audited with the reason. Then: who she is as care needs it, why she was flagged
// (each sign in plain words, the rule-set version), the search notices she matched, her
// companions, her movements across sites, the referrals and the case's history; and the actions
// her case's status allows — open, assign, refer, dismiss, close, reopen — each written to the
// history with the officer's words.
import { h, formValues } from '../dom.js';
import { date, dateTime, language, t } from '../i18n.js';
import { declaredDate, parseDayInput, formatDate, toNumber } from '../format.js';
import { countryLabel, languageLabel } from '../languages.js';
import { pathOf } from '../api.js';
import { badge, confirmDialog, errorLine, facts, field, formDialog, section, table } from '../ui.js';
import { reasonStep } from './reason_step.js';
import {
  PRIORITY_BADGE, REFERRAL_OUTCOMES, STATUS_BADGE, ageText, gradeKey, historyKey, indicatorKey, outcomeKey,
  parseHistoryDetail, priorityKey, relationKey, sexKey, statusKey,
} from './protection_words.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/// A referral is due for acknowledgement within three days unless the officer says otherwise.
const DEFAULT_DUE_DAYS = 3;

const text = (indicator) => (language() === 'en' ? indicator.textEn : indicator.textFr) || indicator.id;

/// A multi-line reason field for the dismiss, close, reopen and outcome dialogs.
function reasonArea(name, label, { required = true, hint } = {}) {
  const id = `f-${name}-dialog`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('textarea', { id, name, rows: 4, maxlength: 1000, required, testid: `field-${name}` }),
    hint ? h('small', {}, hint) : null);
}

/// The birth as declared: "2011 (estimée)", "03/2011", "14/03/2011".
const birthText = (birth) => declaredDate(birth, language(), t('case.estimated')) || t('case.unknown');

/// A history line's detail in words (the server writes it in codes, once, for every language).
function historyDetail(entry) {
  const d = parseHistoryDetail(entry.action, entry.detail);
  switch (d.kind) {
    case 'flag':
      return t('history_detail.flag', {
        priority: t(priorityKey(d.priority)), version: d.version,
        signs: d.indicators.map((id) => (indicatorKey(id) ? t(indicatorKey(id)) : id)).join(', '),
      });
    case 'referred':
      return t('history_detail.referred', { number: d.referral, service: d.service, date: date(d.dueAtMs) });
    case 'acknowledged':
      return t('history_detail.acknowledged', { number: d.referral });
    case 'outcome':
      return `${t('history_detail.outcome', { number: d.referral, outcome: t(outcomeKey(d.outcome)) })}${d.note ? ` — ${d.note}` : ''}`;
    default:
      return d.text;
  }
}

export function protectionCaseView(ctx) {
  const id = ctx.query.get('id') ?? '';
  const root = h('div', { class: 'stack', testid: 'case' });
  if (!/^[1-9]\d{0,17}$/.test(id)) {
    root.append(h('p', { class: 'error', testid: 'case-bad-id' }, t('case.bad_id')),
      h('p', {}, h('a', { href: '/protection', 'data-nav': '' }, t('case.back'))));
    return root;
  }
  const casePath = pathOf('/v1/protection/cases/{id}', { id });
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const actionError = errorLine();
  let reason = '';

  const read = async (why) => {
    const file = await ctx.api.get(casePath, undefined, { reason: why });
    if (!ctx.isCurrent()) return;
    reason = why;
    draw(file);
  };

  /// After an action: say what was done and read the case again (audited with the same reason).
  const done = async (message) => {
    try {
      await read(reason);
      flash.textContent = message;
      flash.hidden = false;
    } catch (e) {
      actionError.show(e);
    }
  };

  const act = async (run, message) => {
    actionError.clear();
    try {
      await run();
    } catch (e) {
      actionError.show(e);
      return;
    }
    await done(message);
  };

  // ---------------------------------------------------------------- actions

  const openCase = () => act(() => ctx.api.post(`${casePath}/open`, {}), t('case.opened_ok'));

  const assign = async () => {
    const saved = await formDialog({
      title: t('case.assign_title'),
      testid: 'assign-dialog',
      submitLabel: t('case.assign'),
      fields: [field('officerId', t('case.assign_field'), {
        value: ctx.session.userId, autocomplete: 'off', hint: t('case.assign_hint'),
      })],
      submit: (form) => ctx.api.post(`${casePath}/assign`, { officerId: formValues(form).officerId }),
    });
    if (saved) await done(t('case.assigned_ok', { who: saved.assignedTo }));
  };

  const withReason = async (action, { title, label, hint, submitLabel, message }) => {
    const saved = await formDialog({
      title,
      testid: `${action}-dialog`,
      submitLabel,
      fields: [reasonArea('reason', label, { hint })],
      submit: (form) => ctx.api.post(`${casePath}/${action}`, { reason: formValues(form).reason }),
    });
    if (saved) await done(message);
  };

  const dismiss = () => withReason('dismiss', {
    title: t('case.dismiss_title'), label: t('case.dismiss_field'), hint: t('case.dismiss_hint'),
    submitLabel: t('case.dismiss'), message: t('case.dismissed_ok'),
  });
  const close = () => withReason('close', {
    title: t('case.close_title'), label: t('case.close_field'), hint: t('case.close_hint'),
    submitLabel: t('case.close'), message: t('case.closed_ok'),
  });
  const reopen = () => withReason('reopen', {
    title: t('case.reopen_title'), label: t('case.reopen_field'), hint: t('case.reopen_hint'),
    submitLabel: t('case.reopen'), message: t('case.reopened_ok'),
  });

  const refer = async (file) => {
    actionError.clear();
    let services;
    try {
      services = (await ctx.api.get('/v1/protection/services')).services ?? [];
    } catch (e) {
      actionError.show(e);
      return;
    }
    if (!ctx.isCurrent()) return;
    if (!services.length) {
      actionError.show({ title: t('case.no_service') });
      return;
    }
    // A girl under 18 (or whose age is not known) goes only where minors are received.
    const minor = !file.person?.birth?.year || (file.person.ageYears ?? 0) < 18;
    const options = services.map((s) => {
      const refuses = minor && !s.acceptsMinors;
      return h('option', { value: s.serviceId, disabled: refuses },
        `${s.name}${s.place ? ` — ${s.place}` : ''}${refuses ? ` (${t('case.service_no_minors')})` : ''}`);
    });
    const select = h('select', { id: 'f-serviceId', name: 'serviceId', testid: 'field-serviceId' }, options);
    const firstAllowed = services.find((s) => !(minor && !s.acceptsMinors));
    if (firstAllowed) select.value = firstAllowed.serviceId;
    const due = formatDate(Date.now() + DEFAULT_DUE_DAYS * DAY_MS, 'fr');
    const saved = await formDialog({
      title: t('case.refer_title', { label: file.summary?.label ?? '' }),
      testid: 'refer-dialog',
      submitLabel: t('case.refer'),
      fields: [
        h('div', { class: 'field' }, h('label', { for: 'f-serviceId' }, t('case.refer_service')), select,
          minor ? h('small', {}, t('case.refer_minor_hint')) : null),
        field('dueAtMs', t('case.refer_due'), { value: due, placeholder: t('common.date_placeholder'), hint: t('case.refer_due_hint'), autocomplete: 'off' }),
      ],
      submit: (form) => {
        const values = formValues(form);
        const end = parseDayInput(values.dueAtMs, true);
        if (!end) return Promise.reject({ title: t('case.refer_bad_due'), field: 'dueAtMs' });
        return ctx.api.post(`${casePath}/referrals`, { serviceId: values.serviceId, dueAtMs: String(end - 1) });
      },
    });
    if (saved) await done(t('case.referred_ok', { service: saved.serviceName, date: date(saved.dueAtMs) }));
  };

  const acknowledge = async (referral) => {
    const yes = await confirmDialog({
      title: t('case.ack_title', { service: referral.serviceName }),
      text: t('case.ack_text'),
      confirm: t('case.ack'),
    });
    if (!yes) return;
    await act(() => ctx.api.post(pathOf('/v1/protection/referrals/{id}/acknowledgement', { id: referral.referralId }), {}),
      t('case.ack_ok', { service: referral.serviceName }));
  };

  const recordOutcome = async (referral) => {
    const saved = await formDialog({
      title: t('case.outcome_title', { service: referral.serviceName }),
      testid: 'outcome-dialog',
      submitLabel: t('action.save'),
      fields: [
        field('outcome', t('case.outcome_field'), { options: REFERRAL_OUTCOMES.map((o) => [o, t(outcomeKey(o))]), hint: t('case.outcome_hint') }),
        reasonArea('note', t('case.outcome_note'), { required: false }),
      ],
      submit: (form) => {
        const values = formValues(form);
        return ctx.api.post(pathOf('/v1/protection/referrals/{id}/outcome', { id: referral.referralId }),
          { outcome: values.outcome, note: values.note });
      },
    });
    if (saved) await done(t('case.outcome_ok', { outcome: t(outcomeKey(saved.outcome)) }));
  };

  // ---------------------------------------------------------------- drawing

  const head = (file) => {
    const s = file.summary ?? {};
    const button = (key, testid, onclick, kind) => h('button', { type: 'button', class: kind, testid, onclick }, t(key));
    const active = ['new', 'open', 'referred'].includes(s.status);
    const actions = h('div', { class: 'row-actions', testid: 'case-actions' },
      s.status === 'new' ? button('case.open', 'case-open', openCase, 'primary') : null,
      active ? button('case.refer', 'case-refer', () => refer(file), s.status === 'new' ? null : 'primary') : null,
      active ? button('case.assign', 'case-assign', assign) : null,
      s.status === 'open' || s.status === 'referred' ? button('case.close', 'case-close', close) : null,
      active ? button('case.dismiss', 'case-dismiss', dismiss, 'danger') : null,
      active ? null : button('case.reopen', 'case-reopen', reopen, 'primary'));
    const overdue = toNumber(s.overdueSinceMs);
    return h('section', { class: 'card case-head', testid: 'case-head' },
      h('div', { class: 'section-head' },
        h('h1', { testid: 'case-label' }, t('case.title', { label: s.label ?? `#${s.caseId}` })),
        h('div', { class: 'badges' },
          overdue ? badge(t('queue.overdue', { date: date(overdue) }), 'bad', 'case-overdue') : null,
          badge(t(priorityKey(s.priority)), PRIORITY_BADGE[s.priority] ?? 'muted', 'case-priority'),
          badge(t(statusKey(s.status)), STATUS_BADGE[s.status] ?? 'muted', 'case-status'))),
      facts([
        [t('case.number'), `#${s.caseId}`],
        [t('case.first_flagged'), dateTime(s.firstFlaggedAtMs)],
        [t('case.last_flagged'), dateTime(s.lastFlaggedAtMs)],
        [t('case.assigned_to'), s.assignedTo || t('queue.nobody'), 'case-assigned'],
      ]),
      actions);
  };

  const personCard = (file) => {
    const p = file.person;
    const card = section(t('case.person'), 'case-person');
    if (!p) {
      card.body.append(h('p', { class: 'muted' }, t('case.person_unknown')));
      return card.el;
    }
    const seen = file.lastSeen;
    card.body.append(facts([
      [t('case.names'), h('strong', {}, `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim()), 'case-names'],
      [t('case.sex'), t(sexKey(p.sex))],
      [t('case.age'), ageText(p), 'case-age'],
      [t('case.birth'), birthText(p.birth)],
      [t('case.nationality'), p.nationality ? countryLabel(p.nationality, { withCode: true }) : t('case.not_declared')],
      [t('case.languages'), (p.languages ?? []).map(languageLabel).join(', ') || t('case.not_declared'), 'case-languages'],
      [t('case.registered'), t('case.at_site', { site: p.registeredSiteName || `#${p.registeredSiteId}`, date: dateTime(p.registeredAtMs) })],
      [t('case.last_seen'), seen
        ? t(seen.direction === 'DIRECTION_OUT' ? 'case.seen_out' : 'case.seen_in', { site: seen.siteName || `#${seen.siteId}`, date: dateTime(seen.atMs) })
        : t('case.never_passed'), 'case-last-seen'],
    ]));
    return card.el;
  };

  const whyCard = (file) => {
    const a = file.assessment;
    const card = section(t('case.why'), 'case-why');
    if (!a) {
      card.body.append(h('p', { class: 'muted' }, t('case.not_assessed')));
    } else {
      card.body.append(
        h('ul', { class: 'signs', testid: 'case-signs' }, (a.indicators ?? []).map((indicator) =>
          h('li', { testid: `sign-${indicator.id}` },
            badge(t(gradeKey(indicator.grade)), indicator.grade === 'GRADE_DECISIVE' ? 'bad' : indicator.grade === 'GRADE_STRONG' ? 'warn' : 'muted'),
            ' ', h('span', {}, text(indicator))))),
        h('p', { class: 'muted', testid: 'case-rules' },
          t('case.assessed', { version: a.ruleSetVersion ?? '', score: a.score ?? 0, date: dateTime(file.assessedAtMs) })));
    }
    const matches = file.noticeMatches ?? [];
    if (matches.length) {
      card.body.append(h('h3', {}, t('case.notices')), table([
        { label: t('case.notice'), cell: (m) => `#${m.noticeId} — ${t(m.kind === 'watch' ? 'case.notice_watch' : 'case.notice_missing')}` },
        { label: t('case.notice_reported_by'), cell: (m) => m.reportingService ?? '' },
        { label: t('case.notice_method'), cell: (m) => (m.method === 'document_number'
          ? t('case.notice_by_document')
          : t('case.notice_by_name', { percent: Math.round((m.similarity ?? 0) * 100) })) },
        { label: t('case.notice_found'), cell: (m) => dateTime(m.matchedAtMs) },
        { label: t('case.notice_state'), cell: (m) => badge(t(m.noticeOpen ? 'case.notice_open' : 'case.notice_closed'), m.noticeOpen ? 'warn' : 'muted') },
      ], matches, { testid: 'case-notices' }));
    }
    return card.el;
  };

  const companionsCard = (file) => {
    const card = section(t('case.companions'), 'case-companions');
    const companions = file.companions ?? [];
    card.body.append(companions.length
      ? table([
          { label: t('case.relation'), cell: (c) => t(relationKey(c.relation)) },
          { label: t('case.companion'), cell: (c) => (c.hasBracelet
            ? `${c.companionGivenName ?? ''} ${c.companionFamilyName ?? ''}`.trim() || t('case.companion_unregistered')
            : h('span', {}, h('span', { class: 'muted' }, `${t('case.described')} `), c.description || '—')) },
          { label: t('case.answered'), cell: (c) => (c.answeredForHer ? badge(t('case.answered_yes'), 'warn') : t('case.answered_no')) },
          { label: t('case.recorded'), cell: (c) => t('case.at_site', { site: c.siteName || `#${c.siteId}`, date: dateTime(c.recordedAtMs) }) },
        ], companions, { testid: 'case-companions-table' })
      : h('p', { class: 'muted' }, t('case.no_companion')));
    return card.el;
  };

  const movementsCard = (file) => {
    const m = file.movements ?? {};
    const stays = m.stays ?? [];
    const card = section(t('case.movements'), 'case-movements');
    card.body.append(
      h('p', { class: 'muted' }, t('case.movement_counts', { stays: toNumber(m.stayCount), passages: toNumber(m.passageCount) })),
      stays.length
        ? table([
            { label: t('case.site'), cell: (s) => s.siteName || `#${s.siteId}` },
            { label: t('case.from'), cell: (s) => dateTime(s.firstAtMs) },
            { label: t('case.to'), cell: (s) => dateTime(s.lastAtMs) },
            { label: t('case.passages'), class: 'num', cell: (s) => String(toNumber(s.passages)) },
          ], stays, { testid: 'case-stays' })
        : h('p', { class: 'muted' }, t('case.no_movement')));
    return card.el;
  };

  const referralsCard = (file) => {
    const referrals = file.referrals ?? [];
    const card = section(t('case.referrals'), 'case-referrals');
    const stateOf = (r) => {
      if (r.outcome) {
        return h('div', {}, badge(t(outcomeKey(r.outcome)), r.outcome === 'accepted' || r.outcome === 'services_given' ? 'ok' : 'muted', 'referral-outcome'),
          r.outcomeNote ? h('div', { class: 'muted' }, h('small', {}, r.outcomeNote)) : null);
      }
      if (toNumber(r.acknowledgedAtMs)) return badge(t('case.acknowledged', { date: date(r.acknowledgedAtMs) }), 'ok', 'referral-ack');
      return r.overdue ? badge(t('case.overdue_ack'), 'bad', 'referral-overdue') : badge(t('case.waiting_ack'), 'warn', 'referral-waiting');
    };
    const actionsOf = (r) => h('div', { class: 'row-actions' },
      !toNumber(r.acknowledgedAtMs) && !toNumber(r.closedAtMs)
        ? h('button', { type: 'button', class: 'small', testid: 'referral-acknowledge', onclick: () => acknowledge(r) }, t('case.ack'))
        : null,
      !toNumber(r.closedAtMs)
        ? h('button', { type: 'button', class: 'small', testid: 'referral-record-outcome', onclick: () => recordOutcome(r) }, t('case.outcome'))
        : null,
      h('a', { href: `/protection/referral?id=${encodeURIComponent(r.referralId)}`, 'data-nav': '', class: 'button small', testid: 'referral-sheet' }, t('case.sheet')));
    card.body.append(referrals.length
      ? table([
          { label: t('case.service'), cell: (r) => r.serviceName || `#${r.serviceId}` },
          { label: t('case.referred'), cell: (r) => h('span', {}, date(r.referredAtMs), h('br'), h('span', { class: 'muted' }, r.referredBy ?? '')) },
          { label: t('case.due'), cell: (r) => date(r.dueAtMs) },
          { label: t('case.referral_state'), cell: stateOf },
          { label: '', class: 'actions-cell', cell: actionsOf },
        ], referrals, { testid: 'case-referrals-table', rowTestid: (r) => `referral-${r.referralId}` })
      : h('p', { class: 'muted' }, t('case.no_referral')));
    return card.el;
  };

  const historyCard = (file) => {
    const card = section(t('case.history'), 'case-history');
    card.body.append(table([
      { label: t('case.when'), cell: (e) => dateTime(e.atMs) },
      { label: t('case.who'), cell: (e) => e.actor || h('span', { class: 'muted' }, t('case.system')) },
      { label: t('case.what'), cell: (e) => (historyKey(e.action) ? t(historyKey(e.action)) : e.action) },
      { label: t('case.detail'), cell: (e) => h('span', { class: 'pre-line' }, historyDetail(e)) },
    ], [...(file.history ?? [])].reverse(), { testid: 'case-history-table' }));
    return card.el;
  };

  const draw = (file) => {
    flash.hidden = true;
    actionError.clear();
    root.replaceChildren(
      h('p', {}, h('a', { href: '/protection', 'data-nav': '', testid: 'case-back' }, t('case.back'))),
      head(file), flash, actionError.el,
      h('div', { class: 'case-grid' }, personCard(file), whyCard(file)),
      referralsCard(file), companionsCard(file), movementsCard(file), historyCard(file));
  };

  root.append(
    h('p', {}, h('a', { href: '/protection', 'data-nav': '', testid: 'case-back' }, t('case.back'))),
    reasonStep({
      title: t('case.reason_title'),
      lead: t('case.reason_lead'),
      suggestions: [t('reason.assess'), t('reason.follow_up'), t('reason.service_call'), t('reason.prepare_care')],
      submitLabel: t('case.reason_submit'),
      open: read,
    }));
  return root;
}
