// server/web/assets/router.js: which view each path draws for whom, and that its page list is
// exactly the server's (server/web/pages.cpp), so no page is served that the page cannot draw
// and none drawn that the server would 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PAGES, SECTIONS, WORKSPACES, resolve, safeNext, workspaceOf } from '../../../server/web/assets/router.js';

const admin = { userId: 'awa', role: 'API_ROLE_ADMINISTRATOR', workspaces: ['/admin'] };
const auditor = { userId: 'fatou', role: 'API_ROLE_AUDITOR', workspaces: ['/audit'] };
const police = { userId: 'moussa', role: 'API_ROLE_BORDER_POLICE' };  // no workspace yet: field absent

test('the page list is server/web/pages.cpp\'s, workspace for workspace', () => {
  const source = readFileSync(new URL('../../../server/web/pages.cpp', import.meta.url), 'utf8');
  const server = [...source.matchAll(/\{"([^"]+)", Workspace::k(\w+)\}/g)].map(([, path, ws]) => [path, ws]);
  assert.ok(server.length >= 10, 'pages.cpp parsed');
  const names = { Common: null, Administrator: '/admin', Auditor: '/audit', Protection: '/protection', Police: '/police', Census: '/census' };
  assert.deepEqual(server.map(([path, ws]) => [path, names[ws]]), PAGES.map((p) => [p.path, p.workspace]));
});

test('every section is a page of its workspace; every workspace has sections', () => {
  assert.deepEqual(Object.keys(SECTIONS).sort(), [...WORKSPACES].sort());
  for (const [workspace, paths] of Object.entries(SECTIONS)) {
    for (const path of paths) assert.equal(workspaceOf(path), workspace, path);
  }
});

test('signed out: the sign-in page, and every other page sends there with next', () => {
  assert.deepEqual(resolve('/signin', null), { view: 'signin' });
  assert.deepEqual(resolve('/', null), { redirect: '/signin' });
  assert.deepEqual(resolve('/admin/devices', null), { redirect: '/signin?next=%2Fadmin%2Fdevices' });
  assert.deepEqual(resolve('/password', null), { redirect: '/signin?next=%2Fpassword' });
  assert.deepEqual(resolve('/nowhere', null), { view: 'notFound' });
});

test('signed in: each role opens its own workspace only', () => {
  assert.deepEqual(resolve('/admin/users', admin), { view: 'adminUsers' });
  assert.deepEqual(resolve('/admin', admin), { view: 'adminUsers' });
  assert.deepEqual(resolve('/audit', admin), { view: 'forbidden' });
  assert.deepEqual(resolve('/audit/person', admin), { view: 'forbidden' });
  assert.deepEqual(resolve('/audit/verify', auditor), { view: 'auditVerify' });
  assert.deepEqual(resolve('/admin/devices', auditor), { view: 'forbidden' });
  assert.deepEqual(resolve('/admin', police), { view: 'forbidden' });
  assert.deepEqual(resolve('/', police), { view: 'home' });
  assert.deepEqual(resolve('/password', police), { view: 'password' });
});

test('signed in at the sign-in page: on to next, if it is one of ours', () => {
  assert.deepEqual(resolve('/signin', admin, '?next=%2Fadmin%2Fsites'), { redirect: '/admin/sites' });
  assert.deepEqual(resolve('/signin', admin, '?next=https%3A%2F%2Fevil.example'), { redirect: '/' });
  assert.deepEqual(resolve('/signin', admin, '?next=%2F%2Fevil.example'), { redirect: '/' });
  assert.deepEqual(resolve('/signin', admin, ''), { redirect: '/' });
  assert.equal(safeNext('/signin'), '/');
  assert.equal(safeNext(undefined), '/');
});

test('a forced password change comes before everything else', () => {
  const forced = { ...admin, mustChangePassword: true };
  assert.deepEqual(resolve('/admin/users', forced), { redirect: '/password' });
  assert.deepEqual(resolve('/', forced), { redirect: '/password' });
  assert.deepEqual(resolve('/signin', forced), { redirect: '/password' });
  assert.deepEqual(resolve('/password', forced), { view: 'password' });
});
