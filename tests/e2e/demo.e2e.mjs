// Browser end-to-end test of the demo itself (issue 14, item 1): `tools/demo --no-build --fast
// --any-ports --state TMP` run as a person runs it, its printed addresses and sign-ins used in
// Debian's chromium, then Ctrl-C.
//
// Scenario: the demo prints `prêt / ready` (the whole scenario played, within the budget); from
// what it printed only — the officials' address, the password, each role's account, each kiosk's
// page — the border police officer finds Moussa Keita by name with a stated reason and opens his
// history (passages at Bantako's gate on several of the simulated days, and the copy's at
// Sabodala's); the EMAPE official sees the census campaign with its six persons observed and its
// results; the protection officer sees the four flags (the girl of 15 first, the recruiter's
// three with the recruiter pattern) without a name; the administrator sees the suspected clone of his bracelet (Bantako and Sabodala, 70 km);
// the auditor sees the audit log; each kiosk's printed page shows its agents' roster. Then SIGINT
// to the demo's process group, as a terminal's Ctrl-C: it exits 0 and none of the processes it
// said it started (by pid), nor any process naming its state folder, is left.
//
// Usage: node demo.e2e.mjs --bin BUILD/bin --artefacts DIR
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Failure, browserTestSetup, check, checkEqual, launchChromium, log, officialsPage, runBrowserTest, signInAs, sleep, waitFor } from './officials_harness.mjs';

const { root, artefacts, work, procs, shots } = browserTestSetup('demo', ['png', 'log']);
const TOTAL_BUDGET_MS = 280_000;
const state = join(work, 'state');
const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const MOUSSA_UID = '04D1E2F3A4B5C6';

/// The demo started as a person would (with --no-build: ctest runs after the build), in its own
/// process group (Processes.start) so that a Ctrl-C can be sent to it as a terminal does, and so
/// that the test's budget stops it like every other process; its output in artefacts/demo.log.
function startDemo() {
  return procs.start('demo', [join(root, 'tools', 'demo'), '--no-build', '--fast', '--any-ports', '--state', state, '--bin', procs.binDir]);
}

