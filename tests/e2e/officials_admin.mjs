// The administrator's part of the officials' e2e scenario (officials.e2e.mjs): a site and a gate,
// a gate agent with a PIN, a staff card and that site, a kiosk's one-time enrolment code (its
// QR code decoded from the page's pixels is the file the real `minegate-kiosk enroll` takes),
// the kiosk running and seen connected, its revocation confirmed and seen disconnected, the
// audit head. Returns what the auditor must then find in the log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { check, checkEqual, decodePng, log, waitFor } from './officials_harness.mjs';

export const AGENT = { id: 'agent1', name: 'Awa Diallo', pin: '482916', card: '04A1B2C3D4E5F6', password: 'mot de passe provisoire' };
export const SITE = { name: 'Bantako', department: 'kedougou', gate: 'Porte nord' };

const dialog = (page, testid) => page.getByTestId(testid);

async function submitDialog(page, testid) {
  await dialog(page, testid).getByTestId('dialog-submit').click();
  await dialog(page, testid).waitFor({ state: 'detached' });
}

async function sitesAndGates({ page, shots, fr }) {
  await page.getByTestId('nav-/admin/sites').click();
  await page.getByTestId('sites').getByText(fr['sites.none']).waitFor();
  await shots.take(page, 'admin-sites-empty');
  await page.getByTestId('site-create').click();
  const create = dialog(page, 'site-create-dialog');
  await create.getByTestId('field-name').fill(SITE.name);
  await create.getByTestId('field-department').selectOption(SITE.department);
  await shots.take(page, 'admin-site-create');
  await submitDialog(page, 'site-create-dialog');
  checkEqual(await page.getByTestId('flash').textContent(), fr['sites.created_ok'].replace('{name}', SITE.name), 'site created message');
  const row = page.locator('[data-testid="site-1"]');
  await row.waitFor();
  check((await row.textContent()).includes(fr['department.kedougou']), 'department shown by its name');

  await row.getByTestId('gate-create').click();
  await dialog(page, 'gate-create-dialog').getByTestId('field-name').fill(SITE.gate);
  await submitDialog(page, 'gate-create-dialog');
  await row.getByTestId('gate-1').waitFor();
  check((await row.getByTestId('gate-1').textContent()).startsWith(SITE.gate), 'gate listed under its site');
  await shots.take(page, 'admin-sites');
}

async function gateAgent({ page, shots, fr }) {
  await page.getByTestId('nav-/admin/users').click();
  await page.getByTestId('users-table').waitFor();
  await page.getByTestId('user-create').click();
  const create = dialog(page, 'user-create-dialog');
  await create.getByTestId('field-userId').fill(AGENT.id);
  await create.getByTestId('field-displayName').fill(AGENT.name);
  await create.getByTestId('field-role').selectOption('API_ROLE_GATE_AGENT');
  await create.getByTestId('field-password').fill(AGENT.password);
  await create.getByTestId('kiosk-fields').waitFor();
  await create.getByTestId('field-pin').fill(AGENT.pin);
  await create.getByTestId('field-staffCardUid').fill(AGENT.card);
  await create.getByLabel(SITE.name).check();
  await shots.take(page, 'admin-user-create');
  await submitDialog(page, 'user-create-dialog');
  const row = page.locator(`[data-testid="user-${AGENT.id}"]`);
  await row.waitFor();
  checkEqual(await row.getByTestId('user-reset').count(), 0, 'no web password to reset for a gate agent');
  await row.getByTestId('user-pin').waitFor();
  const self = page.locator('[data-testid="user-chef"]');
  await self.getByTestId('user-self').waitFor();
  checkEqual(await self.getByRole('button').count(), 0, 'no disabling or reset of one\'s own account');
  const text = await row.textContent();
  for (const expected of [AGENT.name, fr['role.gate_agent'], fr['users.pin_set'], fr['users.card'].replace('{uid}', AGENT.card), SITE.name]) {
    check(text.includes(expected), `the new agent's row shows "${expected}": ${text}`);
  }
  await shots.take(page, 'admin-users');
}

