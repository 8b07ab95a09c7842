// Border police: the words of the police pages for the server's codes (police.proto and the
// events.proto enums it uses), the search form's values as GET /v1/police/persons wants them,
// and a timeline's parts as one chronological list. No DOM (unit-tested under node); every key
// is written out here so that the catalogue test finds it.
import { dayParam, formatDate, toNumber } from '../format.js';

export const SEX = {
  SEX_FEMALE: 'person.sex_female',
  SEX_MALE: 'person.sex_male',
  SEX_UNSPECIFIED: 'person.sex_not_stated',
};
export const DIRECTION = {
  DIRECTION_IN: 'police.passage_in',
  DIRECTION_OUT: 'police.passage_out',
  DIRECTION_UNSPECIFIED: 'police.passage_unknown',
};
/// Why a tap was refused (a valid one needs no words).
export const VERIFICATION = {
  VERIFICATION_NO_CREDENTIAL: 'police.refused_no_credential',
  VERIFICATION_MALFORMED: 'police.refused_malformed',
  VERIFICATION_UNKNOWN_KEY: 'police.refused_unknown_key',
  VERIFICATION_BAD_SIGNATURE: 'police.refused_bad_signature',
  VERIFICATION_KEY_REVOKED: 'police.refused_key_revoked',
  VERIFICATION_BRACELET_REVOKED: 'police.refused_bracelet_revoked',
  VERIFICATION_ISSUED_IN_FUTURE: 'police.refused_issued_in_future',
  VERIFICATION_UNSPECIFIED: 'police.refused_unspecified',
};
export const DOCUMENT = {
  DOCUMENT_TYPE_NONE: 'police.document_none',
  DOCUMENT_TYPE_NATIONAL_ID: 'police.document_national_id',
  DOCUMENT_TYPE_ECOWAS_ID: 'police.document_ecowas_id',
  DOCUMENT_TYPE_PASSPORT: 'police.document_passport',
  DOCUMENT_TYPE_BIRTH_CERTIFICATE: 'police.document_birth_certificate',
  DOCUMENT_TYPE_CONSULAR_CARD: 'police.document_consular_card',
  DOCUMENT_TYPE_VOTER_CARD: 'police.document_voter_card',
  DOCUMENT_TYPE_OTHER: 'police.document_other',
  DOCUMENT_TYPE_UNSPECIFIED: 'police.not_declared',
};
export const OCCUPATION = {
  OCCUPATION_MINER: 'police.occupation_miner',
  OCCUPATION_GOLD_TRADER: 'police.occupation_gold_trader',
  OCCUPATION_TRADER: 'police.occupation_trader',
  OCCUPATION_FOOD_SERVICE: 'police.occupation_food_service',
  OCCUPATION_BAR_WORKER: 'police.occupation_bar_worker',
  OCCUPATION_DOMESTIC_WORKER: 'police.occupation_domestic_worker',
  OCCUPATION_MECHANIC: 'police.occupation_mechanic',
  OCCUPATION_TRANSPORT: 'police.occupation_transport',
  OCCUPATION_HEALTH_OR_EDUCATION: 'police.occupation_health_or_education',
  OCCUPATION_NONE: 'police.occupation_none',
  OCCUPATION_OTHER: 'police.occupation_other',
  OCCUPATION_UNSPECIFIED: 'police.not_declared',
};
export const RELATION = {
  COMPANION_RELATION_PARENT: 'police.relation_parent',
  COMPANION_RELATION_SPOUSE: 'police.relation_spouse',
  COMPANION_RELATION_SIBLING: 'police.relation_sibling',
  COMPANION_RELATION_OTHER_FAMILY: 'police.relation_other_family',
  COMPANION_RELATION_EMPLOYER: 'police.relation_employer',
  COMPANION_RELATION_RECRUITER: 'police.relation_recruiter',
  COMPANION_RELATION_FRIEND: 'police.relation_friend',
  COMPANION_RELATION_UNKNOWN: 'police.relation_unknown',
  COMPANION_RELATION_UNSPECIFIED: 'police.relation_unspecified',
};
export const REVOCATION = {
  REVOCATION_REASON_LOST: 'police.revoked_lost',
  REVOCATION_REASON_DAMAGED: 'police.revoked_damaged',
  REVOCATION_REASON_SUSPECTED_CLONE: 'police.revoked_suspected_clone',
  REVOCATION_REASON_LEFT_REGION: 'police.revoked_left_region',
  REVOCATION_REASON_UNSPECIFIED: 'police.revoked_unspecified',
};

/// The key of `code` in `table`, the table's UNSPECIFIED entry for an absent or unknown code
/// (protobuf's JSON leaves a zero enum out).
export function wordKey(table, code) {
  if (code && table[code]) return table[code];
  const fallback = Object.keys(table).find((name) => name.endsWith('_UNSPECIFIED'));
  return table[fallback];
}

/// The kinds of search, in the form's order (GET /v1/police/persons takes one a call).
export const CRITERIA = [
  ['uid', 'police.by_uid'],
  ['name', 'police.by_name'],
  ['document', 'police.by_document'],
  ['nationality', 'police.by_nationality'],
  ['site', 'police.by_site'],
];

