// Every view the router can name (router.js PAGES), by name.
import { forbiddenView, notFoundView } from './errors.js';
import { homeView } from './home.js';
import { passwordView } from './password.js';
import { signInView } from './signin.js';
import { adminUsersView } from './admin_users.js';
import { adminSitesView } from './admin_sites.js';
import { adminDevicesView } from './admin_devices.js';
import { adminSecurityView } from './admin_security.js';
import { adminRulesView } from './admin_rules.js';
import { adminAuditHeadView } from './admin_audit_head.js';
import { auditLogView, auditPersonView } from './audit_log.js';
import { auditVerifyView } from './audit_verify.js';
import { protectionQueueView } from './protection_queue.js';
import { protectionCaseView } from './protection_case.js';
import { protectionReferralView } from './protection_referral.js';
import { protectionServicesView } from './protection_services.js';
import { protectionNoticesView } from './protection_notices.js';
import { policeSearchView } from './police_search.js';
import { policePersonView } from './police_person.js';
import { censusCampaignsView } from './census_campaigns.js';
import { censusCampaignView } from './census_campaign.js';
import { censusPopulationsView } from './census_populations.js';

export const VIEWS = {
  home: homeView,
  signin: signInView,
  password: passwordView,
  forbidden: forbiddenView,
  notFound: notFoundView,
  adminUsers: adminUsersView,
  adminSites: adminSitesView,
  adminDevices: adminDevicesView,
  adminSecurity: adminSecurityView,
  adminRules: adminRulesView,
  adminAuditHead: adminAuditHeadView,
  auditLog: auditLogView,
  auditPerson: auditPersonView,
  auditVerify: auditVerifyView,
  protectionQueue: protectionQueueView,
  protectionCase: protectionCaseView,
  protectionReferral: protectionReferralView,
  protectionServices: protectionServicesView,
  protectionNotices: protectionNoticesView,
  policeSearch: policeSearchView,
  policePerson: policePersonView,
  censusCampaigns: censusCampaignsView,
  censusCampaign: censusCampaignView,
  censusPopulations: censusPopulationsView,
};
