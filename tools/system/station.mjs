// A site's gate, for the demo (tools/demo) and the browser tests (tests/e2e): the PN532 emulator
// and its control socket, the server's data prepared with minegatectl, a bridge on the emulator,
// a kiosk enrolled with a code and its page (sign-in with the roster and a PIN, modes, tap
// results, registration, the queue of events to send). Real processes from the build's bin
// directory (processes.mjs's Processes); every wait bounded.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Failure, waitFor } from './processes.mjs';

/// One line to the emulator's control socket, one line back ("ok ..." or "error ...").
export function control(socketPath, line) {
  return new Promise((resolvePromise, reject) => {
    const socket = createConnection(socketPath);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Failure(`emulator control "${line}": no answer`));
    }, 5000);
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (!answer.includes('\n')) return;
      clearTimeout(timer);
      socket.end();
      const reply = answer.split('\n')[0].trim();
      if (reply.startsWith('ok')) resolvePromise(reply);
      else reject(new Failure(`emulator control "${line}": ${reply}`));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/// The emulator with one NTAG213 slot, nothing on the reader yet: { link, control socket }.
/// `name`: its link's, control socket's and log's name (one emulator a gate in the demo).
export async function startEmulator(procs, work, name = 'pn532') {
  const link = join(work, name);
  const socket = join(work, `${name}.ctl`);
  const sim = procs.start(name === 'pn532' ? 'pn532-sim' : name, [procs.bin('minegate-pn532-sim'), '--link', link, '--control', socket, '--tag', 'ntag213']);
  await waitFor('emulator', () => {
    if (sim.exited) throw new Failure(`emulator exited: ${sim.output()}`);
    return existsSync(link) && existsSync(socket);
  }, 10_000);
  await control(socket, 'remove');
  return { link, control: socket };
}

/// The server started on loopback once minegatectl prepared its data directory, on `port` (0: a
/// free one): { base URL, address, certificate fingerprint }.
export async function startServer(procs, data, port = 0) {
  const server = procs.start('server', [procs.bin('minegate-server'), '--data-dir', data, '--listen', '127.0.0.1', '--port', String(port)]);
  const text = await waitFor('server listening', () => {
    if (server.exited) throw new Failure(`server exited: ${server.output()}`);
    const out = server.output();
    return /listening address=127\.0\.0\.1:(\d+)/.test(out) && /certificate_fingerprint sha256=([0-9a-f]{64})/.test(out) ? out : null;
  }, 30_000);
  const listening = text.match(/listening address=127\.0\.0\.1:(\d+)/)[1];
  return {
    base: `https://127.0.0.1:${listening}`,
    address: `127.0.0.1:${listening}`,
    fingerprint: text.match(/certificate_fingerprint sha256=([0-9a-f]{64})/)[1],
  };
}

