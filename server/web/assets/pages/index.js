// Every view the router can name (router.js PAGES), by name.
import { forbiddenView, notFoundView } from './errors.js';
import { homeView } from './home.js';
import { passwordView } from './password.js';
import { signInView } from './signin.js';
import { adminUsersView } from './admin_users.js';
import { adminSitesView } from './admin_sites.js';
import { adminDevicesView } from './admin_devices.js';
import { adminSecurityView } from './admin_security.js';
import { adminAuditHeadView } from './admin_audit_head.js';
import { auditLogView, auditPersonView } from './audit_log.js';
import { auditVerifyView } from './audit_verify.js';

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
  adminAuditHead: adminAuditHeadView,
  auditLog: auditLogView,
  auditPerson: auditPersonView,
  auditVerify: auditVerifyView,
};
