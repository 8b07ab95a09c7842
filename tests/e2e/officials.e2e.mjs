// Browser end-to-end test of the officials' web application (server/web) on a real
// minegate-server: real processes, TLS on loopback, Debian's chromium driven by playwright-core.
//
//   minegatectl      (data directory: the administrator "chef", the auditor "fatou")
//   minegate-server  (its HTTPS port serves the pages at / and the JSON API under /v1)
//
// Scenario: signed out, / leads to the sign-in page; a wrong password is refused in the page;
// the administrator signs in and sees the administration workspace only; typing an auditors'
// page gets a 403 answer and the page's refusal; English by the toggle, kept across a reload;
// the administrator changes the password, signs out and back in with the new one; the auditor
// sees the audit workspace only. The first load of a workspace, cache empty, is measured on the
// wire (at most 200 KB). No request leaves the server's origin, no script error, and every
// console error is a refusal the scenario expects. A screenshot of every page goes to the
// artefacts directory. Every wait is bounded; every process is killed at the end.
//
// Usage: node officials.e2e.mjs --bin BUILD/bin --artefacts DIR
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const binDir = resolve(option('bin', join(root, 'build', 'bin')));
const artefacts = resolve(option('artefacts', join(tmpdir(), 'minegate-officials-e2e')));
const TOTAL_BUDGET_MS = 180_000;
const FIRST_LOAD_BUDGET = 200 * 1024;

const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/en.json'), 'utf8'));

const started = Date.now();
const log = (...parts) => console.log(`[officials ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class Failure extends Error {}
const check = (condition, message) => {
  if (!condition) throw new Failure(message);
};
const checkEqual = (actual, expected, what) =>
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);

async function waitFor(what, probe, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

// ------------------------------------------------------------------ processes
const work = mkdtempSync(join(tmpdir(), 'minegate-officials-'));
mkdirSync(artefacts, { recursive: true });
for (const name of readdirSync(artefacts).filter((f) => /\.(png|log)$/.test(f))) rmSync(join(artefacts, name), { force: true });
const children = [];

function bin(name) {
  const path = join(binDir, name);
  check(existsSync(path), `missing ${path}: build it first`);
  return path;
}

function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { timeout: 60_000, encoding: 'utf8' });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  check(result.status === 0, `${argv.slice(0, 5).join(' ')} … exited ${result.status ?? result.signal}: ${output}`);
  return output;
}

function start(name, argv) {
  const logPath = join(work, `${name}.log`);
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')], detached: true });
  const entry = { name, child, logPath, exited: null };
  child.on('exit', (code, signal) => (entry.exited = { code, signal }));
  children.push(entry);
  log(`started ${name} (pid ${child.pid})`);
  return entry;
}

async function stopAll() {
  for (const entry of children) {
    if (!entry.exited) {
      try {
        process.kill(-entry.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + 5000;
  while (children.some((e) => !e.exited) && Date.now() < deadline) await sleep(100);
  for (const entry of children.filter((e) => !e.exited)) {
    try {
      process.kill(-entry.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function setUp() {
  const data = join(work, 'server-data');
  const password = join(work, 'password');
  writeFileSync(password, 'correct horse battery staple\n', { mode: 0o600 });
  const ctl = (...more) => run([bin('minegatectl'), '--data-dir', data, ...more]);
  ctl('init', '--admin', 'chef', '--password-file', password);
  ctl('user', 'add', '--id', 'fatou', '--name', 'Fatou Sarr', '--role', 'auditor', '--password-file', password);
  const server = start('server', [bin('minegate-server'), '--data-dir', data, '--listen', '127.0.0.1', '--port', '0']);
  const port = await waitFor('server listening', () => {
    if (server.exited) throw new Failure(`server exited: ${readFileSync(server.logPath, 'utf8')}`);
    return (readFileSync(server.logPath, 'utf8').match(/listening address=127\.0\.0\.1:(\d+)/) || [])[1];
  }, 30_000);
  return `https://127.0.0.1:${port}`;
}