/// The QR code as drawn, read back by a QR decoder from a screenshot of it.
async function decodeQr(page) {
  const png = await page.locator('svg.qr').screenshot();
  const { width, height, data } = decodePng(png);
  const found = jsQR(data, width, height);
  check(found, `no QR code found in the ${width}×${height} screenshot of the enrolment QR code`);
  return found.data;
}

async function enrolmentCode({ page, shots, fr, fingerprint, serverAddress, work }) {
  await page.getByTestId('nav-/admin/devices').click();
  await page.getByTestId('devices').getByText(fr['devices.none']).waitFor();
  await shots.take(page, 'admin-devices-empty');
  await page.getByTestId('device-create').click();
  const create = dialog(page, 'device-create-dialog');
  await create.getByTestId('field-siteId').selectOption('1');
  await create.getByTestId('field-gateId').selectOption('1');
  await create.getByTestId('field-description').fill('Porte nord, tablette 1');
  await shots.take(page, 'admin-device-create');
  await submitDialog(page, 'device-create-dialog');

  const card = page.getByTestId('enrolment-code');
  await card.waitFor();
  const code = (await card.getByTestId('enrolment-code-text').textContent()).trim();
  const file = await card.getByTestId('enrolment-file').textContent();
  check(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/.test(code), `enrolment code form: ${code}`);
  const deviceId = (file.match(/device_id: "([^"]+)"/) || [])[1];
  check(deviceId, `device id in the enrolment file: ${file}`);
  check(file.includes(`enrolment_code: "${code}"`), 'the file holds the code shown');
  check(file.includes(`server_certificate_sha256: "${fingerprint}"`), 'the file pins the server\'s certificate');
  check(file.includes('site_id: 1') && file.includes('gate_id: 1'), 'the file names the site and gate');
  const row = page.locator(`[data-testid="device-${deviceId}"]`);
  await row.waitFor();
  check((await row.getByTestId('device-state').textContent()).startsWith(fr['devices.awaiting'].split('(')[0].trim()), 'awaiting enrolment');
  checkEqual(await connectedState(row), '—', 'no link state before enrolment');
  await shots.take(page, 'admin-device-code');
  const scanned = await decodeQr(page);
  checkEqual(scanned, file, 'the QR code\'s content');
  // The commands to type on the kiosk name this server as the browser reaches it.
  const withFile = await card.getByTestId('command-file').textContent();
  checkEqual(withFile, `minegate-kiosk enroll --file ${deviceId}.enrol --server ${serverAddress} --data-dir /var/lib/minegate-kiosk`, 'command with the file');
  checkEqual(await card.getByTestId('command-code').textContent(),
    `minegate-kiosk enroll ${code} --server ${serverAddress} --server-fingerprint ${fingerprint} --data-dir /var/lib/minegate-kiosk`, 'command with the code');
  // The file as downloaded from the page is the one the kiosk takes.
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('download-file').click()]);
  checkEqual(download.suggestedFilename(), `${deviceId}.enrol`, 'enrolment file name');
  const path = join(work, `${deviceId}.enrol`);
  await download.saveAs(path);
  checkEqual(readFileSync(path, 'utf8'), file, 'downloaded file = file shown = QR code');
  return { code, deviceId, path };
}

async function connectedState(row) {
  return (await row.getByTestId('device-connected').textContent()).trim();
}

