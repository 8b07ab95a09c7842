// Protection officers: the one-page referral sheet (GET /v1/protection/referrals/{id}/summary,
// at /protection/referral?id=N) for a care service without access to the system — printed, or
// saved as PDF, on one A4 page (the print rules of app.css drop the header, the navigation and
// the buttons). Like the case page, it opens only with a reason, audited. It carries what the
// service needs to receive her and nothing more: no document number, no score, no companions.
import { h } from '../dom.js';
import { date, dateTime, language, t } from '../i18n.js';
import { toNumber } from '../format.js';
import { countryLabel, languageLabel } from '../languages.js';
import { pathOf } from '../api.js';
import { facts } from '../ui.js';
import { reasonStep } from './reason_step.js';
import { ageText, outcomeKey, sexKey } from './protection_words.js';

export function protectionReferralView(ctx) {
  const id = ctx.query.get('id') ?? '';
  const root = h('div', { class: 'stack', testid: 'referral' });
  if (!/^[1-9]\d{0,17}$/.test(id)) {
    root.append(h('p', { class: 'error', testid: 'referral-bad-id' }, t('sheet.bad_id')),
      h('p', {}, h('a', { href: '/protection', 'data-nav': '' }, t('case.back'))));
    return root;
  }

  const draw = (sheet) => {
    const r = sheet.referral ?? {};
    const s = sheet.service ?? {};
    const p = sheet.person;
    const seen = sheet.lastSeen;
    const en = language() === 'en';
    const caseHref = `/protection/case?id=${encodeURIComponent(sheet.caseId ?? '')}`;
    root.replaceChildren(
      h('div', { class: 'row-actions no-print' },
        h('a', { href: caseHref, 'data-nav': '', testid: 'sheet-back' }, t('sheet.back')),
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'primary', testid: 'sheet-print', onclick: () => window.print() }, t('sheet.print'))),
      h('p', { class: 'notice no-print' }, t('sheet.handle_with_care')),
      h('article', { class: 'sheet', testid: 'sheet' },
        h('header', { class: 'sheet-head' },
          h('div', {},
            h('p', { class: 'sheet-confidential' }, t('sheet.confidential')),
            h('h1', {}, t('sheet.title')),
            h('p', { class: 'muted' }, t('sheet.subtitle'))),
          facts([
            [t('sheet.referral_number'), `#${r.referralId}`, 'sheet-referral'],
            [t('sheet.case'), `${sheet.caseLabel ?? ''} (#${sheet.caseId})`, 'sheet-case'],
            [t('sheet.produced'), dateTime(sheet.producedAtMs)],
          ], 'sheet-refs')),
        h('section', {},
          h('h2', {}, t('sheet.to')),
          facts([
            [t('sheet.service'), s.name, 'sheet-service'],
            [t('sheet.place'), s.place],
            [t('sheet.contact'), s.contact, 'sheet-contact'],
            [t('sheet.due'), t('sheet.due_text', { date: date(r.dueAtMs) }), 'sheet-due'],
            toNumber(r.acknowledgedAtMs) ? [t('sheet.acknowledged'), date(r.acknowledgedAtMs)] : null,
            r.outcome ? [t('sheet.outcome'), `${t(outcomeKey(r.outcome))}${r.outcomeNote ? ` — ${r.outcomeNote}` : ''}`] : null,
          ])),
        h('section', {},
          h('h2', {}, t('sheet.person')),
          p
            ? facts([
                [t('case.names'), h('strong', {}, `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim()), 'sheet-names'],
                [t('case.sex'), t(sexKey(p.sex))],
                [t('case.age'), ageText(p), 'sheet-age'],
                [t('case.nationality'), p.nationality ? countryLabel(p.nationality) : t('case.not_declared')],
                [t('case.languages'), (p.languages ?? []).map(languageLabel).join(', '), 'sheet-languages'],
                [t('case.last_seen'), seen
                  ? t('sheet.seen', { site: seen.siteName || `#${seen.siteId}`, date: date(seen.atMs) })
                  : t('sheet.registered', { site: p.registeredSiteName || `#${p.registeredSiteId}`, date: date(p.registeredAtMs) })],
              ])
            : h('p', {}, t('case.person_unknown'))),
        h('section', {},
          h('h2', {}, t('sheet.reasons')),
          h('ul', { class: 'sheet-reasons', testid: 'sheet-reasons' },
            (sheet.reasons ?? []).map((reason) => h('li', {}, en ? reason.textEn : reason.textFr))),
          h('p', { class: 'muted' }, t('sheet.reasons_note'))),
        h('section', {},
          h('h2', {}, t('sheet.from')),
          facts([
            [t('sheet.officer'), sheet.referredByName || r.referredBy, 'sheet-officer'],
            [t('sheet.referred_on'), date(r.referredAtMs)],
          ]),
          h('p', {}, t('sheet.call_back', { label: sheet.caseLabel ?? '', number: r.referralId ?? '' }))),
        h('footer', { class: 'sheet-foot' },
          h('div', {}, t('sheet.received_by')),
          h('div', {}, t('sheet.signature')))));
  };

  root.append(
    h('p', {}, h('a', { href: '/protection', 'data-nav': '', testid: 'case-back' }, t('case.back'))),
    reasonStep({
      title: t('sheet.reason_title'),
      lead: t('sheet.reason_lead'),
      suggestions: [t('reason.sheet'), t('reason.service_call')],
      submitLabel: t('sheet.reason_submit'),
      open: async (why) => {
        const sheet = await ctx.api.get(pathOf('/v1/protection/referrals/{id}/summary', { id }), undefined, { reason: why });
        if (ctx.isCurrent()) draw(sheet);
      },
    }));
  return root;
}
