// Browser end-to-end test of the protection officers' workspace (issue 12): real processes, real
// sockets, a real tap, a real browser.
//
//   minegate-pn532-sim   one emulated NTAG213 bracelet
//   minegate-bridge      libnfc on the emulator
//   minegate-kiosk       enrolled at Bantako; its agent registers a girl of 15 brought by an
//                        "employer" who answered for her
//   minegate-server      the risk monitor flags her as the registration is stored
//   Debian's chromium    the kiosk's page and the officials' pages (playwright-core)
//
// Scenario: the protection officer's queue is empty; a registration is made at the kiosk (which
// shows nothing of a flag); the queue then shows her case — a pseudonym, an age band and the
// signs, no name. The officer opens the case with a reason (the reason step warns not to write
// signs in it), sees her name, age, languages, the signs in words and her companion, takes the
// case on, adds two care services (one that does not receive minors: it cannot be chosen for
// her), refers her, prints the referral sheet (one A4 page, checked in the PDF chromium makes),
// records the acknowledgement and the outcome; the history says each step. The administrator
// uploads a broken rule set (refused, every error at its line) and then a good one (active).
// An EMAPE official and a border police officer see no trace of it: no workspace, the
// protection pages refused, the protection API refused, her name nowhere. Every page also in
// English. Screenshots of each step go to the artefacts directory; every wait is bounded.
//
// Usage: node protection.e2e.mjs --bin BUILD/bin --artefacts DIR
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTestSetup, check, checkEqual, launchChromium, log, officialsPage, runBrowserTest, signInAs, sleep, waitFor } from './officials_harness.mjs';
import { allSent, oneGateSite, openKioskPage, registerPerson } from './kiosk_station.mjs';

const { root, artefacts, work, procs, shots } = browserTestSetup('protection', ['png', 'log', 'pdf']);
const TOTAL_BUDGET_MS = 280_000;
const PASSWORD = 'correct horse battery staple';
const PIN = '482916';
const UID = '04A1B2C3D4E5F6';
const HER = { given: 'Kadiatou', family: 'Camara', birthYear: String(new Date().getFullYear() - 16) };  // 15 today at the youngest
const REASON = 'Évaluation du signalement';

const fr = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'server/web/assets/i18n/en.json'), 'utf8'));
const builtInRules = readFileSync(join(root, 'server/risk/default_rules.textproto'), 'utf8');


// ------------------------------------------------------------------ the kiosk

/// A girl of 15 registered by the gate agent, brought by a man who says he is her employer and
/// answered for her; her bracelet written on the emulated tag.
const registerHer = (page, emulator) => registerPerson(page, emulator, UID, {
  given: HER.given, family: HER.family, sex: 'SEX_FEMALE', birthYear: HER.birthYear, nationality: 'MLI',
  document: null, language: 'bam', occupation: 'OCCUPATION_TRADER', purpose: 'PURPOSE_OWN_TRADE',
  travelPaid: 'ANSWER_YES', debt: 'ANSWER_NO',
  companion: { description: 'Homme, la quarantaine, moto rouge', relation: 'COMPANION_RELATION_EMPLOYER', answeredFor: true },
}, (kiosk) => shots.take(kiosk, 'kiosk-companion'));

// ------------------------------------------------------------------ the officials' pages

const signIn = (page, base, userId) => signInAs(page, base, userId, PASSWORD);

async function signOut(page) {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('field-userId').waitFor();
}

/// The queue shows her case once the kiosk's batch is stored: refreshed until it does (bounded).
async function seeHerInTheQueue(page) {
  await page.getByTestId('nav-/protection').click();
  const row = page.locator('[data-testid="case-1"]');
  await waitFor('her case in the queue', async () => {
    if ((await row.count()) > 0) return true;
    await page.getByTestId('queue-refresh').click();
    await sleep(700);
    return false;
  }, 60_000);
  const text = await row.textContent();
  checkEqual(await row.getByTestId('queue-open').textContent(), 'P-0001', 'the pseudonym');
  checkEqual(await row.getByTestId('queue-priority').textContent(), fr['priority.urgent'], 'urgent');
  checkEqual(await row.getByTestId('queue-status').textContent(), fr['case_status.new'], 'new');
  check(text.includes(fr['age_band.15_17']) && text.includes(fr['sex.female']), `sex and age band: ${text}`);
  check(text.includes(fr['indicator.female_minor']) && text.includes(fr['indicator.companion_not_family']), `signs in words: ${text}`);
  check(text.includes('Bantako'), 'where she was last seen');
  const whole = await page.locator('main').textContent();
  for (const name of [HER.given, HER.family]) check(!whole.includes(name), `no name in the queue (${name})`);
  await shots.take(page, 'queue');
  return row;
}

