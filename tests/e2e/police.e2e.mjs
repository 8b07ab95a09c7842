// Browser end-to-end test of the border police workspace (issue 13): real processes, real
// sockets, real taps, a real browser.
//
//   minegate-pn532-sim   one emulated NTAG213 bracelet
//   minegate-bridge      libnfc on the emulator
//   minegate-kiosk       enrolled at Bantako; its agent registers Aïssatou N'Diaye and lets her
//                        in at the gate
//   minegate-server      the registry the police search
//   Debian's chromium    the kiosk's page and the officials' pages (playwright-core)
//
// Scenario: a border police officer signs in; nothing is searched before a reason and a case
// reference are given; a search by name with the accents and the apostrophe left out and the
// words swapped ("ndiaye aissatou") finds her; by bracelet UID and by site too; her history
// shows her registration and her entry at Bantako's gate; printed (chromium's PDF, read back by
// pdftotext) it is one clean page headed with the officer's name, the reason and the case
// reference, and none of the registration's protection answers. The auditor's log has the
// searches with their terms. The page in English. Every wait is bounded.
//
// Usage: node police.e2e.mjs --bin BUILD/bin --artefacts DIR
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTestSetup, check, checkEqual, launchChromium, log, officialsPage, runBrowserTest, signInAs, waitFor } from './officials_harness.mjs';
import { allSent, gateTap, oneGateSite, openKioskPage, registerPerson } from './kiosk_station.mjs';

const { root, artefacts, work, procs, shots } = browserTestSetup('police', ['png', 'log', 'pdf', 'txt', 'csv']);
const TOTAL_BUDGET_MS = 280_000;
const PASSWORD = 'correct horse battery staple';
const PIN = '482916';
const UID = '04C1D2E3F4A5B6';
const REASON = "Contrôle d'identité au poste de Moussala";
const CASE_REFERENCE = 'PV-2026/0042';
const HER = {
  given: 'Aïssatou', family: "N'Diaye", sex: 'SEX_FEMALE', birthYear: 1994, nationality: 'SEN',
  document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'A1234567', country: 'SEN' }, language: 'wol',
  occupation: 'OCCUPATION_TRADER', purpose: 'PURPOSE_OWN_TRADE', travelPaid: 'ANSWER_YES', debt: 'ANSWER_YES',
  companion: null,
};

const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/en.json'), 'utf8'));


const signIn = (page, base, userId) => signInAs(page, base, userId, PASSWORD);

/// The reason and the case reference, before anything is searched.
async function startInquiry(page, requests) {
  await page.getByTestId('workspace-/police').click();
  await page.getByTestId('police-reason-step').waitFor();
  checkEqual(requests.filter((r) => r.includes('/v1/police/')).length, 0, 'nothing searched before the reason');
  await shots.take(page, 'police-reason');
  await page.getByTestId('reason-submit').click();  // empty: refused in the page
  await page.getByTestId('error').waitFor();
  await page.getByTestId('field-reason').fill(REASON);
  await page.getByTestId('field-caseReference').fill(CASE_REFERENCE);
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('police-search-form').waitFor();
  check((await page.getByTestId('police-inquiry').textContent()).includes(CASE_REFERENCE), 'the case reference shown');
}

async function search(page, kind, fill) {
  await page.locator(`label[for="police-by-${kind}"]`).click();
  await fill();
  await page.getByTestId('police-search-submit').click();
  await page.getByTestId('police-results-table').waitFor();
}

async function searches(page) {
  await search(page, 'name', () => page.getByTestId('field-name').fill('ndiaye aissatou'));
  const names = await page.getByTestId('police-result-name').allTextContents();
  checkEqual(names.length, 1, 'one person found by name');
  check(names[0].includes('Aïssatou') && names[0].includes("N'Diaye"), `her name as registered: ${names[0]}`);
  await shots.take(page, 'police-search-name');
  await search(page, 'uid', () => page.getByTestId('field-uid').fill(UID.toLowerCase()));
  checkEqual((await page.getByTestId('police-result-name').allTextContents()).length, 1, 'found by her bracelet');
  await search(page, 'site', async () => {
    await page.getByTestId('field-site').selectOption({ label: 'Bantako' });
  });
  checkEqual((await page.getByTestId('police-result-name').allTextContents()).length, 1, 'found at Bantako');
  await shots.take(page, 'police-search-site');
  // The result as CSV: fetched with the reason and case reference, saved as a download.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('police-results-csv').click()]);
  const csvPath = join(artefacts, file.suggestedFilename() || 'personnes.csv');
  await file.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  check(csv.startsWith('\uFEFF') && csv.includes('Aïssatou') && csv.includes(';'), `the results CSV: ${csv}`);
}

