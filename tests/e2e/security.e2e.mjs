// Browser end-to-end test of the suspected clones (issue 12, item 6): real processes, real
// sockets, real taps, a real browser.
//
//   minegate-pn532-sim   one emulated NTAG213 bracelet, carried from one site's reader to the
//                        other's: its memory stays in the emulator, as a copied tag carries the
//                        same UID and the same signed payload
//   minegate-bridge      libnfc on the emulator, for the kiosk at Bantako, then for Sabodala's
//   minegate-kiosk  x2   one enrolled at Bantako (site 1), one at Sabodala (site 2)
//   minegate-server      sites, gates, the agent and the enrolment codes made with minegatectl
//   Debian's chromium    the administrator's pages and both kiosks' pages (playwright-core)
//
// Scenario: the administrator signs in and locates both sites on the sites page (300 km apart,
// one due north of the other); at Bantako the agent registers a person and issues the bracelet,
// then it is accepted at the gate; carried to Sabodala's reader moments later, it is accepted
// there too. The administrator's security page shows the event (UID, the two sites and times,
// 300 km, the speed it would take), the revocation is confirmed, the event shows revoked, and
// Sabodala's kiosk, which received the revoked-bracelet list, refuses the bracelet. The page in
// English too. A screenshot of each step goes to the artefacts directory. Every wait is
// bounded; every process is killed at the end.
//
// Usage: node security.e2e.mjs --bin BUILD/bin --artefacts DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Failure, browserTestSetup, check, checkEqual, launchChromium, log, officialsPage, runBrowserTest, signInAs, sleep, waitFor } from './officials_harness.mjs';
import {
  allSent, control, gateTap, mode, openKioskPage, registerPerson, serverWith, startBridge, startEmulator, startKiosk, tapResult,
} from './kiosk_station.mjs';

const { root, artefacts, work, procs, shots } = browserTestSetup('security', ['png', 'log']);
const TOTAL_BUDGET_MS = 280_000;
const PASSWORD = 'correct horse battery staple';
const PIN = '482916';
const UID = '04A1B2C3D4E5F6';
// The person registered at Bantako: the security page must show none of this.
const MOUSSA = {
  given: 'Moussa', family: 'Keita', sex: 'SEX_MALE', birthYear: 1990, nationality: 'MLI',
  document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'B7654321', country: 'MLI' }, language: 'bam', companion: null,
};
// Bantako at Kédougou; Sabodala 300 km due north (300 / 111.19508 km per degree of latitude).
const SITES = [
  { id: '1', name: 'Bantako', department: 'kedougou', gate: 'Porte nord', latitude: '12,5556', longitude: '-12.1743' },
  { id: '2', name: 'Sabodala', department: 'saraya', gate: 'Porte sud', latitude: '15.253552', longitude: '-12.1743' },
];

const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/en.json'), 'utf8'));
const kioskFr = JSON.parse(readFileSync(join(root, 'kiosk/ui/static/i18n/fr.json'), 'utf8'));


// ------------------------------------------------------------------ the kiosks' pages

/// The bracelet tapped again and again (bounded) until the kiosk refuses it: the revoked list
/// reaches a connected kiosk within the server's list watcher's period, a second or two. The
/// refusal's words.
async function refusedAtTheGate(page, ctl) {
  await mode(page, 'KIOSK_MODE_GATE');
  for (let attempt = 0; attempt < 8; attempt++) {
    await sleep(500);
    await control(ctl, `place ntag213 ${UID}`);
    const card = await tapResult(page, 'TAP_RESULT_REFUSED', 5000).catch(() => null);
    if (card) {
      const verification = await card.getByTestId('tap-verification').textContent();
      await shots.take(page, 'kiosk-sabodala-refused');
      await control(ctl, 'remove');
      return verification;
    }
    await control(ctl, 'remove');
  }
  throw new Failure('the revoked bracelet was never refused at Sabodala');
}

// ------------------------------------------------------------------ the administrator's pages

const signIn = (page, base) => signInAs(page, base, 'chef', PASSWORD);

