// Border police: a person's history across every site and gate (GET
// /v1/police/persons/{id}/timeline, at /police/person?id=<person token hex>). It opens under the
// inquiry stated on the search page (police_inquiry.js: the reason and case reference go with
// the read and to the audit log); an officer who arrives here directly (a link, a bookmark, a
// reload) states them first. Then who the person is as registered, and one chronological list,
// newest first, with a filter by kind: registration, entries and exits (refused taps too),
// census observations, companions (with links to their own history), bracelets issued, replaced
// and revoked, miner's card. "Print" gives the A4 page for a case file (print rules in app.css:
// no header, navigation or buttons), headed with who asked and when (the API's printedBy and
// producedAtMs), the reason and the case reference. police.proto has no field for a flag, a
// case, a referral or any protection answer: nothing of the kind can show here.
import { h } from '../dom.js';
import { csvFormat, date, dateTime, language, t } from '../i18n.js';
import { declaredDate, toNumber } from '../format.js';
import { countryLabel, languageLabel } from '../languages.js';
import { pathOf } from '../api.js';
import { csvButton, errorLine, facts, labelCells, loading, table } from '../ui.js';
import { inquiryOf, rememberSite, startInquiry } from './police_inquiry.js';
import { nationalityText, personHref, personName, policeReasonStep } from './police_parts.js';
import {
  DIRECTION, DOCUMENT, EVENT_KINDS, OCCUPATION, RELATION, REVOCATION, SEX, VERIFICATION, linkedPersonId,
  timelineEvents, wordKey,
} from './police_words.js';

/// A tag's UID as readers print it (upper case); the API sends lower case.
const uidText = (uid) => (uid ? String(uid).toUpperCase() : '—');

/// A date as declared: "14/03/2011", "03/2011", "2011", with "(estimée)" when estimated.
const declared = (d) => declaredDate(d, language(), t('police.estimated')) || t('police.not_declared');

const place = (e) => {
  if (!e.siteName && !e.siteId) return '';
  const site = e.siteName || `#${e.siteId}`;
  return e.gateName ? `${site} — ${e.gateName}` : site;
};

/// A companion's name, a link to their own history when they wear a bracelet.
function companionName(c) {
  const id = linkedPersonId(c);
  const name = `${c.givenName ?? ''} ${c.familyName ?? ''}`.trim();
  if (id) {
    return h('a', { href: personHref(id), 'data-nav': '', class: 'police-person', testid: 'police-companion-link' },
      name || t('police.companion_unnamed'));
  }
  return h('span', {}, h('span', { class: 'muted' }, `${t('police.described')} `), c.description || name || '—');
}

/// What the line says: [title, detail].
function eventWords(e) {
  const x = e.item;
  switch (e.what) {
    case 'registration':
      return [t('police.event_registration'), t('police.event_registration_detail')];
    case 'passage': {
      const direction = t(wordKey(DIRECTION, x.direction));
      const uid = t('police.bracelet_uid', { uid: uidText(x.tagUid) });
      if (x.verification === 'VERIFICATION_VALID') return [direction, uid];
      return [h('span', {}, `${direction} `, h('span', { class: 'badge bad' }, t('police.refused'))),
        `${t(wordKey(VERIFICATION, x.verification))} — ${uid}`];
    }
    case 'census':
      return [t('police.event_census'), (language() === 'en' ? x.campaignNameEn : x.campaignNameFr) || x.campaignNameFr || `#${x.campaignId}`];
    case 'came_with':
      return [t('police.event_came_with'), h('span', {}, companionName(x), ` — ${t(wordKey(RELATION, x.relation))}`)];
    case 'accompanied':
      return [t('police.event_accompanied'), h('span', {}, companionName(x), ` — ${t('police.recorded_as', { relation: t(wordKey(RELATION, x.relation)) })}`)];
    case 'bracelet':
      return [t('police.event_bracelet'), t('police.bracelet_uid', { uid: uidText(x.tagUid) })];
    case 'bracelet_revoked':
      return x.replaced
        ? [t('police.event_bracelet_replaced'), t('police.bracelet_uid', { uid: uidText(x.tagUid) })]
        : [t('police.event_bracelet_revoked'), `${t(wordKey(REVOCATION, x.revocationReason))} — ${t('police.bracelet_uid', { uid: uidText(x.tagUid) })}`];
    case 'card':
      return [t('police.event_card'), t('police.card_detail', { number: x.cardNumber || '—', uid: uidText(x.cardUid) })];
    default:
      return [e.what, ''];
  }
}