/// The server's data prepared with minegatectl, then the server started (startServer): the
/// administrator `chef`; the `sites` in order (ids 1, 2, …), each `{ name, department, gate? }`
/// with its gate when it names one (gate ids 1, 2, … in the same order); the `users`, each
/// `{ id, name, role, pin?, sites? }` (a PIN and minegatectl's `--sites` list for those who sign
/// in at a kiosk); every one with `password`; last, one enrolment code per gate.
/// { base, address, fingerprint, codes: [the code of gate 1, of gate 2, …] }.
export async function serverWith(procs, work, { password, sites, users }) {
  const data = join(work, 'server-data');
  const passwordFile = join(work, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const ctl = (...more) => procs.run([procs.bin('minegatectl'), '--data-dir', data, ...more]);
  ctl('init', '--admin', 'chef', '--password-file', passwordFile);
  const gates = [];
  sites.forEach((site, index) => {
    ctl('site', 'add', '--name', site.name, '--department', site.department);
    if (!site.gate) return;
    ctl('gate', 'add', '--site', String(index + 1), '--name', site.gate);
    gates.push({ site: String(index + 1), gate: String(gates.length + 1) });
  });
  for (const user of users) {
    const more = [];
    if (user.pin) {
      const pinFile = join(work, `${user.id}.pin`);
      writeFileSync(pinFile, `${user.pin}\n`, { mode: 0o600 });
      more.push('--pin-file', pinFile);
    }
    if (user.sites) more.push('--sites', user.sites);
    ctl('user', 'add', '--id', user.id, '--name', user.name, '--role', user.role, '--password-file', passwordFile, ...more);
  }
  const codes = gates.map(({ site, gate }) => enrolmentCode(ctl('device', 'enroll', '--site', site, '--gate', gate)));
  return { ...(await startServer(procs, data)), codes };
}

/// Bantako's gate, where most browser tests happen: the emulator, the server (serverWith: Bantako
/// with its gate "Porte nord" as site 1, then the other `sites`, the `users` with `password`), a
/// kiosk enrolled at that gate and its bridge on the emulator. { server, emulator (the control
/// socket), kioskUrl }.
export async function oneGateSite(procs, work, { password, users, sites = [] }) {
  const { link, control: emulator } = await startEmulator(procs, work);
  const bantako = { name: 'Bantako', department: 'kedougou', gate: 'Porte nord' };
  const server = await serverWith(procs, work, { password, sites: [bantako, ...sites], users });
  const socket = join(work, 'bridge.sock');
  const kioskUrl = await startKiosk(procs, work, 'kiosk', server.codes[0], server, socket);
  await startBridge(procs, 'bridge', link, socket);
  return { server, emulator, kioskUrl };
}

/// The enrolment code minegatectl printed.
export function enrolmentCode(out) {
  const code = (out.match(/([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)/) || [])[1];
  if (!code) throw new Failure(`no enrolment code in: ${out}`);
  return code;
}

/// A kiosk enrolled with `code` and running with its UI on a free port, reading from the bridge
/// socket `bridgeSocket` (which may not exist yet: the kiosk waits for its reader). The page's
/// address with this start's token.
export async function startKiosk(procs, work, name, code, server, bridgeSocket) {
  const data = join(work, `${name}-data`);
  enrolKiosk(procs, data, code, server);
  return runKiosk(procs, name, data, bridgeSocket);
}

/// `minegate-kiosk enroll` with the one-time `code` into `data`, pinned to the server's
/// certificate.
export function enrolKiosk(procs, data, code, server) {
  procs.run([procs.bin('minegate-kiosk'), 'enroll', code, '--data-dir', data, '--server', server.address,
    '--server-fingerprint', server.fingerprint]);
}

/// An enrolled kiosk (its data in `data`) started with its page on `uiPort` (0: a free one). The
/// page's address with this start's token.
export async function runKiosk(procs, name, data, bridgeSocket, uiPort = 0) {
  const kiosk = procs.start(name, [procs.bin('minegate-kiosk'), 'run', '--data-dir', data, '--bridge-socket', bridgeSocket, '--ui-port', String(uiPort)]);
  await waitFor(`${name} interface`, () => {
    if (kiosk.exited) throw new Failure(`${name} exited: ${kiosk.output()}`);
    return /interface: http:\/\/127\.0\.0\.1:\d+\//.test(kiosk.output());
  }, 30_000);
  return readFileSync(join(data, 'page-url'), 'utf8').trim();
}

export async function startBridge(procs, name, link, socket) {
  const bridge = procs.start(name, [procs.bin('minegate-bridge'), 'run', '--device', `pn532_uart:${link}`, '--socket', socket]);
  await waitFor(`${name} socket`, () => {
    if (bridge.exited) throw new Failure(`${name} exited: ${bridge.output()}`);
    return existsSync(socket);
  }, 15_000);
  return bridge;
}

/// A kiosk's page in its own browser context (the kiosk's screen size, French), `agent` signed in
/// with `pin`: { page, errors (the page's script errors, to be checked empty at the end) }.
export async function openKioskPage(browser, url, agent, pin) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 600 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await kioskSignIn(page, agent, pin);
  return { page, errors };
}

/// The agent signs in at the kiosk: the roster comes from the server over the sync link.
export async function kioskSignIn(page, agent, pin) {
  await page.getByTestId(`roster-${agent}`).waitFor({ timeout: 60_000 });
  await page.getByTestId(`roster-${agent}`).click();
  for (const digit of pin) await page.getByTestId(`pin-digit-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  await page.getByTestId('header-agent').waitFor({ timeout: 10_000 });
}

/// The agent signs out: the page is back at the roster.
export async function kioskSignOut(page, agent) {
  await page.getByTestId('sign-out').click();
  await page.getByTestId(`roster-${agent}`).waitFor();
}

export async function mode(page, name) {
  await page.getByTestId(`mode-tab-${name}`).click();
  await waitFor(`mode ${name}`, async () => (await page.getByTestId(`mode-tab-${name}`).getAttribute('aria-pressed')) === 'true', 10_000);
}

/// The tap's result card once it shows `expected`.
export async function tapResult(page, expected, timeout = 30_000) {
  const card = page.getByTestId('tap-outcome');
  await waitFor(`tap result ${expected}`, async () => (await card.count()) > 0 && (await card.getAttribute('data-result')) === expected, timeout);
  return card;
}

/// The registration screen at step `name`.
export const registrationStep = (page, name) => page.locator(`[data-testid="screen-registration"][data-step="${name}"]`);

/// Waits until the kiosk has sent every event it recorded and the server acknowledged them.
export async function allSent(page) {
  const number = async (testid) => Number(((await page.getByTestId(testid).textContent()) || '').replace(/[^\d]/g, ''));
  await waitFor('every event acknowledged', async () => (await number('pending-count-value')) === 0, 60_000);
}

/// A person registered by the signed-in agent, her bracelet written on the emulated tag `uid`.
/// `person`: { given, family, sex ('SEX_FEMALE'|'SEX_MALE'), birthYear, nationality (alpha-3),
/// document: { type, number, country } or null (none), language (ISO 639-3), occupation, purpose,
/// travelPaid, debt ('ANSWER_YES'|'ANSWER_NO'), companion: null or { description, relation,
/// answeredFor } }. `beforeSubmit(page)`: a last look (a screenshot) at the companion step.
/// Returns the bracelet's whole memory as written (the emulator's `dump raw`, hex), read while it
/// is still on the reader: the demo keeps it, to put the same bracelet on the reader again after
/// a restart, or a copy of it on another site's reader.
export async function registerPerson(page, emulator, uid, person, beforeSubmit = async () => {}) {
  await mode(page, 'KIOSK_MODE_REGISTRATION');
  // After a registration the screen stays on its end until a new one is asked for.
  const done = registrationStep(page, 'REGISTRATION_STEP_DONE');
  const information = registrationStep(page, 'REGISTRATION_STEP_INFORMATION');
  await waitFor('the registration screen', async () => (await done.count()) > 0 || (await information.count()) > 0, 10_000);
  if (await done.count() > 0) await page.getByTestId('reg-new').click();
  await information.waitFor({ timeout: 10_000 });
  await page.getByTestId('field-person.consent.informationLanguage').selectOption('fra');
  await page.getByTestId('field-person.consent.informationGiven').check();
  await page.getByTestId('reg-next').click();
  await registrationStep(page, 'REGISTRATION_STEP_CONSENT').waitFor({ timeout: 10_000 });
  await page.getByTestId('consent-accept').click();
  await page.getByTestId('option-person.consent.method-CONSENT_METHOD_ORAL').click();
  await page.getByTestId('reg-next').click();
  await registrationStep(page, 'REGISTRATION_STEP_FORM').waitFor({ timeout: 10_000 });
  await page.getByTestId('field-person.givenName').fill(person.given);
  await page.getByTestId('field-person.familyName').fill(person.family);
  await page.getByTestId(`option-person.sex-${person.sex}`).click();
  await page.getByTestId('field-person.birth.year').fill(String(person.birthYear));
  await page.getByTestId('field-person.nationality').selectOption(person.nationality);
  await page.getByTestId('field-person.placeOfOrigin').fill(person.origin ?? 'Kéniéba');
  if (person.document) {
    await page.getByTestId('field-person.identityDocument.type').selectOption(person.document.type);
    await page.getByTestId('field-person.identityDocument.number').fill(person.document.number);
    await page.getByTestId('field-person.identityDocument.issuingCountry').selectOption(person.document.country);
    await page.getByTestId('option-person.identityDocument.holder-DOCUMENT_HOLDER_SELF').click();
  } else {
    await page.getByTestId('field-person.identityDocument.type').selectOption('DOCUMENT_TYPE_NONE');
  }
  await page.getByTestId(`option-person.languages-${person.language ?? 'bam'}`).click();
  await page.getByTestId('field-person.occupation').selectOption(person.occupation ?? 'OCCUPATION_MINER');
  await page.getByTestId('field-person.purpose').selectOption(person.purpose ?? 'PURPOSE_MINING');
  await page.getByTestId(`option-person.travelPaidByThirdParty-${person.travelPaid ?? 'ANSWER_NO'}`).click();
  await page.getByTestId(`option-person.debtDeclared-${person.debt ?? 'ANSWER_NO'}`).click();
  await page.getByTestId('reg-next').click();
  await registrationStep(page, 'REGISTRATION_STEP_COMPANION').waitFor({ timeout: 10_000 });
  if (person.companion) {
    await page.getByTestId('option-companionChoice-COMPANION_CHOICE_DESCRIBED').click();
    await page.getByTestId('field-companionDescription').fill(person.companion.description);
    await page.getByTestId('field-companionRelation').selectOption(person.companion.relation);
    if (person.companion.answeredFor) await page.getByTestId('field-companionAnsweredForPerson').check();
  } else {
    await page.getByTestId('option-companionChoice-COMPANION_CHOICE_NONE').click();
  }
  await beforeSubmit(page);
  await page.getByTestId('reg-submit').click();
  await registrationStep(page, 'REGISTRATION_STEP_BRACELET').waitFor({ timeout: 15_000 });
  await control(emulator, `place ntag213 ${uid}`);
  await tapResult(page, 'TAP_RESULT_REGISTERED');
  await registrationStep(page, 'REGISTRATION_STEP_DONE').waitFor({ timeout: 15_000 });
  const image = (await control(emulator, 'dump raw')).replace(/^ok /, '');
  await control(emulator, 'remove');
  return image;
}

/// The bracelet `uid` tapped at the kiosk's gate in `direction` (DIRECTION_IN|OUT); the result.
/// The direction is waited for as the kiosk confirms it (a tap read before would take the old
/// one). The card of the tap before may show the same result: with `given` (the wearer's first
/// name), the tap is waited for until the card shows that name and this direction. With `image`
/// (a bracelet's memory as `dump raw` printed it), the tag placed carries it: a copy.
export async function gateTap(page, emulator, uid, expected, direction = 'DIRECTION_IN', given = null, image = null) {
  await mode(page, 'KIOSK_MODE_GATE');
  const button = page.getByTestId(`direction-${direction}`);
  await button.click();
  await waitFor(`direction ${direction}`, async () => (await button.getAttribute('aria-pressed')) === 'true', 10_000);
  await new Promise((r) => setTimeout(r, 300));
  await control(emulator, image ? `place ntag213 ${uid} ${image}` : `place ntag213 ${uid}`);
  const card = await tapResult(page, expected);
  if (given) {
    const label = (await button.textContent()).trim();
    const shown = async (testid) => ((await card.getByTestId(testid).count()) > 0 ? (await card.getByTestId(testid).textContent()).trim() : null);
    await waitFor(`${given}'s tap shown`, async () => (await shown('tap-first-name')) === given && (await shown('tap-direction')) === label, 30_000);
  }
  await control(emulator, 'remove');
  return card;
}