/// Both sites located on the sites page, one typed with a decimal comma, one refused first.
async function locateSites(page) {
  await page.getByTestId('workspace-/admin').click();
  await page.getByTestId('nav-/admin/sites').click();
  await page.getByTestId('sites-table').waitFor();
  for (const site of SITES) {
    const row = page.locator(`[data-testid="site-${site.id}"]`);
    checkEqual(await row.getByTestId('site-location').textContent(), fr['sites.not_located'], `${site.name} not located yet`);
  }
  await shots.take(page, 'sites-not-located');
  for (const site of SITES) {
    const row = page.locator(`[data-testid="site-${site.id}"]`);
    await row.getByTestId('site-locate').click();
    const dialog = page.getByTestId('site-locate-dialog');
    if (site.id === '2') {
      // Out of range: the server refuses it, the dialog says so and marks the field.
      await dialog.getByTestId('field-latitude').fill('95');
      await dialog.getByTestId('field-longitude').fill(site.longitude);
      await dialog.getByTestId('dialog-submit').click();
      await dialog.getByTestId('error').waitFor();
      checkEqual(await dialog.getByTestId('field-latitude').getAttribute('aria-invalid'), 'true', 'latitude marked');
      await shots.take(page, 'site-locate-refused');
    }
    await dialog.getByTestId('field-latitude').fill(site.latitude);
    await dialog.getByTestId('field-longitude').fill(site.longitude);
    if (site.id === '1') await shots.take(page, 'site-locate');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    checkEqual(await page.getByTestId('flash').textContent(), fr['sites.located_ok'].replace('{name}', site.name), 'located message');
    await waitFor(`${site.name} located`, async () =>
      (await row.getByTestId('site-location').textContent()) === `${site.latitude.replace(',', '.')}, ${site.longitude}`);
  }
  await shots.take(page, 'sites-located');
}

/// The security page: the event drawn with what an administrator needs, and no person data.
async function seeTheEvent(page) {
  // The page is open already (empty): it is drawn again in a new <main> (layout.js), and until
  // then the one before, with its speed, is still there. It is marked, and only the new one read.
  await page.locator('main').evaluate((main) => { main.dataset.stale = 'yes'; });
  await page.getByTestId('nav-/admin/security').click();
  const fresh = page.locator('main:not([data-stale])');
  await fresh.getByTestId('security-intro').waitFor();
  // The speed in force comes with the first page of events: the intro is drawn before it.
  const speed = fresh.getByTestId('security-speed');
  await waitFor('the speed in force', async () => (await speed.textContent()) !== '');
  checkEqual(await speed.textContent(), fr['security.speed'].replace('{speed}', '60'), 'speed shown');
  const row = page.locator('[data-testid="event-1"]');
  // The taps reach the server as the kiosks sync: the page is refreshed until the event is there.
  await waitFor('the suspected clone on the security page', async () => {
    if ((await row.count()) > 0) return true;
    await page.getByTestId('security-refresh').click();
    await sleep(1000);
    return false;
  }, 60_000);
  const text = await row.textContent();
  checkEqual(await row.getByTestId('event-tag').textContent(), UID, 'the bracelet\'s UID');
  check(text.includes('Bantako') && text.includes('Porte nord') && text.includes('Sabodala') && text.includes('Porte sud'),
    `both sites and gates shown: ${text}`);
  checkEqual(await row.getByTestId('event-distance').textContent(), '300 km', 'distance');
  checkEqual(await row.getByTestId('event-status').textContent(), fr['security.status_open'], 'open');
  check(/km\/h|même moment/.test(await row.getByTestId('event-speed').textContent()), 'the speed it would take');
  for (const personal of [MOUSSA.given, MOUSSA.family, MOUSSA.document.number]) check(!text.includes(personal), `no person data on the page (${personal})`);
  checkEqual(await page.getByTestId('security-open-count').textContent(), fr['security.open_count'].replace('{count}', '1'), 'one waiting');
  await shots.take(page, 'security-event');
  return row;
}

async function revoke(page, row) {
  // Cancelled first: nothing changes.
  await row.getByTestId('event-revoke').click();
  await page.getByTestId('confirm-dialog').waitFor();
  checkEqual(await page.getByTestId('confirm-dialog').locator('h2').textContent(), fr['security.revoke_title'].replace('{uid}', UID), 'confirmation title');
  await shots.take(page, 'security-revoke-confirm');
  await page.getByTestId('confirm-cancel').click();
  checkEqual(await row.getByTestId('event-status').textContent(), fr['security.status_open'], 'still open after a cancel');
  await row.getByTestId('event-revoke').click();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('flash').waitFor();
  check((await page.getByTestId('flash').textContent()).startsWith(fr['security.revoked_ok'].split('{uid}')[0]), 'revoked message');
  // The page shows the open events: none left; all of them: this one, revoked by chef.
  await page.getByTestId('security-none').waitFor();
  await shots.take(page, 'security-revoked-none-open');
  await page.getByTestId('security-status').selectOption('all');
  await waitFor('the revoked event listed', async () =>
    (await row.count()) > 0 && (await row.getByTestId('event-status').textContent()) === fr['security.status_revoked']);
  check((await row.textContent()).includes('chef'), 'who revoked it');
  checkEqual(await row.getByTestId('event-revoke').count(), 0, 'no action on a decided event');
  await shots.take(page, 'security-revoked');
}