/// The whole administrator's part; `kiosk` = { procs, work, serverAddress }.
export async function administrate(s) {
  const { page, shots, fr, procs, work } = s;
  await page.getByTestId('workspace-/admin').click();
  await page.getByTestId('users-table').waitFor();
  await sitesAndGates(s);
  await gateAgent(s);
  const device = await enrolmentCode(s);

  // The kiosk side: the real enrolment with the file downloaded from the page (the same text as
  // the QR code's), then the daemon. Its bridge socket names no bridge: the kiosk's server link
  // needs none (the reader link retries on its own), and no NFC reader takes part here.
  const enrolFile = device.path;
  const kioskData = join(work, 'kiosk-data');
  const enrolled = procs.run([procs.bin('minegate-kiosk'), 'enroll', '--file', enrolFile, '--server', s.serverAddress, '--data-dir', kioskData]);
  check(enrolled.includes(device.deviceId), `kiosk enrolled as ${device.deviceId}: ${enrolled}`);
  log(`kiosk enrolled: ${enrolled.trim().split('\n').pop()}`);
  const kiosk = procs.start('kiosk', [procs.bin('minegate-kiosk'), 'run', '--data-dir', kioskData,
    '--bridge-socket', join(work, 'no-bridge.sock'), '--ui-port', '0']);

  // Shown once: the code card is gone once the administrator leaves it.
  await page.getByTestId('code-done').click();
  checkEqual(await page.getByTestId('enrolment-code').count(), 0, 'code card hidden');
  await page.reload();
  const row = page.locator(`[data-testid="device-${device.deviceId}"]`);
  await row.waitFor();
  checkEqual(await page.getByText(device.code).count(), 0, 'the code is never shown again');

  // The list refreshes itself: the kiosk appears connected without a click.
  await waitFor('the kiosk connected in the list', async () => {
    if (kiosk.exited) throw new Error(`kiosk exited: ${kiosk.output()}`);
    return (await connectedState(row)) === fr['devices.connected'];
  }, 60_000);
  checkEqual((await row.getByTestId('device-state').textContent()).trim(), fr['devices.enrolled'], 'enrolled state');
  await shots.take(page, 'admin-devices-connected');

  // Revocation, after a confirmation.
  await row.getByTestId('device-revoke').click();
  await page.getByTestId('confirm-dialog').waitFor();
  await shots.take(page, 'admin-device-revoke-confirm');
  await page.getByTestId('confirm-cancel').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
  checkEqual(await connectedState(row), fr['devices.connected'], 'cancelling revokes nothing');
  checkEqual(await page.getByTestId('revocation-report').count(), 0, 'no report after a cancel');
  await row.getByTestId('device-revoke').click();
  await page.getByTestId('confirm-ok').click();
  const report = page.getByTestId('revocation-report');
  await report.waitFor();
  check((await report.textContent()).includes(AGENT.id), 'the report names the agent whose PIN and card the kiosk held');
  check((await report.textContent()).includes(fr['devices.revoked_nothing']), 'nothing received from it: none of its bracelets stays valid');
  await waitFor('the kiosk disconnected in the list', async () => (await connectedState(row)) === fr['devices.disconnected'], 30_000);
  check((await row.getByTestId('device-state').textContent()).startsWith(fr['devices.revoked_on'].split('{')[0].trim()), 'revoked state');
  checkEqual(await row.getByTestId('device-revoke').count(), 0, 'no revoke button on a revoked kiosk');
  await shots.take(page, 'admin-devices-revoked');

  // The agent's PIN and card are now marked compromised.
  await page.getByTestId('nav-/admin/users').click();
  const agent = page.locator(`[data-testid="user-${AGENT.id}"]`);
  await agent.waitFor();
  check((await agent.textContent()).includes(fr['users.pin_compromised']), 'the agent\'s PIN is marked compromised');

  await page.getByTestId('nav-/admin/audit-head').click();
  await page.getByTestId('head-count').waitFor();
  check(Number(await page.getByTestId('head-count').textContent()) > 0, 'audit head count');
  check(/^[0-9a-f]{64}$/.test(await page.getByTestId('head-hash').textContent()), 'audit head hash');
  await shots.take(page, 'admin-audit-head');
  return { deviceId: device.deviceId, kiosk };
}
