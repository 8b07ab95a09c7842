// Every view the router can name (router.js PAGES), by name: a function that gives the view,
// loading its module on first use. The sign-in, home, password and error views come with the
// shell; a workspace's pages are fetched only when one is opened, so that the first load of any
// page stays small over a slow link (e2e.officials measures it) however many workspaces exist.
import { forbiddenView, notFoundView } from './errors.js';
import { homeView } from './home.js';
import { passwordView } from './password.js';
import { signInView } from './signin.js';

const ready = (view) => async () => view;

export const VIEWS = {
  home: ready(homeView),
  signin: ready(signInView),
  password: ready(passwordView),
  forbidden: ready(forbiddenView),
  notFound: ready(notFoundView),
  adminUsers: async () => (await import('./admin_users.js')).adminUsersView,
  adminSites: async () => (await import('./admin_sites.js')).adminSitesView,
  adminDevices: async () => (await import('./admin_devices.js')).adminDevicesView,
  adminSecurity: async () => (await import('./admin_security.js')).adminSecurityView,
  adminRules: async () => (await import('./admin_rules.js')).adminRulesView,
  adminAuditHead: async () => (await import('./admin_audit_head.js')).adminAuditHeadView,
  auditLog: async () => (await import('./audit_log.js')).auditLogView,
  auditPerson: async () => (await import('./audit_log.js')).auditPersonView,
  auditVerify: async () => (await import('./audit_verify.js')).auditVerifyView,
  protectionQueue: async () => (await import('./protection_queue.js')).protectionQueueView,
  protectionCase: async () => (await import('./protection_case.js')).protectionCaseView,
  protectionReferral: async () => (await import('./protection_referral.js')).protectionReferralView,
  protectionServices: async () => (await import('./protection_services.js')).protectionServicesView,
  protectionNotices: async () => (await import('./protection_notices.js')).protectionNoticesView,
  policeSearch: async () => (await import('./police_search.js')).policeSearchView,
  policePerson: async () => (await import('./police_person.js')).policePersonView,
  censusCampaigns: async () => (await import('./census_campaigns.js')).censusCampaignsView,
  censusCampaign: async () => (await import('./census_campaign.js')).censusCampaignView,
  censusPopulations: async () => (await import('./census_populations.js')).censusPopulationsView,
};
