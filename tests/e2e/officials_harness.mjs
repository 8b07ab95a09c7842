// What the officials' browser tests (officials, security, protection, police, census) need besides
// the pages: bounded waits, checks that fail the run, child processes (each in its own process
// group, killed at the end), screenshots numbered in the order taken, the browser's problems
// collected, chromium's launch, the sign-in, the run with its budget and clean-up, and a PNG
// reader so that the enrolment QR code can be decoded from the pixels the page drew.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { Failure, Processes as SystemProcesses, check, checkEqual, launchChromium, sleep, waitFor } from '../../tools/system/processes.mjs';

// The waits, checks, processes and chromium's launch are tools/system/processes.mjs's, shared
// with the demo (tools/demo); the browser tests import them from here as before.
export { Failure, check, checkEqual, launchChromium, sleep, waitFor };

export const started = Date.now();
export const log = (...parts) => console.log(`[officials ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);

/// The binaries of this build and the processes started from them (processes.mjs), each start
/// logged with the test's clock.
export class Processes extends SystemProcesses {
  constructor(binDir, work) {
    super(binDir, work, log);
  }
}

/// Screenshots named NN-name.png in the order taken, the whole page each time.
export class Shots {
  constructor(dir) {
    this.dir = dir;
    this.count = 0;
  }

  async take(page, name) {
    this.count += 1;
    await page.screenshot({ path: join(this.dir, `${String(this.count).padStart(2, '0')}-${name}.png`), fullPage: true });
  }
}

/// Watches a page: script errors, console errors, requests to another origin, and every answer
/// of 400 or more. The browser logs each such answer as a console error ("Failed to load
/// resource: the server responded with a status of …"): those are checked against the
/// scenario's list of expected refusals instead; any other console error is a problem.
export function watch(page, base, problems, refusals) {
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource: the server responded with a status of')) return;
    problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) refusals.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
}

/// An officials' page in its own browser context (a laptop's screen, French, the server's
/// self-signed certificate accepted), watched (`watch`): { page, problems, refusals }.
export async function officialsPage(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', ignoreHTTPSErrors: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  const refusals = [];
  watch(page, base, problems, refusals);
  return { page, problems, refusals };
}

/// The RGBA pixels of a PNG as Playwright's screenshots write it (8 bits per channel, RGB or
/// RGBA, not interlaced): { width, height, data: Uint8ClampedArray }.
export function decodePng(buffer) {
  check(buffer.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])), 'not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      check(depth === 8 && (colour === 2 || colour === 6) && interlace === 0, `PNG form ${depth}/${colour}/${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rows[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) data[i * 4 + k] = rows[i * channels + k];
    data[i * 4 + 3] = channels === 4 ? rows[i * channels + 3] : 255;
  }
  return { width, height, data };
}

/// An official signed in on the sign-in page, on the home page after.
export async function signInAs(page, base, userId, password) {
  await page.goto(`${base}/signin`);
  await page.getByTestId('field-userId').fill(userId);
  await page.getByTestId('field-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('home').waitFor();
}

/// Runs a browser test's `scenario(chromium)` within `budgetMs`, then stops every process, keeps
/// their logs in `artefacts`, removes `work`, and exits 1 on a failure (its message printed).
export async function runBrowserTest({ name, budgetMs, procs, work, artefacts, shots, scenario }) {
  const timer = setTimeout(() => {
    console.error(`${name} e2e: over the ${budgetMs / 1000} s budget`);
    procs.stopAll().finally(() => process.exit(1));
  }, budgetMs);
  let failed = null;
  try {
    const { chromium } = await import('playwright-core').catch(() => {
      throw new Failure('playwright-core is not installed: run tools/setup (npm ci in tests/e2e)');
    });
    await scenario(chromium);
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
}

/// What a browser test starts with, from its command line (`--bin DIR --artefacts DIR`): the
/// repository's root, a fresh work directory, the artefacts directory emptied of the previous
/// run's files (those ending in one of `extensions`), the processes and the screenshots.
export function browserTestSetup(name, extensions = ['png', 'log']) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const args = process.argv.slice(2);
  const option = (flag, fallback) => {
    const index = args.indexOf(`--${flag}`);
    return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
  };
  const binDir = resolve(option('bin', join(root, 'build', 'bin')));
  const artefacts = resolve(option('artefacts', join(tmpdir(), `minegate-${name}-e2e`)));
  const work = mkdtempSync(join(tmpdir(), `minegate-${name}-`));
  mkdirSync(artefacts, { recursive: true });
  const old = new RegExp(`\\.(${extensions.join('|')})$`);
  for (const file of readdirSync(artefacts).filter((f) => old.test(f))) rmSync(join(artefacts, file), { force: true });
  return { root, artefacts, work, procs: new Processes(binDir, work), shots: new Shots(artefacts) };
}