/// What the demo printed: the addresses, the password, each role's account, the pids it started.
function readPrinted(text) {
  const line = (re, what) => {
    const match = text.match(re);
    if (!match) throw new Failure(`the demo did not print ${what}`);
    return match[1];
  };
  const accounts = {};
  for (const [, label, id] of text.matchAll(/^ {2}([^:\n]+ \/ [^:\n]+): ([a-z]+) \(/gm)) accounts[label] = id;
  return {
    base: line(/officials' pages: (https:\/\/127\.0\.0\.1:\d+)\//, 'the officials\' address'),
    password: line(/every account's password: (\S+)/, 'the password'),
    kiosks: [...text.matchAll(/^borne \/ kiosk (\S+): (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)$/gm)].map(([, name, url]) => ({ name, url })),
    account: (english) => {
      const entry = Object.entries(accounts).find(([label]) => label.includes(english));
      if (!entry) throw new Failure(`no account printed for ${english}`);
      return entry[1];
    },
    pids: [...text.matchAll(/started (\S+) \(pid (\d+)\)/g)].map(([, name, pid]) => ({ name, pid: Number(pid) })),
  };
}

async function signOut(page) {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('field-userId').waitFor();
}

async function police(page, printed) {
  await signInAs(page, printed.base, printed.account('border police'), printed.password);
  await page.getByTestId('workspace-/police').click();
  await page.getByTestId('police-reason-step').waitFor();
  await page.getByTestId('field-reason').fill('Vérification de la démonstration');
  await page.getByTestId('field-caseReference').fill('DEMO-1');
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('police-search-form').waitFor();
  await page.locator('label[for="police-by-name"]').click();
  await page.getByTestId('field-name').fill('keita moussa');
  await page.getByTestId('police-search-submit').click();
  await page.getByTestId('police-results-table').waitFor();
  const names = await page.getByTestId('police-result-name').allTextContents();
  checkEqual(names.length, 1, `one Moussa Keita found: ${names.join(', ')}`);
  await page.getByTestId('police-open-history').first().click();
  await page.getByTestId('police-timeline-table').waitFor();
  const timeline = await page.getByTestId('police-timeline-table').textContent();
  for (const words of ['Bantako', 'Porte nord', 'Sabodala', 'Porte sud']) check(timeline.includes(words), `his history shows ${words}: ${timeline}`);
  const rows = await page.locator('[data-testid="police-timeline-table"] tbody tr').allTextContents();
  check(rows.length >= 5, `his registration and movements (${rows.length} rows)`);
  // The simulated days: registered five days ago, out and back in on two days, today's census, card
  // and copy (dates as the page writes them, dd/mm/yyyy).
  const days = new Set(rows.flatMap((row) => row.match(/\d{2}\/\d{2}\/\d{4}/g) ?? []));
  check(days.size >= 4, `his history spans the simulated days (${[...days].join(', ')})`);
  await shots.take(page, 'police-history');
  await signOut(page);
}

async function census(page, printed) {
  await signInAs(page, printed.base, printed.account('EMAPE'), printed.password);
  await page.getByTestId('workspace-/census').click();
  const row = page.locator('[data-testid="campaign-demo-bantako-recensement"]');
  await row.waitFor();
  check((await row.getByTestId('campaign-observed').textContent()).includes('6'), `six observed: ${await row.textContent()}`);
  await shots.take(page, 'census-campaigns');
  await row.getByTestId('campaign-results').click();
  await page.getByTestId('census-figures').waitFor();
  check((await page.getByTestId('figure-observed').textContent()).includes('6'), 'six observed in the results');
  check((await page.getByTestId('figure-minors').textContent()).includes('1'), 'one minor');
  await shots.take(page, 'census-results');
  await signOut(page);
}

async function protection(page, printed) {
  await signInAs(page, printed.base, printed.account('protection officer'), printed.password);
  await page.getByTestId('workspace-/protection').click();
  await page.locator('[data-testid="case-4"]').waitFor();
  const rows = page.locator('[data-testid^="case-"]');
  const text = await page.locator('main').textContent();
  check(text.includes(fr['age_band.15_17']) && text.includes(fr['indicator.female_minor']), `the girl of 15: ${text}`);
  check(text.includes(fr['indicator.recruiter_pattern']), 'the recruiter pattern');
  for (const name of ['Kadiatou', 'Blessing', 'Okafor', 'Camara']) check(!text.includes(name), `no name in the queue (${name})`);
  checkEqual(await page.locator('[data-testid="case-1"], [data-testid="case-2"], [data-testid="case-3"], [data-testid="case-4"]').count(), 4,
    `four flags (${await rows.count()} rows)`);
  await shots.take(page, 'protection-queue');
  await signOut(page);
}

async function security(page, printed) {
  await signInAs(page, printed.base, printed.account('administrator'), printed.password);
  await page.getByTestId('workspace-/admin').click();
  await page.getByTestId('nav-/admin/security').click();
  const row = page.locator('[data-testid="event-1"]');
  await row.waitFor();
  checkEqual(await row.getByTestId('event-tag').textContent(), MOUSSA_UID, 'the copied bracelet');
  const text = await row.textContent();
  check(text.includes('Bantako') && text.includes('Sabodala'), `both sites: ${text}`);
  checkEqual(await row.getByTestId('event-distance').textContent(), '70 km', 'the distance between the sites');
  await shots.take(page, 'security-clone');
  await signOut(page);
}

async function audit(page, printed) {
  await signInAs(page, printed.base, printed.account('auditor'), printed.password);
  await page.getByTestId('workspace-/audit').click();
  await page.getByTestId('audit-table').waitFor();
  await waitFor('audit entries', async () => (await page.locator('[data-testid="audit-table"] tbody tr').count()) > 0);
  await shots.take(page, 'audit');
  await signOut(page);
}

/// Each printed kiosk page opens and shows its agents, from the server.
async function kiosks(browser, printed) {
  checkEqual(printed.kiosks.length, 2, 'two kiosk pages printed');
  for (const kiosk of printed.kiosks) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 600 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(kiosk.url);
    const agent = kiosk.name === 'Bantako' ? printed.account('gate agent, Bantako') : printed.account('gate agent, Sabodala');
    await page.getByTestId(`roster-${agent}`).waitFor({ timeout: 30_000 });
    await shots.take(page, `kiosk-${kiosk.name.toLowerCase()}`);
    await context.close();
  }
}

/// Processes still alive that name the state folder on their command line (every process the
/// demo starts does: data directories, sockets, links).
function leftBehind() {
  const left = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(state) && Number(entry) !== process.pid) left.push(`${entry} ${cmdline.replace(/\0/g, ' ').slice(0, 120)}`);
    } catch {
      // gone meanwhile
    }
  }
  return left;
}

