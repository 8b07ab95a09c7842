// The auditors' filters: as the page's own address keeps them (so a filtered view can be
// reloaded, bookmarked or handed to a colleague) and as the API takes them. No DOM
// (unit-tested under node).
import { parseDayInput } from './format.js';
import { withQuery } from './api.js';

export const AUDIT_ENTRIES = '/v1/audit/entries';
export const AUDIT_EXPORT = '/v1/audit/export.csv';

/// The filters, by their name in the page's address.
export const FILTERS = ['user', 'role', 'route', 'person', 'from', 'to', 'outcome'];

/// Roles by the name audit entries record (server/admin/role.hpp).
export const ROLE_NAMES = [
  'gate_agent',
  'border_police',
  'emape_official',
  'protection_officer',
  'administrator',
  'auditor',
];

export const OUTCOMES = ['ok', 'refused', 'error'];

/// The routes an entry's action may name, as the log records them (the route table's patterns,
/// server/api/route_table.cpp; a test keeps the two equal, less the public assets, the sign-in
/// page and the service probes, which read no data). The route filter takes exact text: these
/// are offered as suggestions. minegatectl's commands ("minegatectl user add") are not listed.
export const ROUTES = [
  'POST /v1/session',
  'GET /v1/session',
  'DELETE /v1/session',
  'POST /v1/session/password',
  'GET /v1/tokens',
  'POST /v1/tokens',
  'DELETE /v1/tokens/{id}',
  'GET /v1/users',
  'POST /v1/users',
  'POST /v1/users/{id}/disable',
  'POST /v1/users/{id}/password-reset',
  'PUT /v1/users/{id}/pin',
  'PUT /v1/users/{id}/staff-card',
  'PUT /v1/users/{id}/sites',
  'GET /v1/sites',
  'POST /v1/sites',
  'POST /v1/sites/{id}/gates',
  'PUT /v1/sites/{id}/location',
  'GET /v1/devices',
  'POST /v1/devices',
  'POST /v1/devices/{id}/revoke',
  'GET /v1/security/events',
  'POST /v1/security/events/{id}/revoke',
  'POST /v1/security/events/{id}/dismiss',
  'GET /v1/security/settings',
  'PUT /v1/security/settings',
  'GET /v1/protection/queue',
  'GET /v1/protection/cases/{id}',
  'POST /v1/protection/cases/{id}/open',
  'POST /v1/protection/cases/{id}/assign',
  'POST /v1/protection/cases/{id}/dismiss',
  'POST /v1/protection/cases/{id}/close',
  'POST /v1/protection/cases/{id}/reopen',
  'POST /v1/protection/cases/{id}/referrals',
  'POST /v1/protection/referrals/{id}/acknowledgement',
  'POST /v1/protection/referrals/{id}/outcome',
  'GET /v1/protection/referrals/{id}/summary',
  'GET /v1/protection/services',
  'POST /v1/protection/services',
  'PUT /v1/protection/services/{id}',
  'GET /v1/protection/notices',
  'POST /v1/protection/notices',
  'POST /v1/protection/notices/{id}/close',
  'GET /v1/risk/rule-sets',
  'GET /v1/risk/rule-sets/{version}',
  'GET /v1/census/campaigns',
  'POST /v1/census/campaigns',
  'POST /v1/census/campaigns/{id}/open',
  'POST /v1/census/campaigns/{id}/close',
  'GET /v1/census/campaigns/{id}/results',
  'GET /v1/census/campaigns/{id}/minors',
  'GET /v1/census/campaigns/{id}/card-candidates',
  'GET /v1/census/populations',
  'GET /v1/census/sites/{id}/daily',
  'GET /v1/census/arrivals',
  'GET /v1/census/campaigns/{id}/results.csv',
  'GET /v1/census/campaigns/{id}/minors.csv',
  'GET /v1/census/campaigns/{id}/card-candidates.csv',
  'GET /v1/census/populations.csv',
  'GET /v1/census/sites/{id}/daily.csv',
  'GET /v1/census/arrivals.csv',
  'GET /v1/census/settings',
  'PUT /v1/census/settings',
  'POST /v1/census/cards/{number}/revoke',
  'GET /v1/police/persons',
  'GET /v1/police/persons/{id}/timeline',
  'GET /v1/police/persons.csv',
  'GET /v1/police/persons/{id}/timeline.csv',
  'POST /v1/risk/rule-sets',
  'GET /v1/audit/head',
  'GET /v1/audit/entries',
  'GET /v1/audit/verification',
  'GET /v1/audit/export.csv',
  'POST /v1/devices/enroll',
  'GET /v1/kiosk/stream',
  'GET /v1/devices/{id}/reconcile',
  'GET /v1/devices/{id}/person-candidates',
  'GET /password',
  'GET /admin',
  'GET /admin/{section...}',
  'GET /audit',
  'GET /audit/{section...}',
  'GET /protection',
  'GET /protection/{section...}',
  'GET /police',
  'GET /police/{section...}',
  'GET /census',
  'GET /census/{section...}',
];

export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of FILTERS) filters[name] = (params.get(name) ?? '').trim();
  return filters;
}

/// The page address's query for `filters` (empty ones left out).
export function searchOf(filters) {
  const params = {};
  for (const name of FILTERS) params[name] = filters[name];
  return withQuery('', params);
}

/// The API's query parameters for `filters`, or { error: 'from' | 'to' | 'person' } naming the
/// first filter that cannot be sent (a date that is not dd/mm/yyyy, a token that is not hex).
export function apiParams(filters) {
  const fromMs = parseDayInput(filters.from);
  if (fromMs === null) return { error: 'from' };
  const toMs = parseDayInput(filters.to, true);
  if (toMs === null) return { error: 'to' };
  const person = (filters.person ?? '').toLowerCase();
  if (person && !/^[0-9a-f]+$/.test(person)) return { error: 'person' };
  return {
    params: {
      actorId: filters.user,
      actorRole: filters.role,
      action: filters.route,
      personToken: person,
      fromMs,
      toMs,
      outcome: filters.outcome,
    },
  };
}

/// The CSV export of the filtered view, with its headers in `language`; `semicolon` separates
/// fields with ';', what a spreadsheet set up in French expects.
export function exportHref(params, language, semicolon = false) {
  return withQuery(AUDIT_EXPORT, { ...params, lang: language, sep: semicolon ? 'semicolon' : '' });
}