async function openTheCase(page, row) {
  await row.getByTestId('queue-open').click();
  await page.getByTestId('reason-step').waitFor();
  checkEqual(await page.getByTestId('reason-warning').textContent(), fr['reason.warning'], 'the warning about what not to write');
  const before = await page.locator('main').textContent();
  check(!before.includes(HER.given), 'nothing of her before the reason');
  // No reason: refused in the page, nothing read.
  await page.getByTestId('reason-submit').click();
  await shots.take(page, 'case-reason');
  await page.getByTestId('reason-suggestion-0').click();
  checkEqual(await page.getByTestId('field-reason').inputValue(), REASON, 'a suggestion fills the reason');
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('case-head').waitFor();
  checkEqual(await page.getByTestId('case-names').textContent(), `${HER.given} ${HER.family}`, 'her name on the case page');
  check((await page.getByTestId('case-age').textContent()).startsWith(fr['case.age_years'].replace('{years}', '15')), 'her age');
  checkEqual(await page.getByTestId('case-languages').textContent(), 'bambara', 'the language to bring an interpreter for');
  const signs = await page.getByTestId('case-signs').textContent();
  check(signs.includes('15') && /employeur/i.test(signs), `the signs in words with their values: ${signs}`);
  const companions = await page.getByTestId('case-companions').textContent();
  check(companions.includes('moto rouge') && companions.includes(fr['relation.employer']), `her companion: ${companions}`);
  await shots.take(page, 'case');
  await shots.take(page, 'case-full');
}

async function takeItOn(page) {
  await page.getByTestId('case-open').click();
  await waitFor('case open', async () => (await page.getByTestId('case-status').textContent()) === fr['case_status.open']);
  checkEqual(await page.getByTestId('flash').textContent(), fr['case.opened_ok'], 'taken on');
}

/// Two services in the directory: one that receives minors, one that does not.
async function addServices(page) {
  await page.getByTestId('nav-/protection/services').click();
  await page.getByTestId('services-intro').waitFor();
  await shots.take(page, 'services-empty');
  const add = async (service) => {
    await page.getByTestId('service-create').click();
    const dialog = page.getByTestId('service-dialog');
    await dialog.getByTestId('field-name').fill(service.name);
    await dialog.getByTestId('field-kind').selectOption(service.kind);
    await dialog.getByTestId('field-place').fill(service.place);
    await dialog.getByTestId('field-contact').fill(service.contact);
    if (service.minors) await dialog.getByTestId('field-acceptsMinors').check();
    if (service.name.startsWith('Centre')) await shots.take(page, 'service-dialog');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
  };
  await add({ name: "Centre d'accueil de Kédougou", kind: 'reception_centre', place: 'Kédougou', contact: '+221 33 985 00 00', minors: true });
  await add({ name: 'Aide juridique (adultes)', kind: 'legal_aid', place: 'Kédougou', contact: '+221 33 985 11 11', minors: false });
  await waitFor('two services listed', async () => (await page.getByTestId('service-name').count()) === 2);
  await shots.take(page, 'services');
}

