// Browser end-to-end test of the officials' web application (server/web) on a real
// minegate-server and a real minegate-kiosk: real processes, TLS on loopback, Debian's chromium
// driven by playwright-core.
//
//   minegatectl      (data directory: the administrator "chef", the auditor "fatou")
//   minegate-server  (its HTTPS port serves the pages at / and the JSON API under /v1)
//   minegate-kiosk   (enrolled with the file the administrator's page shows, then running)
//
// Scenario: signed out, / leads to the sign-in page; a wrong password is refused in the page;
// the administrator signs in and sees the administration workspace only; typing an auditors'
// page gets a 403 answer and the page's refusal; English by the toggle, kept across a reload;
// the administrator changes the password, signs out and back in with the new one; then
// (officials_admin.mjs) creates a site, a gate, a gate agent with a PIN, a card and the site, and
// a kiosk's enrolment code, shown once with a QR code; the QR code, decoded from the page's
// pixels, is the file `minegate-kiosk enroll` takes; the kiosk runs and the list shows it
// connected; revoked after a confirmation, it shows disconnected. The auditor
// (officials_audit.mjs) finds each of those changes by user and route, the refusals, searches a
// person token, verifies the chain (also against a head written down) and downloads the CSV
// export, which is then in the log too. Each workspace's pages are also drawn in English. The
// first load of /admin and of /audit, cache empty, is measured on the wire (at most 200 KB
// each). No request leaves the server's origin, no script error, and every console error is a
// refusal the scenario expects. A screenshot of every page goes to the artefacts directory.
// Every wait is bounded; every process is killed at the end.
//
// Usage: node officials.e2e.mjs --bin BUILD/bin --artefacts DIR
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Failure, Processes, Shots, check, checkEqual, log, waitFor, watch } from './officials_harness.mjs';
import { administrate } from './officials_admin.mjs';
import { audit } from './officials_audit.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const binDir = resolve(option('bin', join(root, 'build', 'bin')));
const artefacts = resolve(option('artefacts', join(tmpdir(), 'minegate-officials-e2e')));
const TOTAL_BUDGET_MS = 240_000;
const FIRST_LOAD_BUDGET = 200 * 1024;
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'un tout autre mot de passe';

const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/en.json'), 'utf8'));

// ------------------------------------------------------------------ processes
const work = mkdtempSync(join(tmpdir(), 'minegate-officials-'));
mkdirSync(artefacts, { recursive: true });
for (const name of readdirSync(artefacts).filter((f) => /\.(png|log|csv)$/.test(f))) rmSync(join(artefacts, name), { force: true });
const procs = new Processes(binDir, work);
const shots = new Shots(artefacts);

async function setUp() {
  const data = join(work, 'server-data');
  const password = join(work, 'password');
  writeFileSync(password, `${PASSWORD}\n`, { mode: 0o600 });
  const ctl = (...more) => procs.run([procs.bin('minegatectl'), '--data-dir', data, ...more]);
  ctl('init', '--admin', 'chef', '--password-file', password);
  ctl('user', 'add', '--id', 'fatou', '--name', 'Fatou Sarr', '--role', 'auditor', '--password-file', password);
  const server = procs.start('server', [procs.bin('minegate-server'), '--data-dir', data, '--listen', '127.0.0.1', '--port', '0']);
  const text = await waitFor('server listening', () => {
    if (server.exited) throw new Failure(`server exited: ${server.output()}`);
    const out = server.output();
    return /listening address=127\.0\.0\.1:(\d+)/.test(out) && /certificate_fingerprint sha256=([0-9a-f]{64})/.test(out) ? out : null;
  }, 30_000);
  const port = text.match(/listening address=127\.0\.0\.1:(\d+)/)[1];
  return {
    base: `https://127.0.0.1:${port}`,
    serverAddress: `127.0.0.1:${port}`,
    fingerprint: text.match(/certificate_fingerprint sha256=([0-9a-f]{64})/)[1],
  };
}

