// Browser end-to-end test of the kiosk's police mode and an EMAPE official's miner's card issue
// (issue 13, items 2 and 4): real processes, real sockets, real taps, the kiosk's own page.
//
//   minegate-pn532-sim   emulated NTAG213 bracelets and a blank DESFire EV1 card
//   minegate-bridge      libnfc on the emulator
//   minegate-kiosk       enrolled at Bantako
//   minegate-server      the registry; stopped near the end (the kiosk offline)
//   Debian's chromium    the kiosk's page (playwright-core)
//
// Scenario: the gate agent registers a miner and a girl of 15. A border police officer signs in
// at the kiosk with a PIN, chooses a reason and a case reference, taps the miner's bracelet: his
// history comes from the server and shows on screen (no protection answer), then the girl's;
// "clear" empties the screen. An EMAPE official signs in: the miner's bracelet then a blank
// DESFire card — the card is written, read back and linked, its number shown; the girl's
// bracelet — refused as a minor, no card offered. The server stops: the police officer's tap
// is answered "offline" by the kiosk itself, nothing asked. Screenshots of each step.
//
// Usage: node kiosk_modes.e2e.mjs --bin BUILD/bin --artefacts DIR
import { browserTestSetup, check, checkEqual, launchChromium, log, runBrowserTest, sleep, waitFor } from './officials_harness.mjs';
import { allSent, control, kioskSignIn, mode, oneGateSite, openKioskPage, registerPerson, tapResult } from './kiosk_station.mjs';

const { artefacts, work, procs, shots } = browserTestSetup('kiosk-modes', ['png', 'log']);
const TOTAL_BUDGET_MS = 280_000;
const PASSWORD = 'correct horse battery staple';
const PINS = { agent1: '482916', moussa: '551903', ousmane: '739205' };
const CARD_UID = '04A0B1C2D3E4F5';
const MINER = {
  uid: '04D1E2F3A4B5C6', given: 'Moussa', family: 'Keita', sex: 'SEX_MALE', birthYear: 1990, nationality: 'MLI',
  document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'B7654321', country: 'MLI' }, language: 'bam', companion: null,
};
const GIRL = {
  uid: '04E1F2A3B4C5D6', given: 'Mariama', family: 'Sow', sex: 'SEX_FEMALE', birthYear: new Date().getFullYear() - 16,
  nationality: 'SEN', document: null, language: 'wol', occupation: 'OCCUPATION_FOOD_SERVICE', purpose: 'PURPOSE_JOIN_FAMILY',
  travelPaid: 'ANSWER_YES', debt: 'ANSWER_YES',
  companion: { description: 'Homme, moto rouge', relation: 'COMPANION_RELATION_EMPLOYER', answeredFor: true },
};


async function switchTo(kiosk, userId) {
  await kiosk.getByTestId('sign-out').click();
  await kioskSignIn(kiosk, userId, PINS[userId]);
}

/// The police mode with a reason and a case reference chosen.
async function policeMode(kiosk) {
  await mode(kiosk, 'KIOSK_MODE_POLICE');
  await kiosk.getByTestId('police-reason-POLICE_REASON_IDENTITY_CHECK').click();
  await kiosk.getByTestId('field-caseReference').fill('PV-2026/0042');
  await shots.take(kiosk, 'police-reason');
  // "Continuer" in view on the gate's 1024 x 600 screen, without scrolling.
  const ok = await kiosk.getByTestId('police-reason-ok').boundingBox();
  check(ok && ok.y + ok.height <= 600, `police: "Continuer" below the screen (${JSON.stringify(ok)})`);
  await kiosk.getByTestId('police-reason-ok').click();
  await kiosk.getByTestId('police-reason-shown').waitFor();
}

async function tap(emulator, model, uid) {
  await sleep(400);
  await control(emulator, `place ${model} ${uid}`);
}

