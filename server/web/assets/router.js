// The page paths and who may open them, without the DOM (unit-tested under node). The server
// answers the same shell at each of these paths (server/web/pages.cpp lists the same set; a
// test keeps the two equal); this table decides which view the shell draws.

/// workspace: the SessionInfo.workspaces entry a page needs (null: any signed-in official).
export const PAGES = [
  { path: '/', view: 'home', workspace: null },
  { path: '/signin', view: 'signin', workspace: null, public: true },
  { path: '/password', view: 'password', workspace: null },
  { path: '/admin', view: 'adminUsers', workspace: '/admin' },
  { path: '/admin/users', view: 'adminUsers', workspace: '/admin' },
  { path: '/admin/sites', view: 'adminSites', workspace: '/admin' },
  { path: '/admin/devices', view: 'adminDevices', workspace: '/admin' },
  { path: '/admin/security', view: 'adminSecurity', workspace: '/admin' },
  { path: '/admin/rules', view: 'adminRules', workspace: '/admin' },
  { path: '/admin/audit-head', view: 'adminAuditHead', workspace: '/admin' },
  { path: '/audit', view: 'auditLog', workspace: '/audit' },
  { path: '/audit/person', view: 'auditPerson', workspace: '/audit' },
  { path: '/audit/verify', view: 'auditVerify', workspace: '/audit' },
  { path: '/protection', view: 'protectionQueue', workspace: '/protection' },
  { path: '/protection/case', view: 'protectionCase', workspace: '/protection' },
  { path: '/protection/referral', view: 'protectionReferral', workspace: '/protection' },
  { path: '/protection/services', view: 'protectionServices', workspace: '/protection' },
  { path: '/protection/notices', view: 'protectionNotices', workspace: '/protection' },
  { path: '/police', view: 'policeSearch', workspace: '/police' },
  { path: '/police/person', view: 'policePerson', workspace: '/police' },
  { path: '/census', view: 'censusCampaigns', workspace: '/census' },
  { path: '/census/campaign', view: 'censusCampaign', workspace: '/census' },
  { path: '/census/populations', view: 'censusPopulations', workspace: '/census' },
];

/// The workspaces this application has pages for, in the home page's order.
export const WORKSPACES = ['/police', '/census', '/protection', '/admin', '/audit'];

/// Each workspace's sections, for its navigation bar.
export const SECTIONS = {
  '/police': ['/police'],
  '/census': ['/census', '/census/populations'],
  '/protection': ['/protection', '/protection/services', '/protection/notices'],
  '/admin': ['/admin/users', '/admin/sites', '/admin/devices', '/admin/security', '/admin/rules', '/admin/audit-head'],
  '/audit': ['/audit', '/audit/person', '/audit/verify'],
};

export function findPage(path) {
  return PAGES.find((page) => page.path === path) ?? null;
}

/// Where to go after signing in: `next` only if it is one of our pages (never another site,
/// never the sign-in page itself), else the home page.
export function safeNext(next) {
  const page = findPage(String(next ?? ''));
  return page && !page.public ? page.path : '/';
}

/// What to draw at `path` for `session` (null when signed out): { view } or { redirect }.
export function resolve(path, session, search = '') {
  const page = findPage(path);
  if (!page) return { view: 'notFound' };
  if (page.public) {
    if (!session) return { view: page.view };
    if (session.mustChangePassword) return { redirect: '/password' };
    return { redirect: safeNext(new URLSearchParams(search).get('next')) };
  }
  if (!session) return { redirect: path === '/' ? '/signin' : `/signin?next=${encodeURIComponent(path)}` };
  if (session.mustChangePassword && page.view !== 'password') return { redirect: '/password' };
  if (page.workspace && !(session.workspaces ?? []).includes(page.workspace)) {
    return { view: 'forbidden' };
  }
  return { view: page.view };
}

/// The workspace a path belongs to ("/admin/users" -> "/admin"), or null.
export function workspaceOf(path) {
  return findPage(path)?.workspace ?? null;
}