// ------------------------------------------------------------------ the scenario
async function signIn(page, user, password) {
  await page.getByTestId('field-userId').fill(user);
  await page.getByTestId('field-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

async function signOut(page) {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('signin').waitFor();
}

async function toggleLanguage(page, to) {
  await page.getByTestId('language-toggle').click();
  await waitFor(`${to} page`, async () => (await page.locator('html').getAttribute('lang')) === to);
}

/// An auditors' page typed by the administrator: 403 from the server, the refusal drawn, no
/// workspace shown.
async function refusedPage(page, base, path, shot, catalogue = fr) {
  const answer = await page.goto(`${base}${path}`);
  checkEqual(answer.status(), 403, `status of ${path} for an administrator`);
  await page.getByTestId('forbidden').waitFor();
  checkEqual(await page.getByTestId('workspace').count(), 0, 'no workspace shown on a refusal');
  checkEqual(await page.locator('h1').textContent(), catalogue['forbidden.title'], 'refusal title');
  if (shot) await shots.take(page, shot);
}

/// Each of a workspace's sections drawn in English, a screenshot of each; back to French.
async function inEnglish(page, sections, ready) {
  await toggleLanguage(page, 'en');
  for (const path of sections) {
    // Each drawing of a page makes a new <main> (layout.js): the one before is marked, so that
    // only the section clicked is awaited, not the same element of the page before it.
    await page.locator('main').evaluate((main) => { main.dataset.stale = 'yes'; });
    await page.getByTestId(`nav-${path}`).click();
    await page.locator(`main:not([data-stale]) [data-testid="${ready[path]}"]`).first().waitFor();
    checkEqual(await page.getByTestId(`nav-${path}`).textContent(), en[`nav.${path}`], `English section name of ${path}`);
    await shots.take(page, `${path.slice(1).replaceAll('/', '-')}-english`);
  }
  await toggleLanguage(page, 'fr');
}

async function scenario(chromium, server) {
  const { base } = server;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    timeout: 30_000,
  });
  try {
    const problems = [];
    const refusals = [];
    // The server's certificate is self-signed on first start: the browser is told to accept it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', ignoreHTTPSErrors: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    watch(page, base, problems, refusals);
    const s = { page, shots, fr, en, procs, work, ...server };

    // Signed out: the home page leads to sign-in.
    await page.goto(`${base}/`);
    await page.getByTestId('signin').waitFor();
    checkEqual(new URL(page.url()).pathname, '/signin', 'signed-out address');
    checkEqual(await page.locator('html').getAttribute('lang'), 'fr', 'French by default');
    await shots.take(page, 'signin');

    await signIn(page, 'chef', 'not the password');
    await page.getByTestId('error').waitFor();
    await shots.take(page, 'signin-refused');

    // The administrator: administration only.
    await signIn(page, 'chef', PASSWORD);
    await page.getByTestId('home').waitFor();
    check(await page.getByTestId('workspace-/admin').isVisible(), 'administration workspace shown');
    checkEqual(await page.getByTestId('workspace-/audit').count(), 0, 'audit workspace shown to an administrator');
    checkEqual(await page.getByTestId('who-role').textContent(), fr['role.administrator'], 'role in the header');
    await shots.take(page, 'home-administrator');

    // The auditors' workspace typed by an administrator: 403 from the server, the refusal drawn.
    await refusedPage(page, base, '/audit', 'forbidden');
    await refusedPage(page, base, '/audit/verify');
    await refusedPage(page, base, '/audit/person?token=0123456789abcdef');

    // English by the toggle, kept across a reload.
    await page.goto(`${base}/`);
    await page.getByTestId('home').waitFor();
    await toggleLanguage(page, 'en');
    const name = await page.getByTestId('who').textContent();
    await waitFor('English home title', async () => (await page.locator('h1').textContent()) === en['home.title'].replace('{name}', name));
    await page.reload();
    await page.getByTestId('home').waitFor();
    checkEqual(await page.locator('html').getAttribute('lang'), 'en', 'English after a reload');
    checkEqual(await page.getByTestId('language-toggle').textContent(), en['language.other'], 'toggle offers French');
    await shots.take(page, 'home-english');
    await refusedPage(page, base, '/audit/verify', 'forbidden-english', en);
    await page.getByTestId('go-home').click();
    await page.getByTestId('home').waitFor();
    await toggleLanguage(page, 'fr');

    // Change password, sign out, sign in with the new one.
    await page.getByTestId('nav-password').click();
    await page.getByTestId('password').waitFor();
    await page.getByTestId('field-oldPassword').fill(PASSWORD);
    await page.getByTestId('field-newPassword').fill(NEW_PASSWORD);
    await page.getByTestId('field-confirmPassword').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    await shots.take(page, 'password-changed');
    await signOut(page);
    await signIn(page, 'chef', NEW_PASSWORD);
    await page.getByTestId('home').waitFor();

    // The administrator's work, then the same pages in English.
    const admin = await administrate(s);
    await inEnglish(page, ['/admin/users', '/admin/sites', '/admin/devices', '/admin/audit-head'],
      { '/admin/users': 'users-table', '/admin/sites': 'sites-table', '/admin/devices': 'devices-table', '/admin/audit-head': 'head-count' });
    await signOut(page);

    // The auditor: audit only.
    await signIn(page, 'fatou', PASSWORD);
    await page.getByTestId('home').waitFor();
    check(await page.getByTestId('workspace-/audit').isVisible(), 'audit workspace shown');
    checkEqual(await page.getByTestId('workspace-/admin').count(), 0, 'administration workspace shown to an auditor');
    await shots.take(page, 'home-auditor');
    await audit(s, admin);
    await inEnglish(page, ['/audit', '/audit/person', '/audit/verify'],
      { '/audit': 'audit-shown', '/audit/person': 'person-form', '/audit/verify': 'verify-verdict' });
    await signOut(page);

    // Every refusal the browser saw: the session check while signed out, the wrong password,
    // the auditors' pages; nothing else.
    const expected = new Set(['401 GET /v1/session', '401 POST /v1/session', '403 GET /audit', '403 GET /audit/verify', '403 GET /audit/person']);
    const unexpected = refusals.filter((r) => !expected.has(r));
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
    for (const refusal of expected) check(refusals.includes(refusal), `expected refusal missing: ${refusal} (seen: ${refusals.join(', ')})`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();

    await measureFirstLoad(browser, base, '/admin', 'chef', NEW_PASSWORD, 'users-table');
    await measureFirstLoad(browser, base, '/audit', 'fatou', PASSWORD, 'audit-table');
  } finally {
    await browser.close();
  }
}

/// A workspace opened with an empty cache, signed in: every byte the browser received for it
/// (headers and bodies as sent, gzip where it applied), until the network is idle.
async function measureFirstLoad(browser, base, path, user, password, ready) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
  try {
    const signedIn = await context.request.post(`${base}/v1/session`, { data: { userId: user, password } });
    checkEqual(signedIn.status(), 200, `sign-in for the measurement of ${path}`);
    const page = await context.newPage();
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    await page.getByTestId(ready).waitFor();
    let total = 0;
    for (const response of responses) {
      const sizes = await response.request().sizes();
      total += sizes.responseHeadersSize + sizes.responseBodySize;
    }
    log(`first load of ${path}: ${responses.length} responses, ${total} bytes on the wire`);
    check(total <= FIRST_LOAD_BUDGET, `first load of ${path}: ${total} bytes, over ${FIRST_LOAD_BUDGET}`);
    check(responses.length >= 5, `${path} loaded its modules`);
    return total;
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ main
const timer = setTimeout(() => {
  console.error(`officials e2e: over the ${TOTAL_BUDGET_MS / 1000} s budget`);
  procs.stopAll().finally(() => process.exit(1));
}, TOTAL_BUDGET_MS);
let failed = null;
try {
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Failure('playwright-core is not installed: run tools/setup (npm ci in tests/e2e)');
  });
  const server = await setUp();
  log(`server at ${server.base}`);
  await scenario(chromium, server);
} catch (error) {
  failed = error;
} finally {
  clearTimeout(timer);
  await procs.stopAll();
  for (const entry of procs.children) writeFileSync(join(artefacts, `${entry.name}.log`), entry.output());
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error(`FAIL: ${failed instanceof Failure ? failed.message : failed.stack}`);
  process.exit(1);
}
log(`passed; ${shots.count} screenshots in ${artefacts}`);