async function policeLookups(kiosk, emulator) {
  await policeMode(kiosk);
  for (const person of [MINER, GIRL]) {
    await tap(emulator, 'ntag213', person.uid);
    await waitFor(`${person.given}'s history`, async () =>
      (await kiosk.getByTestId('police-name').count()) > 0
      && (await kiosk.getByTestId('police-name').textContent()) === `${person.given} ${person.family}`, 30_000);
    await control(emulator, 'remove');
    const text = await kiosk.getByTestId('police-history').textContent();
    check(text.includes('Bantako'), `${person.given}: registered at Bantako`);
    await shots.take(kiosk, `police-history-${person.given.toLowerCase()}`);
  }
  // Her answers to the protection questions and her companion are not police data.
  const screen = await kiosk.getByTestId('screen-police').textContent();
  for (const absent of ['moto rouge', 'employeur', 'dette', 'Dette', 'signal']) check(!screen.includes(absent), `no protection data (${absent})`);
  await kiosk.getByTestId('police-clear').click();
  await waitFor('the screen cleared', async () => (await kiosk.getByTestId('police-history').count()) === 0);
  await shots.take(kiosk, 'police-cleared');
}

async function cardIssue(kiosk, emulator) {
  await mode(kiosk, 'KIOSK_MODE_MINER_CARD');
  await kiosk.getByTestId('screen-miner-card').waitFor();
  await shots.take(kiosk, 'miner-card-holder');
  // The miner: his bracelet, then a blank card written, read back and linked.
  await tap(emulator, 'ntag213', MINER.uid);
  await waitFor('the blank card asked for', async () =>
    (await kiosk.getByTestId('screen-miner-card').getAttribute('data-prompt')) === 'TAP_PROMPT_MINER_BLANK_CARD', 30_000);
  await control(emulator, 'remove');
  await tap(emulator, 'desfire', CARD_UID);
  const card = await tapResult(kiosk, 'TAP_RESULT_MINER_CARD_LINKED', 30_000);
  const number = await card.getByTestId('tap-card-number').textContent();
  check(/KDG/.test(number), `the card's number from the site's series: ${number}`);
  await control(emulator, 'remove');
  await shots.take(kiosk, 'miner-card-issued');
  // The girl: refused as a minor; no blank card asked for.
  await tap(emulator, 'ntag213', GIRL.uid);
  const refused = await tapResult(kiosk, 'TAP_RESULT_REJECTED', 30_000);
  await control(emulator, 'remove');
  const problem = await refused.getByTestId('tap-problem').textContent();
  check(problem.length > 0, 'the refusal says why');
  checkEqual(await kiosk.getByTestId('screen-miner-card').getAttribute('data-prompt') === 'TAP_PROMPT_MINER_BLANK_CARD', false, 'no card offered to a minor');
  await shots.take(kiosk, 'miner-card-minor-refused');
  await allSent(kiosk);
}

async function offline(kiosk, emulator) {
  await procs.stop(procs.children.find((entry) => entry.name === 'server'));
  await switchTo(kiosk, 'moussa');
  await policeMode(kiosk);
  await tap(emulator, 'ntag213', MINER.uid);
  const result = kiosk.getByTestId('police-result');
  await waitFor('offline said', async () => (await result.count()) > 0 && (await result.getAttribute('data-result')) === 'POLICE_RESULT_OFFLINE', 30_000);
  await control(emulator, 'remove');
  checkEqual(await kiosk.getByTestId('police-history').count(), 0, 'no history offline');
  await shots.take(kiosk, 'police-offline');
}

async function scenario(chromium) {
  const { server, emulator, kioskUrl } = await oneGateSite(procs, work, {
    password: PASSWORD,
    users: [
      { id: 'agent1', name: 'Awa Diallo', role: 'gate_agent', pin: PINS.agent1, sites: '1' },
      { id: 'moussa', name: 'Moussa Ndiaye', role: 'border_police', pin: PINS.moussa, sites: '1' },
      { id: 'ousmane', name: 'Ousmane Ba', role: 'emape_official', pin: PINS.ousmane, sites: '1' },
    ],
  });
  log(`server at ${server.base}`);
  const browser = await launchChromium(chromium);
  try {
    const { page: kiosk, errors } = await openKioskPage(browser, kioskUrl, 'agent1', PINS.agent1);
    await registerPerson(kiosk, emulator, MINER.uid, MINER);
    await registerPerson(kiosk, emulator, GIRL.uid, GIRL);
    await allSent(kiosk);
    await switchTo(kiosk, 'moussa');
    await policeLookups(kiosk, emulator);
    await switchTo(kiosk, 'ousmane');
    await cardIssue(kiosk, emulator);
    await offline(kiosk, emulator);
    check(errors.length === 0, `kiosk page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

await runBrowserTest({ name: 'kiosk modes', budgetMs: TOTAL_BUDGET_MS, procs, work, artefacts, shots, scenario });