async function scenario(chromium) {
  const demo = startDemo();
  try {
    await waitFor('the demo ready', () => {
      if (demo.exited) throw new Failure(`the demo exited (${JSON.stringify(demo.exited)}): ${demo.output()}`);
      return /^prêt \/ ready/m.test(demo.output());
    }, 150_000);
    const text = demo.output();
    const printed = readPrinted(text);
    log(`demo ready; server at ${printed.base}; ${printed.pids.length} processes`);
    checkEqual(printed.pids.length, 7, 'seven processes started');
    check(text.includes('Jours simulés') && text.includes('shifted by libfaketime'), 'the demo says how the days are simulated');

    const browser = await launchChromium(chromium);
    try {
      const { page, problems } = await officialsPage(browser, printed.base);
      await police(page, printed);
      await census(page, printed);
      await protection(page, printed);
      await security(page, printed);
      await audit(page, printed);
      await kiosks(browser, printed);
      check(problems.length === 0, problems.join('\n'));
    } finally {
      await browser.close();
    }

    // Ctrl-C, as a terminal sends it: to the demo's whole process group.
    process.kill(-demo.child.pid, 'SIGINT');
    await waitFor('the demo stopped', () => demo.exited, 30_000);
    checkEqual(demo.exited.code, 0, `the demo's exit status (${demo.output().split('\n').slice(-3).join(' | ')})`);
    const alive = printed.pids.filter(({ pid }) => existsSync(`/proc/${pid}`));
    check(alive.length === 0, `left behind: ${alive.map(({ name, pid }) => `${name} ${pid}`).join(', ')}`);
    const left = leftBehind();
    check(left.length === 0, `processes naming the state folder: ${left.join('; ')}`);
    check(/arrêtés \/ stopped: /.test(demo.output()), 'the demo says what it stopped');
  } finally {
    if (!demo.exited) {
      // A failure before the Ctrl-C: the demo is asked to stop as a person would, then killed with
      // every process it said it started.
      const signal = (pid, name) => {
        try {
          process.kill(-pid, name);
        } catch {
          // gone
        }
      };
      signal(demo.child.pid, 'SIGINT');
      await waitFor('the demo stopped', () => demo.exited, 20_000).catch(() => {
        signal(demo.child.pid, 'SIGKILL');
        for (const [, pid] of demo.output().matchAll(/started \S+ \(pid (\d+)\)/g)) signal(Number(pid), 'SIGKILL');
      });
      await sleep(500);
    }
    for (const name of existsSync(join(state, 'logs')) ? readdirSync(join(state, 'logs')) : []) {
      writeFileSync(join(artefacts, name), readFileSync(join(state, 'logs', name)));
    }
  }
}

await runBrowserTest({ name: 'demo', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