// ------------------------------------------------------------------ the scenario
let shotCount = 0;
async function screenshot(page, name) {
  shotCount += 1;
  await page.screenshot({ path: join(artefacts, `${String(shotCount).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/// Watches a page: script errors, requests to another origin, and every answer of 400 or more
/// (the scenario lists those it expects; the browser logs each as a console error).
function watch(page, base, problems, refusals) {
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource: the server responded with a status of')) return;  // listed below
    problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) refusals.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
}

async function signIn(page, user, password) {
  await page.getByTestId('field-userId').fill(user);
  await page.getByTestId('field-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

async function scenario(chromium, base) {
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

    // Signed out: the home page leads to sign-in.
    await page.goto(`${base}/`);
    await page.getByTestId('signin').waitFor();
    checkEqual(new URL(page.url()).pathname, '/signin', 'signed-out address');
    checkEqual(await page.locator('html').getAttribute('lang'), 'fr', 'French by default');
    await screenshot(page, 'signin');

    await signIn(page, 'chef', 'not the password');
    await page.getByTestId('error').waitFor();
    await screenshot(page, 'signin-refused');

    // The administrator: administration only.
    await signIn(page, 'chef', 'correct horse battery staple');
    await page.getByTestId('home').waitFor();
    check(await page.getByTestId('workspace-/admin').isVisible(), 'administration workspace shown');
    checkEqual(await page.getByTestId('workspace-/audit').count(), 0, 'audit workspace shown to an administrator');
    checkEqual(await page.getByTestId('who-role').textContent(), fr['role.administrator'], 'role in the header');
    await screenshot(page, 'home-administrator');

    // An auditors' page typed by an administrator: 403 from the server, the refusal drawn.
    const refused = await page.goto(`${base}/audit/verify`);
    checkEqual(refused.status(), 403, 'status of an auditors\' page for an administrator');
    await page.getByTestId('forbidden').waitFor();
    checkEqual(await page.getByTestId('workspace').count(), 0, 'no workspace shown on a refusal');
    await screenshot(page, 'forbidden');

    // English by the toggle, kept across a reload.
    await page.goto(`${base}/`);
    await page.getByTestId('home').waitFor();
    await page.getByTestId('language-toggle').click();
    await waitFor('English page', async () => (await page.locator('html').getAttribute('lang')) === 'en');
    const name = await page.getByTestId('who').textContent();
    await waitFor('English home title', async () => (await page.locator('h1').textContent()) === en['home.title'].replace('{name}', name));
    await page.reload();
    await page.getByTestId('home').waitFor();
    checkEqual(await page.locator('html').getAttribute('lang'), 'en', 'English after a reload');
    checkEqual(await page.getByTestId('language-toggle').textContent(), en['language.other'], 'toggle offers French');
    await screenshot(page, 'home-english');
    await page.getByTestId('language-toggle').click();
    await waitFor('French page', async () => (await page.locator('html').getAttribute('lang')) === 'fr');

    // Change password, sign out, sign in with the new one.
    await page.getByTestId('nav-password').click();
    await page.getByTestId('password').waitFor();
    await page.getByTestId('field-oldPassword').fill('correct horse battery staple');
    await page.getByTestId('field-newPassword').fill('un tout autre mot de passe');
    await page.getByTestId('field-confirmPassword').fill('un tout autre mot de passe');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    await screenshot(page, 'password-changed');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin').waitFor();
    await signIn(page, 'chef', 'un tout autre mot de passe');
    await page.getByTestId('home').waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin').waitFor();

    // The auditor: audit only.
    await signIn(page, 'fatou', 'correct horse battery staple');
    await page.getByTestId('home').waitFor();
    check(await page.getByTestId('workspace-/audit').isVisible(), 'audit workspace shown');
    checkEqual(await page.getByTestId('workspace-/admin').count(), 0, 'administration workspace shown to an auditor');
    await screenshot(page, 'home-auditor');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin').waitFor();

    // Every refusal the browser saw: the session check while signed out, the wrong password,
    // the auditors' page; nothing else.
    const expected = new Set(['401 GET /v1/session', '401 POST /v1/session', '403 GET /audit/verify']);
    const unexpected = refusals.filter((r) => !expected.has(r));
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
    check(refusals.includes('401 POST /v1/session') && refusals.includes('403 GET /audit/verify'), `expected refusals missing: ${refusals.join(', ')}`);
    check(problems.length === 0, problems.join('\n'));
    await context.close();
    return await measureFirstLoad(browser, base);
  } finally {
    await browser.close();
  }
}

/// A workspace opened with an empty cache, signed in: every byte the browser received for it
/// (headers and bodies as sent, gzip where it applied), until the network is idle.
async function measureFirstLoad(browser, base) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
  try {
    const signedIn = await context.request.post(`${base}/v1/session`, { data: { userId: 'fatou', password: 'correct horse battery staple' } });
    checkEqual(signedIn.status(), 200, 'sign-in for the measurement');
    const page = await context.newPage();
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(`${base}/audit`, { waitUntil: 'networkidle' });
    let total = 0;
    for (const response of responses) {
      const sizes = await response.request().sizes();
      total += sizes.responseHeadersSize + sizes.responseBodySize;
    }
    log(`first load of /audit: ${responses.length} responses, ${total} bytes on the wire`);
    check(total <= FIRST_LOAD_BUDGET, `first load ${total} bytes, over ${FIRST_LOAD_BUDGET}`);
    check(responses.length >= 5, 'the page loaded its modules');
    return total;
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ main
const timer = setTimeout(() => {
  console.error(`officials e2e: over the ${TOTAL_BUDGET_MS / 1000} s budget`);
  stopAll().finally(() => process.exit(1));
}, TOTAL_BUDGET_MS);
let failed = null;
try {
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Failure('playwright-core is not installed: run tools/setup (npm ci in tests/e2e)');
  });
  const base = await setUp();
  log(`server at ${base}`);
  await scenario(chromium, base);
} catch (error) {
  failed = error;
} finally {
  clearTimeout(timer);
  await stopAll();
  for (const entry of children) {
    const text = existsSync(entry.logPath) ? readFileSync(entry.logPath, 'utf8') : '';
    writeFileSync(join(artefacts, `${entry.name}.log`), text);
  }
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error(`FAIL: ${failed instanceof Failure ? failed.message : failed.stack}`);
  process.exit(1);
}
log(`passed; ${shotCount} screenshots in ${artefacts}`);