async function referHer(page) {
  await page.getByTestId('case-refer').click();
  const dialog = page.getByTestId('refer-dialog');
  await dialog.waitFor();
  const options = dialog.locator('[data-testid="field-serviceId"] option');
  checkEqual(await options.count(), 2, 'both services offered');
  const refused = dialog.locator('[data-testid="field-serviceId"] option[disabled]');
  checkEqual(await refused.count(), 1, 'one service cannot receive her');
  check((await refused.textContent()).includes('Aide juridique'), 'the adults-only service is the one refused');
  check((await dialog.getByTestId('field-serviceId').inputValue()) !== '', 'the service that receives minors chosen');
  await shots.take(page, 'refer-dialog');
  await dialog.getByTestId('dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await waitFor('case referred', async () => (await page.getByTestId('case-status').textContent()) === fr['case_status.referred']);
  const row = page.locator('[data-testid="referral-1"]');
  await row.getByTestId('referral-waiting').waitFor();
  await shots.take(page, 'case-referred');
}

/// The printable sheet: the reason step again, the sheet, and one A4 page in print.
async function printTheSheet(page) {
  await page.locator('[data-testid="referral-1"]').getByTestId('referral-sheet').click();
  await page.getByTestId('reason-step').waitFor();
  await page.getByTestId('reason-suggestion-0').click();
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('sheet').waitFor();
  const sheet = await page.getByTestId('sheet').textContent();
  check(sheet.includes(HER.given) && sheet.includes("Centre d'accueil de Kédougou") && sheet.includes('+221 33 985 00 00'), 'the sheet names her and the service');
  check(sheet.includes('Aminata Sow'), 'the referring officer by name');
  for (const absent of ['score', 'Score']) check(!sheet.includes(absent), 'no score on the sheet');
  await shots.take(page, 'sheet');
  await page.emulateMedia({ media: 'print' });
  await shots.take(page, 'sheet-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pdfPath = join(artefacts, 'fiche-orientation.pdf');
  writeFileSync(pdfPath, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  checkEqual(pages, 1, 'the sheet prints on one A4 page');
  // What the service will read on paper (poppler's pdftotext): her, the service, the reasons,
  // and nothing of the page around the sheet.
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const words of [HER.given, HER.family, "Centre d'accueil de Kédougou", '+221 33 985 00 00', 'Mineure', 'Aminata Sow', 'Signature']) {
    check(printed.includes(words), `the printed sheet says ${words}`);
  }
  for (const absent of [fr['sheet.print'], fr['nav./protection/services'], fr['sheet.handle_with_care']]) {
    check(!printed.includes(absent), `the printed sheet has no ${absent}`);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('sheet-back').click();
}

async function acknowledgeAndOutcome(page) {
  // The case page asks its reason again (a new reading of her record).
  await page.getByTestId('reason-step').waitFor();
  await page.getByTestId('field-reason').fill('Suivi de l\'orientation');
  await page.getByTestId('reason-submit').click();
  const row = page.locator('[data-testid="referral-1"]');
  await row.getByTestId('referral-acknowledge').click();
  await page.getByTestId('confirm-ok').click();
  await row.getByTestId('referral-ack').waitFor();
  await row.getByTestId('referral-record-outcome').click();
  const dialog = page.getByTestId('outcome-dialog');
  await dialog.getByTestId('field-outcome').selectOption('accepted');
  await dialog.getByTestId('field-note').fill('Hébergée au centre, famille contactée');
  await shots.take(page, 'outcome-dialog');
  await dialog.getByTestId('dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await row.getByTestId('referral-outcome').waitFor();
  checkEqual(await row.getByTestId('referral-outcome').textContent(), fr['referral_outcome.accepted'], 'outcome shown');
  const history = await page.getByTestId('case-history-table').textContent();
  for (const action of ['flagged', 'opened', 'referred', 'referral_acknowledged', 'referral_outcome']) {
    check(history.includes(fr[`history.${action}`]), `history says ${action}`);
  }
  await shots.take(page, 'case-history');
}

/// A missing-person notice from her family, her names misspelled and transliterated: matched at
/// once against the registry, its case number said (never who), and the match on her case page.
async function enterANotice(page) {
  await page.getByTestId('nav-/protection/notices').click();
  await page.getByTestId('notices-intro').waitFor();
  await page.getByTestId('notice-create').click();
  const dialog = page.getByTestId('notice-dialog');
  await dialog.getByTestId('notice-kind-missing_person').check();
  await dialog.getByTestId('field-givenName').fill('Kadiatu');
  await dialog.getByTestId('field-familyName').fill('Kamara');
  await dialog.getByTestId('field-sex').selectOption('SEX_FEMALE');
  await dialog.getByTestId('field-nationality').fill('MLI');
  await dialog.getByTestId('field-ageBy').selectOption('year');
  await dialog.getByTestId('field-birthYear').fill(HER.birthYear);
  await dialog.getByTestId('field-photoDescription').fill('Tresses, robe bleue');
  await dialog.getByTestId('field-reportingService').fill('Famille, par le consulat du Mali à Tambacounda');
  await shots.take(page, 'notice-dialog');
  await dialog.getByTestId('dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  const raised = await page.getByTestId('notice-raised').textContent();
  check(raised.includes('1'), `the notice says one person matched: ${raised}`);
  check(!raised.includes(HER.given) && !raised.includes(HER.family), 'the notice does not say who');
  const notice = page.locator('[data-testid="notice-1"]');
  check((await notice.getByTestId('notice-matches').textContent()).includes('1'), 'one person concerned');
  await shots.take(page, 'notices');
  // Her case page now lists the match, with whom to call back.
  await page.goto(`${new URL(page.url()).origin}/protection/case?id=1`);
  await page.getByTestId('field-reason').fill('Avis de recherche correspondant');
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('case-notices').waitFor();
  const matches = await page.getByTestId('case-notices').textContent();
  check(matches.includes('consulat du Mali'), `the notice's reporter on the case: ${matches}`);
  check((await page.getByTestId('case-signs').textContent()).includes('avis de recherche'), 'the notice match among the signs');
  await shots.take(page, 'case-notice-match');
}

async function caseInEnglish(page) {
  await page.getByTestId('language-toggle').click();
  await waitFor('English page', async () => (await page.locator('html').getAttribute('lang')) === 'en');
  // A redraw of the view: the reason is asked again, in English.
  await page.getByTestId('reason-step').waitFor();
  checkEqual(await page.getByTestId('reason-warning').textContent(), en['reason.warning'], 'the warning in English');
  await page.getByTestId('field-reason').fill('Following up the referral');
  await page.getByTestId('reason-submit').click();
  await page.getByTestId('case-head').waitFor();
  check((await page.getByTestId('case-signs').textContent()).includes('Minor'), 'the signs in English');
  await shots.take(page, 'case-english');
  await page.getByTestId('nav-/protection').click();
  await page.locator('[data-testid="case-1"]').waitFor();
  await shots.take(page, 'queue-english');
  await page.getByTestId('language-toggle').click();
}

/// The administrator's rule sets: a broken file refused with its lines, then a good one active.
async function uploadRules(page) {
  await page.getByTestId('workspace-/admin').click();
  await page.getByTestId('nav-/admin/rules').click();
  await page.getByTestId('rules-table').waitFor();
  await shots.take(page, 'rules');
  const broken = builtInRules.replace(/version: "[^"]*"/, 'version: "2026-12-08.1"').replace(/points: 3\b/g, 'points: -3');
  await page.getByTestId('rules-text').fill(broken);
  await page.getByTestId('rules-submit').click();
  await page.getByTestId('rules-errors').waitFor();
  const errors = page.getByTestId('rule-error');
  check((await errors.count()) >= 1, 'the errors listed');
  const first = await errors.first().textContent();
  const brokenLine = broken.split('\n').findIndex((line) => line.includes('points: -3')) + 1;
  check(first.includes(String(brokenLine)), `the first error at line ${brokenLine}: ${first}`);
  await errors.nth(1).click();
  checkEqual(await errors.nth(1).getAttribute('class'), 'rule-error current', 'the error clicked is the current one');
  // The editor's own scroll position: a viewport screenshot (a full-page one shifts the gutter).
  await page.getByTestId('rules-editor').screenshot({ path: join(artefacts, 'rules-refused-editor.png') });
  await shots.take(page, 'rules-refused');
  const good = builtInRules.replace(/version: "[^"]*"/, 'version: "2026-12-08.1"');
  await page.getByTestId('rules-text').fill(good);
  await page.getByTestId('rules-submit').click();
  await page.getByTestId('rules-note').waitFor();
  check((await page.getByTestId('rules-note').textContent()).includes('2026-12-08.1'), 'the new version said active');
  await waitFor('the new version active', async () => (await page.getByTestId('rules-table').textContent()).includes('2026-12-08.1'));
  await shots.take(page, 'rules-uploaded');
}

/// An official of another role: no workspace for protection, its pages and API refused, and her
/// name and the flag's words nowhere.
async function seesNoTrace(page, base, userId, role) {
  await signIn(page, base, userId);
  checkEqual(await page.getByTestId('workspace-/protection').count(), 0, `${role}: no protection workspace`);
  await shots.take(page, `${role}-home`);
  await page.goto(`${base}/protection`);
  await page.getByTestId('page-forbidden').waitFor();
  await page.goto(`${base}/protection/case?id=1`);
  await page.getByTestId('page-forbidden').waitFor();
  const text = await page.locator('body').textContent();
  for (const word of [HER.given, HER.family, 'P-0001']) check(!text.includes(word), `${role}: ${word} nowhere`);
  await shots.take(page, `${role}-refused`);
  const answers = await page.evaluate(async () => {
    const out = [];
    for (const path of ['/v1/protection/queue', '/v1/protection/cases/1', '/v1/protection/referrals/1/summary', '/v1/protection/notices']) {
      const response = await fetch(path, { headers: { Accept: 'application/json', 'Minegate-Reason': 'curiosite' } });
      out.push([path, response.status, await response.text()]);
    }
    return out;
  });
  for (const [path, status, body] of answers) {
    checkEqual(status, 403, `${role}: ${path} refused`);
    for (const word of [HER.given, HER.family, 'P-0001', 'female_minor']) check(!body.includes(word), `${role}: ${path} says nothing`);
  }
  await signOut(page);
}

// ------------------------------------------------------------------ the scenario

async function scenario(chromium) {
  const { server, emulator, kioskUrl } = await oneGateSite(procs, work, {
    password: PASSWORD,
    users: [
      { id: 'agent1', name: 'Awa Diallo', role: 'gate_agent', pin: PIN, sites: '1' },
      { id: 'aminata', name: 'Aminata Sow', role: 'protection_officer' },
      { id: 'ousmane', name: 'Ousmane Ba', role: 'emape_official' },
      { id: 'moussa', name: 'Moussa Ndiaye', role: 'border_police' },
    ],
  });
  log(`server at ${server.base}`);

  const browser = await launchChromium(chromium);
  try {
    const { page: officer, problems, refusals } = await officialsPage(browser, server.base);

    // The officer's queue is empty before anything happens at the gate.
    await signIn(officer, server.base, 'aminata');
    check(await officer.getByTestId('workspace-/protection').count() === 1, 'the protection workspace on the home page');
    await shots.take(officer, 'officer-home');
    await officer.getByTestId('workspace-/protection').click();
    await officer.getByTestId('queue-empty').waitFor();

    // The registration at the kiosk: the kiosk says nothing of a flag.
    const { page: kiosk, errors: kioskErrors } = await openKioskPage(browser, kioskUrl, 'agent1', PIN);
    await registerHer(kiosk, emulator);
    await shots.take(kiosk, 'kiosk-registered');
    await allSent(kiosk);
    const kioskText = await kiosk.locator('body').textContent();
    for (const word of ['signal', 'risque', 'P-0001', 'protection']) check(!kioskText.toLowerCase().includes(word.toLowerCase()), `the kiosk says nothing of a flag (${word})`);

    const row = await seeHerInTheQueue(officer);
    await openTheCase(officer, row);
    await takeItOn(officer);
    await addServices(officer);
    await officer.goBack();  // back to the case page: its reason is asked again
    await officer.getByTestId('reason-step').waitFor();
    await officer.getByTestId('field-reason').fill('Orientation vers un service');
    await officer.getByTestId('reason-submit').click();
    await officer.getByTestId('case-head').waitFor();
    await referHer(officer);
    await printTheSheet(officer);
    await acknowledgeAndOutcome(officer);
    await enterANotice(officer);
    await caseInEnglish(officer);
    await signOut(officer);

    // The administrator uploads rules, and reads no case.
    await signIn(officer, server.base, 'chef');
    await uploadRules(officer);
    await signOut(officer);

    // EMAPE and border police: no trace.
    await seesNoTrace(officer, server.base, 'ousmane', 'emape');
    await seesNoTrace(officer, server.base, 'moussa', 'police');

    check(problems.length === 0, problems.join('\n'));
    check(kioskErrors.length === 0, `kiosk page errors: ${kioskErrors.join('; ')}`);
    const expected = new Set([
      '401 GET /v1/session', '400 POST /v1/risk/rule-sets',
      '403 GET /protection', '403 GET /protection/case',
    ]);
    const unexpected = refusals.filter((r) => !expected.has(r) && !r.startsWith('403 GET /v1/protection/'));
    check(unexpected.length === 0, `unexpected refusals: ${unexpected.join(', ')}`);
  } finally {
    await browser.close();
  }
}

await runBrowserTest({ name: 'protection', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