export function policePersonView(ctx) {
  const id = (ctx.query.get('id') ?? '').toLowerCase();
  const root = h('div', { class: 'stack police', testid: 'police-person' });
  const back = () => h('p', {}, h('a', { href: '/police', 'data-nav': '', testid: 'police-back' }, t('police.back')));
  if (!/^[0-9a-f]{32}$/.test(id)) {
    root.append(back(), h('p', { class: 'error', testid: 'police-bad-id' }, t('police.bad_id')));
    return root;
  }
  const path = pathOf('/v1/police/persons/{id}/timeline', { id });
  let kind = 'all';

  const load = async (inquiry) => {
    const timeline = await ctx.api.get(path, undefined, inquiry);
    for (const p of timeline.passages ?? []) rememberSite(p.siteId, p.siteName);
    return timeline;
  };

  const showError = (e) => {
    const error = errorLine();
    error.el.dataset.testid = 'police-person-error';
    error.show(e?.type === 'urn:minegate:problem:unknown_person' ? { title: t('police.unknown_person') } : e);
    root.replaceChildren(back(), error.el);
  };

  const draw = (timeline, inquiry) => {
    const events = timelineEvents(timeline);
    const list = h('div', { testid: 'police-timeline' });
    const heading = h('h2', { testid: 'police-timeline-heading' });
    const filter = h('div', { class: 'police-kinds no-print', role: 'group', 'aria-label': t('police.filter'), testid: 'police-filter' });
    const drawList = () => {
      const shown = kind === 'all' ? events : events.filter((e) => e.kind === kind);
      const kindName = t(EVENT_KINDS.find(([k]) => k === kind)[1]);
      heading.textContent = kind === 'all'
        ? t('police.timeline_all', { count: shown.length })
        : t('police.timeline_only', { kind: kindName, count: shown.length });
      filter.replaceChildren(...EVENT_KINDS.map(([k, key]) => {
        const count = k === 'all' ? events.length : events.filter((e) => e.kind === k).length;
        return h('button', {
          type: 'button', class: ['small', k === kind ? 'current' : null], 'aria-pressed': k === kind ? 'true' : 'false',
          testid: `police-filter-${k}`, disabled: count === 0 && k !== kind,
          onclick: () => { kind = k; drawList(); },
        }, `${t(key)} (${count})`);
      }));
      // Each line's words once: [title, detail] (some are elements, placed once).
      const rows = shown.map((e) => ({ ...e, words: eventWords(e) }));
      list.replaceChildren(shown.length
        ? labelCells(table([
            { label: t('police.col_when'), class: 'nowrap', cell: (e) => (e.atMs ? dateTime(e.atMs) : '—') },
            { label: t('police.col_event'), cell: (e) => h('strong', {}, e.words[0]) },
            { label: t('police.col_place'), cell: place },
            { label: t('police.col_detail'), cell: (e) => e.words[1] },
          ], rows, { testid: 'police-timeline-table', rowTestid: (e) => `police-event-${e.what}` }))
        : h('p', { class: 'muted', testid: 'police-timeline-empty' }, t('police.timeline_empty')));
    };
    drawList();

    const r = timeline.registration ?? {};
    const total = toNumber(timeline.passageCount);
    const shownPassages = (timeline.passages ?? []).length;
    const identityDocument = r.documentType && r.documentType !== 'DOCUMENT_TYPE_NONE'
      ? [t(wordKey(DOCUMENT, r.documentType)), r.documentNumber, r.documentIssuingCountry ? `(${countryLabel(r.documentIssuingCountry)})` : '']
          .filter(Boolean).join(' ')
      : t(wordKey(DOCUMENT, r.documentType));
    const printedBy = timeline.printedBy && timeline.printedByUserId && timeline.printedBy !== timeline.printedByUserId
      ? `${timeline.printedBy} (${timeline.printedByUserId})`
      : timeline.printedBy || timeline.printedByUserId;

    const csvError = errorLine();
    root.replaceChildren(
      h('div', { class: 'row-actions no-print' },
        h('a', { href: '/police', 'data-nav': '', testid: 'police-back' }, t('police.back')),
        h('span', { class: 'spacer' }),
        csvButton(() => ctx.api.file(`${path}.csv`, csvFormat(), inquiry),
          'historique.csv', csvError, 'police-timeline-csv'),
        h('button', { type: 'button', class: 'primary', testid: 'police-print', onclick: () => window.print() }, t('police.print'))),
      csvError.el,
      h('article', { class: 'police-file', testid: 'police-file' },
        h('header', { class: 'police-file-head' },
          h('div', {},
            h('p', { class: 'police-file-kicker' }, t('police.file_kicker')),
            h('h1', { testid: 'police-file-title' }, t('police.file_title')),
            h('p', { class: 'police-file-name', testid: 'police-person-name' }, personName(r))),
          facts([
            [t('police.printed_by'), printedBy, 'police-printed-by'],
            [t('police.produced_at'), dateTime(timeline.producedAtMs, true), 'police-produced-at'],
            [t('police.reason_label'), inquiry.reason, 'police-file-reason'],
            [t('police.case_reference'), inquiry.caseReference, 'police-file-reference'],
          ], 'police-facts')),
        h('section', { testid: 'police-identity' },
          h('h2', {}, t('police.identity')),
          facts([
            [t('police.col_name'), h('strong', {}, personName(r)), 'police-identity-name'],
            [t('police.col_sex'), t(wordKey(SEX, r.sex))],
            [t('police.birth'), declared(r.birth), 'police-identity-birth'],
            [t('police.col_nationality'), nationalityText(r.nationality)],
            [t('police.place_of_origin'), r.placeOfOrigin || t('police.not_declared')],
            [t('police.document'), identityDocument, 'police-identity-document'],
            [t('police.languages'), (r.languages ?? []).map(languageLabel).join(', ') || t('police.not_declared')],
            [t('police.occupation'), t(wordKey(OCCUPATION, r.occupation))],
            [t('police.entered_senegal'), declared(r.enteredSenegal)],
            [t('police.registered'), t('police.registered_at', { place: place({ siteName: r.siteName, siteId: r.siteId, gateName: r.gateName }) || '—', date: dateTime(r.registeredAtMs) })],
            [t('police.passages'), total > shownPassages
              ? t('police.passages_truncated', { total, shown: shownPassages })
              : String(total), 'police-passage-count'],
            [t('police.person_id'), h('code', { class: 'small' }, timeline.personId || id)],
          ], 'police-facts')),
        h('section', { class: 'police-events' }, heading, filter, list),
        h('footer', { class: 'police-file-foot' },
          h('p', {}, t('police.file_footer', { date: date(timeline.producedAtMs) })),
          h('div', { class: 'police-signature' }, t('police.signature')))));
  };

  const open = async (inquiry) => {
    root.replaceChildren(back(), loading());
    try {
      const timeline = await load(inquiry);
      if (ctx.isCurrent()) draw(timeline, inquiry);
    } catch (e) {
      if (ctx.isCurrent()) showError(e);
    }
  };

  const inquiry = inquiryOf(ctx.session);
  if (inquiry) {
    open(inquiry);
  } else {
    // Arrived directly: the reason and case reference first, as on the search page. A refusal of
    // either stays in the step; any other answer (unknown person) is the page's.
    root.append(back(), policeReasonStep({
      lead: t('police.reason_lead_person'),
      open: async (reason, caseReference) => {
        const stated = { reason, caseReference };
        let timeline;
        try {
          timeline = await load(stated);
        } catch (e) {
          if (e.status === 0 || e.field === 'reason' || e.field === 'caseReference') throw e;
          startInquiry(ctx.session, reason, caseReference);
          if (ctx.isCurrent()) showError(e);
          return;
        }
        startInquiry(ctx.session, reason, caseReference);
        if (ctx.isCurrent()) draw(timeline, stated);
      },
    }));
  }
  return root;
}
