// One gate of a site for the browser tests of the officials' pages: the PN532 emulator's control
// socket, a bridge on it, a kiosk enrolled with a code and its page (sign-in with the roster and
// a PIN, modes, tap results, the queue of events to send). Real processes from the build's bin
// directory (officials_harness.mjs's Processes); every wait bounded.
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Failure, waitFor } from './officials_harness.mjs';

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
export async function startEmulator(procs, work) {
  const link = join(work, 'pn532');
  const socket = join(work, 'pn532.ctl');
  const sim = procs.start('pn532-sim', [procs.bin('minegate-pn532-sim'), '--link', link, '--control', socket, '--tag', 'ntag213']);
  await waitFor('emulator', () => {
    if (sim.exited) throw new Failure(`emulator exited: ${sim.output()}`);
    return existsSync(link) && existsSync(socket);
  }, 10_000);
  await control(socket, 'remove');
  return { link, control: socket };
}

/// The server started on a free loopback port once minegatectl prepared its data directory:
/// { base URL, address, certificate fingerprint }.
export async function startServer(procs, data) {
  const server = procs.start('server', [procs.bin('minegate-server'), '--data-dir', data, '--listen', '127.0.0.1', '--port', '0']);
  const text = await waitFor('server listening', () => {
    if (server.exited) throw new Failure(`server exited: ${server.output()}`);
    const out = server.output();
    return /listening address=127\.0\.0\.1:(\d+)/.test(out) && /certificate_fingerprint sha256=([0-9a-f]{64})/.test(out) ? out : null;
  }, 30_000);
  const port = text.match(/listening address=127\.0\.0\.1:(\d+)/)[1];
  return {
    base: `https://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    fingerprint: text.match(/certificate_fingerprint sha256=([0-9a-f]{64})/)[1],
  };
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
  procs.run([procs.bin('minegate-kiosk'), 'enroll', code, '--data-dir', data, '--server', server.address,
    '--server-fingerprint', server.fingerprint]);
  const kiosk = procs.start(name, [procs.bin('minegate-kiosk'), 'run', '--data-dir', data, '--bridge-socket', bridgeSocket, '--ui-port', '0']);
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

/// The agent signs in at the kiosk: the roster comes from the server over the sync link.
export async function kioskSignIn(page, agent, pin) {
  await page.getByTestId(`roster-${agent}`).waitFor({ timeout: 60_000 });
  await page.getByTestId(`roster-${agent}`).click();
  for (const digit of pin) await page.getByTestId(`pin-digit-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  await page.getByTestId('header-agent').waitFor({ timeout: 10_000 });
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
