// Browser end-to-end test of the gate kiosk: real processes, real sockets, a real browser.
//
//   minegate-pn532-sim  (PN532 on a pty, NTAG213 tags placed and removed by its control socket)
//   minegate-bridge     (libnfc pn532_uart on that pty, Unix socket for the kiosk)
//   minegate-server     (data directory made by minegatectl: site, gate, agent, enrolment code)
//   minegate-kiosk      (enrolled against the server, UI on 127.0.0.1, bridge socket)
//   Debian's chromium   (headless, driven by playwright-core)
//
// Scenario: wrong PIN then sign-in; gate; registration (information, consent, form with one
// validation error shown next to its field, arrived alone, submit); a blank NTAG213 placed ->
// REGISTERED; the same tag at the gate in exit -> ACCEPTED with the first name; an unknown blank
// tag -> UNKNOWN_BRACELET; English; the sync screen reaches the server's figures. A screenshot
// of every screen goes to the artefacts directory. Every wait is bounded; every process is
// killed at the end, failed or not.
//
// Usage: node kiosk.e2e.mjs --bin BUILD/bin --artefacts DIR [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { control } from './kiosk_station.mjs';
// The same Failure as the shared station's, so that its errors (the emulator's control) read as
// a failure of the run, not as a bug.
import { Failure, check, checkEqual } from './officials_harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

// ------------------------------------------------------------------ arguments
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const binDir = resolve(option('bin', join(root, 'build', 'bin')));
const artefacts = resolve(option('artefacts', join(tmpdir(), 'minegate-e2e-artefacts')));
const keep = args.includes('--keep');
const TOTAL_BUDGET_MS = 240_000;

