// Browser end-to-end test of the EMAPE officials' workspace (issue 13): real processes, real
// sockets, real taps, a real browser.
//
//   minegate-pn532-sim   emulated NTAG213 bracelets
//   minegate-bridge      libnfc on the emulator
//   minegate-kiosk       enrolled at Bantako: the gate agent registers a miner and a girl of 15;
//                        then the EMAPE official signs in there and counts them for the census
//   minegate-server      the census results
//   Debian's chromium    the kiosk's page and the officials' pages (playwright-core)
//
// Scenario: the EMAPE official opens a campaign at Bantako on the campaigns page; the kiosk
// receives it; the official, signed in at the kiosk, taps both bracelets in census mode (a second
// tap is counted once); the results page then shows 2 persons observed, 1 minor, the age–sex
// pyramid and the other charts with their tables, the minors list (the girl, marked: no miner's
// card) and the card list (the miner only); the site's population; the page in English. Every
// wait is bounded.
//
// Usage: node census.e2e.mjs --bin BUILD/bin --artefacts DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTestSetup, check, checkEqual, launchChromium, log, officialsPage, runBrowserTest, signInAs, sleep, waitFor } from './officials_harness.mjs';
import { allSent, control, kioskSignIn, mode, oneGateSite, openKioskPage, registerPerson, tapResult } from './kiosk_station.mjs';

const { artefacts, work, procs, shots } = browserTestSetup('census', ['png', 'log', 'csv']);
const TOTAL_BUDGET_MS = 280_000;
const PASSWORD = 'correct horse battery staple';
const PIN = '482916';
const EMAPE_PIN = '739205';
const YEAR = new Date().getFullYear();
const MINER = {
  uid: '04D1E2F3A4B5C6', given: 'Moussa', family: 'Keita', sex: 'SEX_MALE', birthYear: 1990, nationality: 'MLI',
  document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'B7654321', country: 'MLI' }, language: 'bam', companion: null,
};
const GIRL = {
  uid: '04E1F2A3B4C5D6', given: 'Mariama', family: 'Sow', sex: 'SEX_FEMALE', birthYear: YEAR - 16, nationality: 'SEN',
  document: null, language: 'wol', occupation: 'OCCUPATION_FOOD_SERVICE', purpose: 'PURPOSE_JOIN_FAMILY',
  companion: { description: 'Sa tante, commerçante', relation: 'COMPANION_RELATION_OTHER_FAMILY', answeredFor: false },
};


const signIn = (page, base, userId) => signInAs(page, base, userId, PASSWORD);

/// A campaign opened now at Bantako from the campaigns page: its id.
async function openCampaign(page) {
  await page.getByTestId('workspace-/census').click();
  await page.getByTestId('campaigns-intro').waitFor();
  await shots.take(page, 'campaigns-empty');
  await page.getByTestId('campaign-create').click();
  const dialog = page.getByTestId('campaign-dialog');
  await dialog.getByTestId('field-siteId').selectOption('1');
  await dialog.getByTestId('field-opening').selectOption('now');
  await shots.take(page, 'campaign-dialog');
  const campaignId = await dialog.getByTestId('field-campaignId').inputValue();
  check(campaignId.length > 0, 'a campaign id proposed');
  await dialog.getByTestId('dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('flash').waitFor();
  await page.locator(`[data-testid="campaign-${campaignId}"]`).waitFor();
  await shots.take(page, 'campaigns');
  return campaignId;
}

/// The official counts both bracelets at the kiosk (and one twice: counted once).
async function countAtTheKiosk(kiosk, emulator, campaignId) {
  await kiosk.getByTestId('sign-out').click();
  await kioskSignIn(kiosk, 'ousmane', EMAPE_PIN);
  await mode(kiosk, 'KIOSK_MODE_CENSUS');
  const button = kiosk.getByTestId(`campaign-${campaignId}`);
  // The campaign reaches the kiosk over its sync link within seconds.
  await waitFor('the campaign at the kiosk', async () => (await button.count()) > 0 && !(await button.isDisabled()), 60_000);
  await button.click();
  await kiosk.getByTestId('census-campaign').waitFor();
  const counted = async () => (await kiosk.getByTestId('census-count').textContent()).trim();
  // Each tap is waited for by what it changes: the count for a new person (the result card
  // already reads "observed" from the tap before), the result for the one counted twice.
  for (const [uid, until] of [[MINER.uid, '1'], [GIRL.uid, '2'], [MINER.uid, 'TAP_RESULT_CENSUS_ALREADY_OBSERVED']]) {
    await sleep(400);
    await control(emulator, `place ntag213 ${uid}`);
    if (until.startsWith('TAP_RESULT_')) await tapResult(kiosk, until);
    else await waitFor(`${until} counted`, async () => (await counted()) === until);
    await control(emulator, 'remove');
  }
  checkEqual(await counted(), '2', 'the miner counted once');
  await shots.take(kiosk, 'kiosk-census');
  await allSent(kiosk);
}

/// What a download link or button gives: the file's text, kept in the artefacts too.
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = join(artefacts, file.suggestedFilename() || `${testid}.csv`);
  await file.saveAs(path);
  return readFileSync(path, 'utf8');
}