async function history(page) {
  await page.getByTestId('police-open-history').first().click();
  await page.getByTestId('police-timeline-table').waitFor();
  const text = await page.getByTestId('police-person').textContent();
  check(text.includes('Bantako') && text.includes('Porte nord'), 'her entry at Bantako\'s gate');
  check((await page.getByTestId('police-printed-by').textContent()).includes('Moussa Ndiaye'), 'who reads it');
  await shots.take(page, 'police-history');
  // The printed page: chromium's PDF, read back as text.
  await page.emulateMedia({ media: 'print' });
  await shots.take(page, 'police-history-print');
  const pdf = await page.pdf({ format: 'A4' });
  const pdfPath = join(artefacts, 'historique.pdf');
  writeFileSync(pdfPath, pdf);
  await page.emulateMedia({ media: 'screen' });
  const layout = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  writeFileSync(join(artefacts, 'historique.txt'), layout);
  // Words of a long value wrap inside its column: compared with the spaces collapsed.
  const printed = layout.replace(/\s+/g, ' ');
  for (const words of ['Aïssatou', "N'Diaye", 'Moussa Ndiaye', CASE_REFERENCE, REASON, 'Bantako', 'Porte nord', 'A1234567']) {
    check(printed.includes(words), `the printed history says ${words}`);
  }
  for (const absent of [fr['police.print'], fr['action.sign_out']]) {
    check(!printed.includes(absent), `the printed page has no ${absent}`);
  }
  // Her answers to the protection questions (debt, travel paid) are not police data.
  for (const absent of ['dette', 'Dette', 'voyage payé', 'Voyage payé', 'signal', 'Signal']) {
    check(!printed.includes(absent) && !text.includes(absent), `no protection data (${absent})`);
  }
}

async function inEnglish(page) {
  await page.getByTestId('language-toggle').click();
  await waitFor('English page', async () => (await page.locator('html').getAttribute('lang')) === 'en');
  await page.getByTestId('police-timeline-table').waitFor();
  await shots.take(page, 'police-history-english');
  await page.getByTestId('language-toggle').click();
}

/// The auditor finds the searches, with their terms, reason and case reference.
async function audited(page, base) {
  await signIn(page, base, 'fatou');
  const entries = await page.evaluate(async () => {
    const response = await fetch('/v1/audit/entries?action=GET%20%2Fv1%2Fpolice%2Fpersons&limit=50', { headers: { Accept: 'application/json' } });
    return response.json();
  });
  const list = entries.entries ?? [];
  check(list.length >= 3, `the three searches in the audit log (${list.length})`);
  const byName = list.find((e) => (e.query ?? '').includes('ndiaye aissatou'));
  check(byName, 'the name search with its terms');
  checkEqual(byName.reason, REASON, 'its reason');
  checkEqual(byName.caseReference, CASE_REFERENCE, 'its case reference');
}

async function scenario(chromium) {
  const { server, emulator, kioskUrl } = await oneGateSite(procs, work, {
    password: PASSWORD,
    users: [
      { id: 'agent1', name: 'Awa Diallo', role: 'gate_agent', pin: PIN, sites: '1' },
      { id: 'moussa', name: 'Moussa Ndiaye', role: 'border_police' },
      { id: 'fatou', name: 'Fatou Sarr', role: 'auditor' },
    ],
    // A second site, without a gate: the search by site has Bantako to pick among others.
    sites: [{ name: 'Sabodala', department: 'saraya' }],
  });
  log(`server at ${server.base}`);
  const browser = await launchChromium(chromium);
  try {
    const { page: kiosk, errors: kioskErrors } = await openKioskPage(browser, kioskUrl, 'agent1', PIN);
    await registerPerson(kiosk, emulator, UID, HER);
    await gateTap(kiosk, emulator, UID, 'TAP_RESULT_ACCEPTED');
    await allSent(kiosk);

    const { page, problems, refusals } = await officialsPage(browser, server.base);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await signIn(page, server.base, 'moussa');
    await shots.take(page, 'police-home');
    await startInquiry(page, requests);
    await searches(page);
    await history(page);
    await inEnglish(page);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('field-userId').waitFor();
    await audited(page, server.base);
    check(problems.length === 0, problems.join('\n'));
    check(kioskErrors.length === 0, `kiosk page errors: ${kioskErrors.join('; ')}`);
    const unexpected = refusals.filter((r) => r !== '401 GET /v1/session');
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
  } finally {
    await browser.close();
  }
}

await runBrowserTest({ name: 'police', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
