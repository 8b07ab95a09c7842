// The words of the protection officers' pages for the server's codes (a case's status and
// priority, an age band, an indicator, a history action, a referral's outcome, a companion's
// relation), as catalogue keys. No DOM: the catalogue test builds the same keys from these
// tables, so a code the server sends always has its words in both languages. Also a person's
// age as the case page and the referral sheet write it.
import { t } from '../i18n.js';

/// Case statuses (ProtectionCase.status), in the order of their life.
export const CASE_STATUSES = ['new', 'open', 'referred', 'dismissed', 'closed'];
/// Priorities (risk.proto Priority), the highest first.
export const PRIORITIES = ['PRIORITY_URGENT', 'PRIORITY_HIGH', 'PRIORITY_MEDIUM', 'PRIORITY_LOW', 'PRIORITY_NONE'];
/// Age bands of the queue (ProtectionQueueRow.age_band).
export const AGE_BANDS = ['under_15', '15_17', '18_20', '21_25', '26_35', '36_plus', 'unknown'];
/// The built-in rule set's indicator ids (server/risk/default_rules.textproto): their short
/// words in the queue. An uploaded rule set may name others; the queue then shows the id.
export const INDICATORS = [
  'female_minor', 'female_young_adult', 'companion_not_family', 'companion_answered_for_her',
  'document_held_by_other', 'no_identity_document', 'travel_paid_by_third_party', 'debt_declared',
  'travel_paid_and_debt', 'job_promised', 'entered_senegal_recently', 'no_local_language',
  'recruiter_pattern', 'moved_between_sites', 'search_notice_match',
];
/// CaseHistoryEntry.action.
export const HISTORY_ACTIONS = [
  'flagged', 'reflagged', 'priority_changed', 'notice_matched', 'opened', 'assigned', 'dismissed',
  'reopened', 'referred', 'referral_acknowledged', 'referral_outcome', 'closed',
];
/// ReferralOutcomeRequest.outcome: what an officer may record.
export const REFERRAL_OUTCOMES = ['accepted', 'services_given', 'declined', 'closed'];
/// events.proto CompanionRelation.
export const RELATIONS = [
  'COMPANION_RELATION_PARENT', 'COMPANION_RELATION_SPOUSE', 'COMPANION_RELATION_SIBLING',
  'COMPANION_RELATION_OTHER_FAMILY', 'COMPANION_RELATION_EMPLOYER', 'COMPANION_RELATION_RECRUITER',
  'COMPANION_RELATION_FRIEND', 'COMPANION_RELATION_UNKNOWN', 'COMPANION_RELATION_UNSPECIFIED',
];
/// risk.proto Grade, the strongest first.
export const GRADES = ['GRADE_DECISIVE', 'GRADE_STRONG', 'GRADE_MEDIUM', 'GRADE_WEAK'];
/// events.proto Sex.
export const SEXES = ['SEX_FEMALE', 'SEX_MALE', 'SEX_UNSPECIFIED'];

const known = (list, value, fallback) => (list.includes(value) ? value : fallback);

export const statusKey = (status) => `case_status.${known(CASE_STATUSES, status, 'new')}`;
export const priorityKey = (priority) => `priority.${known(PRIORITIES, priority ?? 'PRIORITY_NONE', 'PRIORITY_NONE').replace('PRIORITY_', '').toLowerCase()}`;
export const ageBandKey = (band) => `age_band.${known(AGE_BANDS, band, 'unknown')}`;
export const historyKey = (action) => (HISTORY_ACTIONS.includes(action) ? `history.${action}` : null);
export const outcomeKey = (outcome) => `referral_outcome.${known(REFERRAL_OUTCOMES, outcome, 'accepted')}`;
export const relationKey = (relation) => `relation.${known(RELATIONS, relation ?? 'COMPANION_RELATION_UNSPECIFIED', 'COMPANION_RELATION_UNSPECIFIED').replace('COMPANION_RELATION_', '').toLowerCase()}`;
export const sexKey = (sex) => `sex.${known(SEXES, sex ?? 'SEX_UNSPECIFIED', 'SEX_UNSPECIFIED').replace('SEX_', '').toLowerCase()}`;
export const gradeKey = (grade) => `grade.${known(GRADES, grade, 'GRADE_WEAK').replace('GRADE_', '').toLowerCase()}`;
/// null for an id the built-in rule set does not have (the page shows the id).
export const indicatorKey = (id) => (INDICATORS.includes(id) ? `indicator.${id}` : null);

/// Each priority's and status's badge colour.
export const PRIORITY_BADGE = { PRIORITY_URGENT: 'bad', PRIORITY_HIGH: 'warn', PRIORITY_MEDIUM: 'muted', PRIORITY_LOW: 'muted', PRIORITY_NONE: 'muted' };
export const STATUS_BADGE = { new: 'warn', open: 'ok', referred: 'ok', dismissed: 'muted', closed: 'muted' };

/// Every key the tables above build, for the catalogue test.
export function builtKeys() {
  return [
    ...CASE_STATUSES.map(statusKey), ...PRIORITIES.map(priorityKey), ...AGE_BANDS.map(ageBandKey),
    ...INDICATORS.map(indicatorKey), ...HISTORY_ACTIONS.map(historyKey), ...REFERRAL_OUTCOMES.map(outcomeKey),
    ...RELATIONS.map(relationKey), ...SEXES.map(sexKey), ...GRADES.map(gradeKey),
  ];
}

/// A history line's detail as the server writes it (server/protection: case_store, referral_store)
/// taken apart, for the page to say it in words: { kind, ...parts }, or { kind: 'text', text } for
/// an officer's own words (a reason, a note) and anything not recognised.
export function parseHistoryDetail(action, detail) {
  const text = String(detail ?? '');
  let m;
  if (['flagged', 'reflagged', 'priority_changed'].includes(action)
      && (m = /^(PRIORITY_[A-Z]+) ([^:\s]+): (.*)$/.exec(text))) {
    return { kind: 'flag', priority: m[1], version: m[2], indicators: m[3].split(',').map((s) => s.trim()).filter(Boolean) };
  }
  if (action === 'referred' && (m = /^referral (\d+), service (\d+) \((.*)\), due (\S+)$/.exec(text))) {
    const due = Date.parse(m[4]);
    return { kind: 'referred', referral: m[1], service: m[3], dueAtMs: Number.isFinite(due) ? due : 0 };
  }
  if (action === 'referral_acknowledged' && (m = /^referral (\d+)$/.exec(text))) {
    return { kind: 'acknowledged', referral: m[1] };
  }
  if (action === 'referral_outcome' && (m = /^referral (\d+): (\w+)(?: — ([\s\S]*))?$/.exec(text))) {
    return { kind: 'outcome', referral: m[1], outcome: m[2], note: m[3] ?? '' };
  }
  return { kind: 'text', text };
}

/// A person's age: "15 ans", "15 ans (environ)" when the birth was estimated or partial, "âge
/// inconnu" with no year of birth.
export function ageText(person) {
  if (!person?.birth?.year) return t('case.age_unknown');
  const years = t('case.age_years', { years: person.ageYears ?? 0 });
  return person.ageApproximate ? `${years} ${t('case.approximate')}` : years;
}