/// The day `daysBefore` days before `nowMs`, as typed in the form ("07/12/2026").
export function dayInput(nowMs, daysBefore = 0) {
  const d = new Date(nowMs);
  return formatDate(new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBefore).getTime(), 'fr');
}

/// A bracelet UID as readers print it ("04:A1:B2 C3…") -> hex digits only.
export function uidParam(text) {
  return String(text ?? '').replace(/[\s:.-]/g, '');
}

/// The query of a search of `kind` from the form's values (trimmed strings): { params } for
/// api.get, or { error, field } — the catalogue key of what is wrong and the field to mark (the
/// API's own field names, so its refusals mark the same fields).
export function searchParams(kind, values) {
  const v = (name) => String(values[name] ?? '').trim();
  const dated = (params) => {
    const from = dayParam(v('from'));
    const to = dayParam(v('to'));
    if (from === undefined) return { error: 'police.from_missing', field: 'from' };
    if (from === null) return { error: 'police.bad_day', field: 'from' };
    if (to === undefined) return { error: 'police.to_missing', field: 'to' };
    if (to === null) return { error: 'police.bad_day', field: 'to' };
    if (to < from) return { error: 'police.bad_range', field: 'to' };
    return { params: { ...params, from, to } };
  };
  switch (kind) {
    case 'uid': {
      const uid = uidParam(v('uid'));
      if (!uid) return { error: 'police.uid_missing', field: 'uid' };
      if (!/^[0-9a-fA-F]+$/.test(uid) || ![8, 14, 20].includes(uid.length)) return { error: 'police.bad_uid', field: 'uid' };
      return { params: { uid: uid.toUpperCase() } };
    }
    case 'name':
      return v('name') ? { params: { name: v('name') } } : { error: 'police.name_missing', field: 'name' };
    case 'document':
      return v('document') ? { params: { document: v('document') } } : { error: 'police.document_missing', field: 'document' };
    case 'nationality': {
      const code = (v('nationality') === 'other' ? v('nationalityOther') : v('nationality')).toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) {
        return { error: 'police.bad_nationality', field: v('nationality') === 'other' ? 'nationalityOther' : 'nationality' };
      }
      return dated({ nationality: code });
    }
    case 'site': {
      const site = v('site');
      if (!/^[1-9]\d{0,17}$/.test(site)) return { error: 'police.bad_site', field: 'site' };
      return dated({ site });
    }
    default:
      return { error: 'police.pick_criterion', field: '' };
  }
}

/// The kinds of a timeline's events, in the filter's order ('all' first).
export const EVENT_KINDS = [
  ['all', 'police.kind_all'],
  ['registration', 'police.kind_registration'],
  ['passage', 'police.kind_passage'],
  ['census', 'police.kind_census'],
  ['companion', 'police.kind_companion'],
  ['bracelet', 'police.kind_bracelet'],
  ['card', 'police.kind_card'],
];

/// Among events of the same millisecond (a registration, its bracelet and its companion are
/// written together), the one that happened last comes first in the newest-first list.
const TIE_ORDER = ['passage', 'census', 'card', 'companion', 'bracelet_revoked', 'bracelet', 'registration'];

/// A PoliceTimeline as one list, newest first: { kind, what, atMs, siteName, siteId, gateName,
/// item } where `kind` is the filter's and `what` the line's own
/// (registration | passage | census | came_with | accompanied | bracelet | bracelet_revoked | card).
export function timelineEvents(timeline) {
  const events = [];
  const push = (kind, what, atMs, item, site = {}) =>
    events.push({ kind, what, atMs: toNumber(atMs), item, siteId: toNumber(site.id), siteName: site.name ?? '', gateName: site.gate ?? '' });
  const r = timeline?.registration;
  if (r) push('registration', 'registration', r.registeredAtMs, r, { id: r.siteId, name: r.siteName, gate: r.gateName });
  for (const p of timeline?.passages ?? []) push('passage', 'passage', p.atMs, p, { id: p.siteId, name: p.siteName, gate: p.gateName });
  for (const c of timeline?.censusObservations ?? []) push('census', 'census', c.observedAtMs, c, { id: c.siteId, name: c.siteName });
  for (const c of timeline?.cameWith ?? []) push('companion', 'came_with', c.recordedAtMs, c, { id: c.siteId, name: c.siteName });
  for (const c of timeline?.accompanied ?? []) push('companion', 'accompanied', c.recordedAtMs, c, { id: c.siteId, name: c.siteName });
  for (const b of timeline?.bracelets ?? []) {
    push('bracelet', 'bracelet', b.issuedAtMs, b, { id: b.issuedSiteId, name: b.issuedSiteName });
    if (b.revoked) push('bracelet', 'bracelet_revoked', b.revokedAtMs, b);
  }
  for (const c of timeline?.minerCards ?? []) push('card', 'card', c.linkedAtMs, c);
  const rank = (e) => TIE_ORDER.indexOf(e.what === 'came_with' || e.what === 'accompanied' ? 'companion' : e.what);
  return events.sort((a, b) => b.atMs - a.atMs || rank(a) - rank(b));
}

/// The persons a timeline links to (companions with a bracelet), for "open their history".
export function linkedPersonId(companion) {
  const id = String(companion?.personId ?? '');
  return /^[0-9a-f]{32}$/.test(id) ? id : '';
}