/// The plausible speed changed in its dialog (the field itself keeps it within 1..1000).
async function changeSpeed(page) {
  await page.getByTestId('security-speed-change').click();
  const dialog = page.getByTestId('speed-dialog');
  checkEqual(await dialog.getByTestId('field-maxSpeedKmh').inputValue(), '60', 'the speed in force offered');
  await dialog.getByTestId('field-maxSpeedKmh').fill('80');
  await shots.take(page, 'security-speed');
  await dialog.getByTestId('dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  checkEqual(await page.getByTestId('security-speed').textContent(), fr['security.speed'].replace('{speed}', '80'), 'new speed shown');
}

async function inEnglish(page) {
  await page.getByTestId('language-toggle').click();
  await waitFor('English page', async () => (await page.locator('html').getAttribute('lang')) === 'en');
  await page.getByTestId('security-status').selectOption('all');
  const row = page.locator('[data-testid="event-1"]');
  await waitFor('the event in English', async () => (await row.count()) > 0 && (await row.getByTestId('event-status').textContent()) === en['security.status_revoked']);
  checkEqual(await page.getByTestId('nav-/admin/security').textContent(), en['nav./admin/security'], 'English section name');
  await shots.take(page, 'security-english');
  await page.getByTestId('nav-/admin/sites').click();
  await page.getByTestId('sites-table').waitFor();
  await shots.take(page, 'sites-english');
  await page.getByTestId('language-toggle').click();
}

// ------------------------------------------------------------------ the scenario

async function scenario(chromium) {
  const { link, control: emulator } = await startEmulator(procs, work);

  const server = await serverWith(procs, work, {
    password: PASSWORD,
    sites: SITES,
    users: [{ id: 'agent1', name: 'Awa Diallo', role: 'gate_agent', pin: PIN, sites: '1,2' }],
  });
  log(`server at ${server.base}`);
  const sockets = [join(work, 'bridge-bantako.sock'), join(work, 'bridge-sabodala.sock')];
  const bantakoUrl = await startKiosk(procs, work, 'kiosk-bantako', server.codes[0], server, sockets[0]);
  const sabodalaUrl = await startKiosk(procs, work, 'kiosk-sabodala', server.codes[1], server, sockets[1]);
  const bantakoBridge = await startBridge(procs, 'bridge-bantako', link, sockets[0]);

  const browser = await launchChromium(chromium);
  try {
    const { page: admin, problems, refusals } = await officialsPage(browser, server.base);

    // The administrator locates the two sites: the server can now judge taps between them.
    await signIn(admin, server.base);
    await locateSites(admin);
    await admin.getByTestId('nav-/admin/security').click();
    await admin.getByTestId('security-none').waitFor();
    await shots.take(admin, 'security-empty');

    // Bantako: the person registered and her bracelet issued, then accepted at the gate.
    const { page: bantako, errors: bantakoErrors } = await openKioskPage(browser, bantakoUrl, 'agent1', PIN);
    await registerPerson(bantako, emulator, UID, MOUSSA);
    await shots.take(bantako, 'kiosk-bantako-registered');
    await sleep(500);
    await gateTap(bantako, emulator, UID, 'TAP_RESULT_ACCEPTED');
    await shots.take(bantako, 'kiosk-bantako-accepted');
    await allSent(bantako);

    // The same tag on Sabodala's reader, 300 km away, moments later: accepted there too.
    await procs.stop(bantakoBridge);
    await startBridge(procs, 'bridge-sabodala', link, sockets[1]);
    const { page: sabodala, errors: sabodalaErrors } = await openKioskPage(browser, sabodalaUrl, 'agent1', PIN);
    await gateTap(sabodala, emulator, UID, 'TAP_RESULT_ACCEPTED');
    await shots.take(sabodala, 'kiosk-sabodala-accepted');
    await allSent(sabodala);

    // The administrator sees it, and revokes the bracelet.
    const row = await seeTheEvent(admin);
    await revoke(admin, row);

    // The revoked-bracelet list reaches Sabodala's kiosk within seconds: refused there now.
    checkEqual(await refusedAtTheGate(sabodala, emulator), kioskFr.VERIFICATION_BRACELET_REVOKED, 'refused as revoked');

    await changeSpeed(admin);
    await inEnglish(admin);
    check(problems.length === 0, problems.join('\n'));
    // The refusals the browser saw: the session check on the sign-in page, the latitude out of
    // range; nothing else.
    const expected = new Set(['401 GET /v1/session', '400 PUT /v1/sites/2/location']);
    const unexpected = refusals.filter((r) => !expected.has(r));
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
    for (const refusal of expected) check(refusals.includes(refusal), `expected refusal missing: ${refusal}`);
    check(bantakoErrors.length === 0, `Bantako's kiosk page errors: ${bantakoErrors.join('; ')}`);
    check(sabodalaErrors.length === 0, `Sabodala's kiosk page errors: ${sabodalaErrors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

await runBrowserTest({ name: 'security', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