const fr = JSON.parse(readFileSync(join(root, 'kiosk/ui/static/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'kiosk/ui/static/i18n/en.json'), 'utf8'));

// ------------------------------------------------------------------ small helpers
const started = Date.now();
const log = (...parts) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Polls `probe` until it returns a truthy value; throws after `ms`.
async function waitFor(what, probe, ms = 20_000, every = 100) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Failure(`timed out after ${ms} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(every);
  }
}

// ------------------------------------------------------------------ processes
const work = mkdtempSync(join(tmpdir(), 'minegate-e2e-'));
// Artefacts are this run's alone: screenshots and logs of an earlier run would mislead.
mkdirSync(artefacts, { recursive: true });
for (const name of readdirSync(artefacts).filter((f) => /\.(png|log)$|^last-state\.json$/.test(f))) {
  rmSync(join(artefacts, name), { force: true });
}
const children = [];

function bin(name) {
  const path = join(binDir, name);
  check(existsSync(path), `missing ${path}: build it first`);
  return path;
}

/// Starts a long-running process; its stdout and stderr go to WORK/name.log (stdout also kept
/// in memory for the lines tests wait for).
function start(name, argv, env = {}) {
  const logPath = join(work, `${name}.log`);
  const logFd = openSync(logPath, 'a');
  const child = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', logFd],
    detached: true, // own process group: killed as a whole at the end
  });
  const entry = { name, child, logPath, out: '', exited: null };
  child.stdout.on('data', (chunk) => {
    entry.out += chunk.toString();
    writeFileSync(logPath, chunk, { flag: 'a' });
  });
  child.on('exit', (code, signal) => {
    entry.exited = { code, signal };
  });
  children.push(entry);
  log(`started ${name} (pid ${child.pid}): ${argv.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);
  return entry;
}

function readLog(entry) {
  return existsSync(entry.logPath) ? readFileSync(entry.logPath, 'utf8') : '';
}

/// Runs a command to completion (bounded) and returns its output; fails on a non-zero exit.
function run(argv, { timeoutMs = 60_000, input } = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { timeout: timeoutMs, encoding: 'utf8', input });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  check(result.status === 0, `${argv.slice(0, 4).join(' ')} … exited ${result.status ?? result.signal}: ${output}`);
  return output;
}

async function stopAll() {
  for (const entry of children.reverse()) {
    if (entry.exited) continue;
    try {
      process.kill(-entry.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5000;
  while (children.some((e) => !e.exited) && Date.now() < deadline) await sleep(100);
  for (const entry of children) {
    if (entry.exited) continue;
    try {
      process.kill(-entry.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

// ------------------------------------------------------------------ the scenario
const shots = [];
let page;
let browser;
let lastState = '';

async function screenshot(name) {
  const path = join(artefacts, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path });
  shots.push(path);
}

async function setUp() {
  // Emulator: a tag in the field at start (--tag), taken away before the bridge opens the reader.
  const link = join(work, 'pn532');
  const ctl = join(work, 'pn532.ctl');
  const sim = start('pn532-sim', [bin('minegate-pn532-sim'), '--link', link, '--control', ctl, '--tag', 'ntag213']);
  await waitFor('emulator link and control socket', () => existsSync(link) && existsSync(ctl) && !sim.exited, 10_000);
  await control(ctl, 'remove');

  const bridgeSocket = join(work, 'bridge.sock');
  const bridge = start('bridge', [bin('minegate-bridge'), 'run', '--device', `pn532_uart:${link}`, '--socket', bridgeSocket],
    { LIBNFC_AUTO_SCAN: 'false', LIBNFC_LOG_LEVEL: '1' });
  await waitFor('bridge socket', () => existsSync(bridgeSocket) || (bridge.exited && Promise.reject(new Failure(`bridge exited: ${readLog(bridge)}`))), 15_000);

  // Server data: administrator, site, gate, the agent with a PIN, an enrolment code.
  const data = join(work, 'server-data');
  const password = join(work, 'password');
  const pinFile = join(work, 'pin');
  writeFileSync(password, 'correct horse battery staple\n', { mode: 0o600 });
  writeFileSync(pinFile, '482916\n', { mode: 0o600 });
  const ctl2 = (...more) => run([bin('minegatectl'), '--data-dir', data, ...more]);
  ctl2('init', '--admin', 'chef', '--password-file', password);
  ctl2('site', 'add', '--name', 'Bantako', '--department', 'kedougou');
  ctl2('gate', 'add', '--site', '1', '--name', 'Porte nord');
  ctl2('user', 'add', '--id', 'agent1', '--name', 'Awa Diallo', '--role', 'gate_agent', '--password-file', password, '--pin-file', pinFile, '--sites', '1');
  const enrolOut = ctl2('device', 'enroll', '--site', '1', '--gate', '1');
  const code = (enrolOut.match(/([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)/) || [])[1];
  check(code, `no enrolment code in: ${enrolOut}`);

  const server = start('server', [bin('minegate-server'), '--data-dir', data, '--listen', '127.0.0.1', '--port', '0']);
  const serverLog = await waitFor('server listening', () => {
    if (server.exited) throw new Failure(`server exited: ${readLog(server)}`);
    const text = readLog(server);
    return /listening address=127\.0\.0\.1:(\d+)/.test(text) && /certificate_fingerprint sha256=([0-9a-f]{64})/.test(text) ? text : null;
  }, 30_000);
  const serverPort = serverLog.match(/listening address=127\.0\.0\.1:(\d+)/)[1];
  const fingerprint = serverLog.match(/certificate_fingerprint sha256=([0-9a-f]{64})/)[1];
  log(`server on port ${serverPort}, fingerprint ${fingerprint.slice(0, 16)}…`);

  // Kiosk: enrol, then run with the UI on a free port.
  const kioskData = join(work, 'kiosk-data');
  const enrolled = run([bin('minegate-kiosk'), 'enroll', code, '--data-dir', kioskData, '--server', `127.0.0.1:${serverPort}`, '--server-fingerprint', fingerprint]);
  log(`kiosk enrolled: ${enrolled.trim().split('\n').pop()}`);
  const kiosk = start('kiosk', [bin('minegate-kiosk'), 'run', '--data-dir', kioskData, '--bridge-socket', bridgeSocket, '--ui-port', '0']);
  const url = await waitFor('kiosk interface line', () => {
    if (kiosk.exited) throw new Failure(`kiosk exited: ${readLog(kiosk)}`);
    return (kiosk.out.match(/interface: (http:\/\/127\.0\.0\.1:\d+\/)/) || [])[1];
  }, 30_000);
  log(`kiosk interface at ${url}`);
  // The browser opens the address with this start's token, from the file the kiosk names
  // (readable by the kiosk's user only); the address alone opens no socket.
  const pageUrlFile = (kiosk.out.match(/page-url-file: (.+)\n/) || [])[1];
  checkEqual(pageUrlFile, join(kioskData, 'page-url'), 'page-url file named on the output');
  checkEqual((statSync(pageUrlFile).mode & 0o777).toString(8), '600', 'page-url file mode');
  const pageUrl = readFileSync(pageUrlFile, 'utf8').trim();
  const token = (pageUrl.match(/^http:\/\/127\.0\.0\.1:\d+\/#token=([0-9a-f]{32})$/) || [])[1];
  check(Boolean(token) && pageUrl.startsWith(url), `page-url file holds the page's address: ${pageUrl}`);
  check(!kiosk.out.includes(token) && !readLog(kiosk).includes(token), 'page token not on the kiosk output or log');
  return { ctl, url, pageUrl };
}

async function signIn() {
  // The roster comes from the server over the sync link.
  await page.getByTestId('roster-agent1').waitFor({ timeout: 60_000 });
  await screenshot('sign-in');
  await page.getByTestId('roster-agent1').click();
  for (const digit of '111111') await page.getByTestId(`pin-digit-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  const message = page.getByTestId('signin-message');
  await message.waitFor({ timeout: 10_000 });
  checkEqual(await message.getAttribute('data-code'), 'UI_ERROR_CODE_WRONG_PIN', 'wrong PIN message code');
  const text = await message.textContent();
  check(text.startsWith(fr.UI_ERROR_CODE_WRONG_PIN.split('{')[0]) && /\d/.test(text), `wrong PIN message: "${text}"`);
  await screenshot('sign-in-wrong-pin');
  for (const digit of '482916') await page.getByTestId(`pin-digit-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  await page.getByTestId('header-agent').waitFor({ timeout: 10_000 });
  checkEqual(await page.getByTestId('header-agent').textContent(), 'Awa Diallo', 'signed-in agent');
}

async function mode(modeName) {
  await page.getByTestId(`mode-tab-${modeName}`).click();
  await waitFor(`mode ${modeName}`, async () => (await page.getByTestId(`mode-tab-${modeName}`).getAttribute('aria-pressed')) === 'true', 10_000);
}

async function direction(value) {
  await page.getByTestId(`direction-${value}`).click();
  await waitFor(`direction ${value}`, async () => (await page.getByTestId(`direction-${value}`).getAttribute('aria-pressed')) === 'true', 10_000);
}

const stepLocator = (step) => page.locator(`[data-testid="screen-registration"][data-step="${step}"]`);

async function tapResult(expected, timeout = 20_000) {
  const card = page.getByTestId('tap-outcome');
  await waitFor(`tap result ${expected}`, async () => (await card.count()) > 0 && (await card.getAttribute('data-result')) === expected, timeout);
  return card;
}

async function register(ctl) {
  await mode('KIOSK_MODE_REGISTRATION');
  await stepLocator('REGISTRATION_STEP_INFORMATION').waitFor({ timeout: 10_000 });
  await screenshot('registration-information');
  await page.getByTestId('field-person.consent.informationLanguage').selectOption('fra');
  await page.getByTestId('field-person.consent.informationGiven').check();
  await page.getByTestId('reg-next').click();
  await stepLocator('REGISTRATION_STEP_CONSENT').waitFor({ timeout: 10_000 });
  await page.getByTestId('consent-accept').click();
  await page.getByTestId('option-person.consent.method-CONSENT_METHOD_ORAL').click();
  await screenshot('registration-consent');
  await page.getByTestId('reg-next').click();
  await stepLocator('REGISTRATION_STEP_FORM').waitFor({ timeout: 10_000 });

  // Everything but the given name.
  await page.getByTestId('field-person.familyName').fill('Okafor');
  await page.getByTestId('option-person.sex-SEX_FEMALE').click();
  await page.getByTestId('field-person.birth.year').fill('2004');
  await page.getByTestId('field-person.nationality').selectOption('NGA');
  await page.getByTestId('field-person.placeOfOrigin').fill('Benin City');
  await page.getByTestId('field-person.identityDocument.type').selectOption('DOCUMENT_TYPE_PASSPORT');
  await page.getByTestId('field-person.identityDocument.number').fill('a1234567');
  await page.getByTestId('field-person.identityDocument.issuingCountry').selectOption('NGA');
  await page.getByTestId('option-person.identityDocument.holder-DOCUMENT_HOLDER_SELF').click();
  await page.getByTestId('field-person.phone').fill('+2348012345678');
  await page.getByTestId('option-person.languages-eng').click();
  await page.getByTestId('option-person.languages-pcm').click();
  await page.getByTestId('field-person.occupation').selectOption('OCCUPATION_FOOD_SERVICE');
  await page.getByTestId('field-person.purpose').selectOption('PURPOSE_PROMISED_JOB');
  await page.getByTestId('field-person.promisedJob').selectOption('PROMISED_JOB_RESTAURANT');
  await page.getByTestId('option-person.travelPaidByThirdParty-ANSWER_YES').click();
  await page.getByTestId('option-person.debtDeclared-ANSWER_DECLINED').click();
  checkEqual(await page.getByTestId('field-person.identityDocument.number').inputValue(), 'A1234567', 'document number in upper case');
  await screenshot('registration-form');
  await page.getByTestId('reg-next').click();
  await stepLocator('REGISTRATION_STEP_COMPANION').waitFor({ timeout: 10_000 });
  await page.getByTestId('option-companionChoice-COMPANION_CHOICE_NONE').click();
  await screenshot('registration-companion');
  await page.getByTestId('reg-submit').click();

  // The daemon refuses the draft: back to the form, the error next to the given name.
  await stepLocator('REGISTRATION_STEP_FORM').waitFor({ timeout: 10_000 });
  const error = page.getByTestId('error-person.givenName');
  await error.waitFor({ timeout: 10_000 });
  checkEqual(await error.getAttribute('data-problem'), 'FIELD_PROBLEM_REQUIRED', 'given name problem');
  checkEqual((await error.textContent()).trim(), fr.FIELD_PROBLEM_REQUIRED, 'given name error text');
  const errorBox = await error.boundingBox();
  const inputBox = await page.getByTestId('field-person.givenName').boundingBox();
  check(errorBox && inputBox && errorBox.y >= inputBox.y && errorBox.y - (inputBox.y + inputBox.height) < 60,
    'the given name error is shown right under its field');
  checkEqual(await page.evaluate(() => document.activeElement?.dataset?.testid), 'field-person.givenName', 'focus on the first error');
  checkEqual(await page.locator('[data-testid^="error-"]').count(), 1, 'number of field errors shown (only the given name is missing)');
  await screenshot('registration-form-error');

  await page.getByTestId('field-person.givenName').pressSequentially('Blessing');
  checkEqual(await page.getByTestId('error-person.givenName').count(), 0, 'error cleared once the field is typed in');
  await page.getByTestId('reg-next').click();
  await stepLocator('REGISTRATION_STEP_COMPANION').waitFor({ timeout: 10_000 });
  await page.getByTestId('reg-submit').click();
  await stepLocator('REGISTRATION_STEP_BRACELET').waitFor({ timeout: 15_000 });
  await screenshot('registration-bracelet');

  // A blank NTAG213 with a fixed UID: written, read back, recorded.
  await control(ctl, 'place ntag213 04A1B2C3D4E5F6');
  const card = await tapResult('TAP_RESULT_REGISTERED', 30_000);
  check(/\d/.test(await card.getByTestId('tap-device-seq').textContent()), 'registered card shows the device sequence');
  await stepLocator('REGISTRATION_STEP_DONE').waitFor({ timeout: 15_000 });
  await screenshot('registration-registered');
  await control(ctl, 'remove');
}

async function gate(ctl) {
  await mode('KIOSK_MODE_GATE');
  await direction('DIRECTION_OUT');
  await screenshot('gate-exit');
  await control(ctl, 'place ntag213 04A1B2C3D4E5F6');
  const accepted = await tapResult('TAP_RESULT_ACCEPTED');
  checkEqual(await accepted.getByTestId('tap-first-name').textContent(), 'Blessing', 'first name on the accepted card');
  checkEqual(await accepted.getByTestId('tap-direction').textContent(), fr.DIRECTION_OUT, 'direction on the accepted card');
  await screenshot('gate-accepted');
  await control(ctl, 'remove');
  await sleep(500);

  await control(ctl, 'place ntag213 04112233445566');
  const unknown = await tapResult('TAP_RESULT_UNKNOWN_BRACELET');
  check(await unknown.getByTestId('gate-register').isVisible(), 'unknown bracelet offers a registration');
  await screenshot('gate-unknown-bracelet');
  await control(ctl, 'remove');
}

const serviceStep = (step) => page.locator(`[data-testid="screen-bracelets"][data-step="${step}"]`);

/// The bracelet service: a lost bracelet found on the server and replaced (same person), the old
/// one then refused at the gate; a bracelet seized and revoked.
async function bracelets(ctl) {
  await mode('KIOSK_MODE_BRACELETS');
  await serviceStep('BRACELET_SERVICE_STEP_CHOOSE').waitFor({ timeout: 10_000 });
  await screenshot('bracelets-menu');
  await page.getByTestId('bracelet-replace-lost').click();
  await serviceStep('BRACELET_SERVICE_STEP_SEARCH').waitFor({ timeout: 10_000 });
  await page.getByTestId('field-givenName').fill('blessing');
  await page.getByTestId('field-birthYear').fill('2004');
  await page.getByTestId('field-sex').selectOption('SEX_FEMALE');
  await screenshot('bracelets-search');
  await page.getByTestId('bracelet-search').click();
  await serviceStep('BRACELET_SERVICE_STEP_CANDIDATES').waitFor({ timeout: 20_000 });
  checkEqual(await page.locator('[data-testid^="candidate-"]').count(), 1, 'one candidate found on the server');
  const candidate = (await page.getByTestId('candidate-0').textContent()) || '';
  check(candidate.includes('Blessing') && candidate.includes('2004') && candidate.includes('Bantako'),
    `candidate shows given name, year and site: "${candidate}"`);
  check(!candidate.includes('Okafor') && !candidate.includes('A1234567'), 'candidate shows no family name or document');
  await screenshot('bracelets-candidates');
  await page.getByTestId('candidate-0').click();
  await serviceStep('BRACELET_SERVICE_STEP_NEW_BRACELET').waitFor({ timeout: 10_000 });
  await screenshot('bracelets-new-bracelet');
  await control(ctl, 'place ntag213 04B1B2C3D4E5F6');
  const replaced = await tapResult('TAP_RESULT_BRACELET_REPLACED', 30_000);
  checkEqual(await replaced.getByTestId('tap-first-name').textContent(), 'Blessing', 'replacement for the same person');
  await screenshot('bracelets-replaced');
  await control(ctl, 'remove');

  await page.getByTestId('bracelet-seize').click();
  await page.getByTestId('field-reason').selectOption('REVOCATION_REASON_SUSPECTED_CLONE');
  await page.getByTestId('field-note').fill('vu à deux portes le même jour');
  await screenshot('bracelets-seize');
  await page.getByTestId('bracelet-arm-seizure').click();
  await serviceStep('BRACELET_SERVICE_STEP_SEIZE').waitFor({ timeout: 10_000 });
  await control(ctl, 'place ntag213 04112233445566');
  await tapResult('TAP_RESULT_BRACELET_REVOKED');
  await screenshot('bracelets-seized');
  await control(ctl, 'remove');

  // The lost bracelet, found again, is refused at the gate; the new one is accepted.
  await mode('KIOSK_MODE_GATE');
  await sleep(300);
  await control(ctl, 'place ntag213 04A1B2C3D4E5F6');
  const refused = await tapResult('TAP_RESULT_REFUSED');
  checkEqual(await refused.getByTestId('tap-verification').textContent(), fr.VERIFICATION_BRACELET_REVOKED, 'old bracelet refused as revoked');
  await screenshot('gate-old-bracelet-refused');
  await control(ctl, 'remove');
  await sleep(300);
  await control(ctl, 'place ntag213 04B1B2C3D4E5F6');
  await tapResult('TAP_RESULT_ACCEPTED');
  await control(ctl, 'remove');
}

async function english() {
  const tab = page.getByTestId('mode-tab-KIOSK_MODE_GATE');
  checkEqual(await tab.textContent(), fr.KIOSK_MODE_GATE, 'gate tab in French');
  await page.getByTestId('lang-toggle').click();
  await waitFor('English page', async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', 10_000);
  checkEqual(await tab.textContent(), en.KIOSK_MODE_GATE, 'gate tab in English');
  checkEqual(await page.getByTestId('lang-toggle').textContent(), en['language.switch'], 'language toggle in English');
  await screenshot('gate-english');
}

async function otherScreens() {
  await mode('KIOSK_MODE_MINER_CARD');
  checkEqual((await page.getByTestId('tap-prompt').textContent()).trim(), en['miner.promptBracelet'], 'miner card prompt');
  await screenshot('miner-card');
  await mode('KIOSK_MODE_CENSUS');
  // No campaign was opened on the server: the screen says so.
  checkEqual((await page.getByTestId('census-none').textContent()).trim(), en['census.none'], 'census without campaigns');
  await screenshot('census');
}

async function syncScreen() {
  await mode('KIOSK_MODE_SYNC_STATUS');
  const number = async (testid) => Number((await page.getByTestId(testid).textContent()).replace(/[^\d]/g, ''));
  const highest = await number('sync-highest-recorded');
  check(highest >= 3, `events recorded by the scenario: highest sequence ${highest}`);
  // The kiosk is connected: everything recorded reaches the server and is acknowledged.
  await waitFor('every event acknowledged', async () =>
    (await number('sync-pending')) === 0 && (await number('sync-acked')) === (await number('sync-highest-recorded')), 60_000, 250);
  checkEqual(await number('pending-count-value'), 0, 'pending count in the header');
  await page.getByTestId('sync-refresh').click();
  const agreement = page.getByTestId('sync-agreement');
  await agreement.waitFor({ timeout: 20_000 });
  checkEqual(await number('server-event-count'), await number('own-event-count'), 'server and kiosk event counts');
  checkEqual(await number('server-highest-seq'), await number('own-highest-seq'), 'server and kiosk highest sequence');
  checkEqual(await agreement.getAttribute('data-agree'), 'true', 'figures agree');
  checkEqual((await agreement.textContent()).trim(), en['sync.agree'], 'agreement line in English');
  await agreement.scrollIntoViewIfNeeded();
  await screenshot('sync');
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`e2e: over the ${TOTAL_BUDGET_MS / 1000} s budget`);
    stopAll().finally(() => process.exit(1));
  }, TOTAL_BUDGET_MS);
  let failed = null;
  const pageErrors = [];
  try {
    const pageCheck = spawnSync(process.execPath, [join(here, 'check_page.mjs')], { encoding: 'utf8', timeout: 30_000 });
    if (pageCheck.status !== 0) throw new Failure(`page check failed:\n${pageCheck.stdout}${pageCheck.stderr}`);
    const { chromium } = await import('playwright-core').catch(() => {
      throw new Failure('playwright-core is not installed: run tools/setup (npm ci in tests/e2e)');
    });
    const { ctl, url, pageUrl } = await setUp();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
      timeout: 30_000,
    });
    const context = await browser.newContext({ viewport: { width: 1024, height: 600 }, locale: 'fr-FR' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The last KioskState the daemon sent, kept for the diagnosis of a failure.
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.startsWith('{"state"')) lastState = frame.payload;
    }));
    page.on('console', (message) => {
      if (message.type() === 'error') log(`console error: ${message.text()}`);
    });
    // Anything the page fetches must come from the kiosk itself.
    page.on('request', (request) => {
      if (request.url() !== 'about:blank' && !request.url().startsWith(url) && !request.url().startsWith(url.replace('http:', 'ws:'))) pageErrors.push(`external request: ${request.url()}`);
    });
    // The address without its token: the daemon refuses the socket and the page says where the
    // right address is.
    await page.goto(url, { timeout: 15_000 });
    const banner = page.getByTestId('connection-banner');
    await waitFor('no-token banner', async () => (await banner.isVisible()) && (await banner.textContent()) === fr['connection.no_token'], 15_000);
    await screenshot('no-token');
    await page.goto('about:blank');
    await page.goto(pageUrl, { timeout: 15_000 });
    // The title comes from the catalogue once it is loaded.
    await waitFor('page title from the catalogue', async () => (await page.title()) === fr['app.title'], 15_000);
    await signIn();
    await mode('KIOSK_MODE_GATE');
    await direction('DIRECTION_IN');
    await screenshot('gate-entry');
    await register(ctl);
    await gate(ctl);
    await bracelets(ctl);
    await english();
    await otherScreens();
    await syncScreen();
    check(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
  } catch (error) {
    failed = error;
    if (page) await screenshot('failure').catch(() => {});
    if (lastState) writeFileSync(join(artefacts, 'last-state.json'), `${lastState}\n`);
  } finally {
    clearTimeout(watchdog);
    if (browser) await browser.close().catch(() => {});
    await stopAll();
    for (const name of readdirSync(work).filter((f) => f.endsWith('.log'))) copyFileSync(join(work, name), join(artefacts, name));
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  console.log('screenshots:');
  for (const path of shots) console.log(`  ${path}`);
  console.log(`process logs: ${artefacts}/*.log`);
  if (failed) {
    console.error(`e2e.kiosk FAILED: ${failed instanceof Failure ? failed.message : failed.stack}`);
    process.exit(1);
  }
  console.log('e2e.kiosk passed');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll().finally(() => process.exit(1));
  });
}

main();
