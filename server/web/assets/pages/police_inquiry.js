// Border police: the inquiry under way — the reason and the case reference the officer stated
// (docs/api.md §1.12), sent with every search and every history opened until they change them,
// and the last search, so that coming back from a history shows the same results without
// searching (and auditing) again. In memory only: a reload, or another officer signing in on the
// same browser, starts with nothing (no storage keeps what an officer looked for). No DOM
// (unit-tested under node).

let current = null;  // { userId, reason, caseReference, search }

const owner = (session) => session?.userId ?? '';

/// { reason, caseReference } stated by the signed-in officer, or null before they state them:
/// also the options of api.get for a read under the inquiry (its two headers).
export function inquiryOf(session) {
  if (!current || !owner(session) || current.userId !== owner(session)) return null;
  return { reason: current.reason, caseReference: current.caseReference };
}

/// A new reason and case reference: the last search is forgotten (its results were read for
/// the previous one).
export function startInquiry(session, reason, caseReference) {
  current = { userId: owner(session), reason, caseReference, search: null };
}

export function endInquiry() {
  current = null;
}

/// The last search of this inquiry: { kind, values, persons, nextCursor }, or null.
export function savedSearch(session) {
  return inquiryOf(session) ? current.search : null;
}

export function saveSearch(session, search) {
  if (inquiryOf(session)) current.search = search;
}

/// Site numbers and names: the registry's list (GET /v1/sites) and those met in answers (results,
/// histories), for the site search and for naming a site in a search's summary. Not person data.
const sites = new Map();

export function rememberSite(id, name) {
  const number = String(id ?? '');
  if (/^[1-9]\d{0,17}$/.test(number) && name) sites.set(number, String(name));
}

/// The registry's whole list (GET /v1/sites), read once: the site search offers it.
let listed = false;

export function rememberSiteList(list) {
  for (const s of list ?? []) rememberSite(s.siteId, s.name);
  listed = true;
}

/// Whether the registry's list was read (the sites met in answers alone are not all of them).
export const sitesListed = () => listed;

/// [[id, name], ...] by name.
export function knownSites() {
  return [...sites.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}