async function results(page, campaignId) {
  const row = page.locator(`[data-testid="campaign-${campaignId}"]`);
  await waitFor('two observed on the campaigns page', async () => {
    await page.getByTestId('campaigns-refresh').click();
    await sleep(500);
    return (await row.getByTestId('campaign-observed').textContent()).includes('2');
  }, 30_000);
  await row.getByTestId('campaign-results').click();
  await page.getByTestId('census-figures').waitFor();
  check((await page.getByTestId('figure-observed').textContent()).includes('2'), 'two observed');
  check((await page.getByTestId('figure-minors').textContent()).includes('1'), 'one minor');
  for (const chart of ['chart-pyramid', 'chart-nationality', 'chart-card-coverage']) {
    checkEqual(await page.getByTestId(chart).locator('svg').count() > 0, true, `${chart} drawn`);
  }
  check((await page.getByTestId('table-sex-total').textContent()).includes('2'), 'the sex table totals 2');
  const nationality = await page.getByTestId('table-nationality').textContent();
  check(nationality.includes('Mali') && nationality.includes('Sénégal'), `nationalities: ${nationality}`);
  await shots.take(page, 'results');
  // The sex table as CSV, as a French spreadsheet reads it: BOM, `;`, French headers.
  const sexCsv = await download(page, 'csv-sex');
  check(sexCsv.startsWith('\uFEFF'), 'the CSV starts with a BOM');
  const sexRows = sexCsv.slice(1).trim().split(/\r?\n/).map((line) => line.split(';'));
  checkEqual(sexRows[0].join(';'), 'code;sexe;personnes', 'French headers');
  const bySex = Object.fromEntries(sexRows.slice(1).map((row) => [row[0], row[2]]));
  checkEqual(`${bySex.female},${bySex.male},${bySex.unspecified}`, '1,1,0', `one woman and one man: ${sexCsv}`);
  // The lists are person-level reads: loaded on demand.
  await page.getByTestId('census-minors-show').click();
  await page.getByTestId('census-minors-table').waitFor();
  const minors = await page.getByTestId('census-minors-table').textContent();
  check(minors.includes('Mariama') && !minors.includes('Moussa'), `the minors list: ${minors}`);
  checkEqual(await page.getByTestId('minor-note').count(), 1, 'the girl marked: no miner\'s card');
  const minorsCsv = await download(page, 'census-minors-csv');
  check(minorsCsv.includes('Mariama') && !minorsCsv.includes('Moussa'), `the minors CSV: ${minorsCsv}`);
  await page.getByTestId('census-candidates-show').click();
  await page.getByTestId('census-candidates-table').waitFor();
  const candidates = await page.getByTestId('census-candidates-table').textContent();
  check(candidates.includes('Moussa') && !candidates.includes('Mariama'), `the card list: ${candidates}`);
  // Census data only: none of the protection questions or flags.
  const whole = await page.locator('main').textContent();
  for (const absent of ['tante', 'signal', 'Signal', 'dette', 'urgent']) check(!whole.includes(absent), `no protection data (${absent})`);
  await shots.take(page, 'results-lists');
}

async function populations(page) {
  await page.getByTestId('nav-/census/populations').click();
  await page.getByTestId('table-populations').waitFor();
  check((await page.getByTestId('table-populations').textContent()).includes('Bantako'), 'Bantako\'s population');
  await shots.take(page, 'populations');
}

async function inEnglish(page) {
  await page.getByTestId('language-toggle').click();
  await waitFor('English page', async () => (await page.locator('html').getAttribute('lang')) === 'en');
  await page.getByTestId('table-populations').waitFor();
  await shots.take(page, 'populations-english');
  await page.getByTestId('nav-/census').click();
  await page.getByTestId('campaigns-table').waitFor();
  await page.getByTestId('campaign-results').first().click();
  await page.getByTestId('census-figures').waitFor();
  await shots.take(page, 'results-english');
  await page.getByTestId('language-toggle').click();
}

async function scenario(chromium) {
  const { server, emulator, kioskUrl } = await oneGateSite(procs, work, {
    password: PASSWORD,
    users: [
      { id: 'agent1', name: 'Awa Diallo', role: 'gate_agent', pin: PIN, sites: '1' },
      { id: 'ousmane', name: 'Ousmane Ba', role: 'emape_official', pin: EMAPE_PIN, sites: '1' },
    ],
  });
  log(`server at ${server.base}`);
  const browser = await launchChromium(chromium);
  try {
    const { page: kiosk, errors: kioskErrors } = await openKioskPage(browser, kioskUrl, 'agent1', PIN);
    await registerPerson(kiosk, emulator, MINER.uid, MINER);
    await registerPerson(kiosk, emulator, GIRL.uid, GIRL);
    await allSent(kiosk);

    const { page, problems, refusals } = await officialsPage(browser, server.base);
    await signIn(page, server.base, 'ousmane');
    await shots.take(page, 'emape-home');
    const campaignId = await openCampaign(page);
    await countAtTheKiosk(kiosk, emulator, campaignId);
    await results(page, campaignId);
    await populations(page);
    await inEnglish(page);
    check(problems.length === 0, problems.join('\n'));
    check(kioskErrors.length === 0, `kiosk page errors: ${kioskErrors.join('; ')}`);
    const unexpected = refusals.filter((r) => r !== '401 GET /v1/session');
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
  } finally {
    await browser.close();
  }
}

await runBrowserTest({ name: 'census', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
