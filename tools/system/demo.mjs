// The whole of minegate running on one machine, with a scripted scenario (tools/demo runs this
// after set-up and build; tools/system/README.md says what it does and why).
//
//   minegate-server         self-signed TLS, prepared with minegatectl: two sites with a gate each,
//                           one account for every role
//   minegate-pn532-sim  x2  one emulated PN532 reader a gate, driven through its control socket
//   minegate-bridge     x2  libnfc on each emulator
//   minegate-kiosk      x2  enrolled at Bantako's and Sabodala's gates
//   Debian's chromium       headless, plays the scenario on the kiosks' pages (playwright-core),
//                           closed once it is played
//
// Every step of the scenario is a real action on a real program: a form filled on a kiosk's page,
// a bracelet put on an emulated reader. Each step is recorded in STATE/progress.json once done, so
// a second run on the same state starts the same system again and plays only what was not played.
// Every figure or name printed after a step comes from the programs (a kiosk's page, the server's
// API, minegatectl).
//
// Usage: node tools/system/demo.mjs [--fast] [--state DIR] [--clean] [--any-ports] [--bin DIR]
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoClock } from './demo_clock.mjs';
import { Failure, Processes, launchChromium, sleep, waitFor } from './processes.mjs';
import {
  allSent, control, enrolKiosk, enrolmentCode, gateTap, kioskSignIn, kioskSignOut, mode, openKioskPage, registerPerson, runKiosk,
  startBridge, startEmulator, startServer, tapResult,
} from './station.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();

// ------------------------------------------------------------------ command line

function parseArguments(argv) {
  const options = { fast: false, clean: false, anyPorts: false, state: join(root, 'demo-state'), bin: join(root, 'build', 'bin') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--fast') options.fast = true;
    else if (arg === '--clean') options.clean = true;
    else if (arg === '--any-ports') options.anyPorts = true;
    else if ((arg === '--state' || arg === '--bin') && i + 1 < argv.length) options[arg.slice(2)] = resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Failure(`option inconnue / unknown option: ${arg} (--help)`);
  }
  return options;
}

const HELP = `utilisation / usage: tools/demo [--fast] [--state DIR] [--clean] [--any-ports] [--no-build]
  --fast        joue le scénario sans attendre / plays the scenario without pauses
  --state DIR   dossier d'état (défaut demo-state/ à la racine du dépôt) / state folder
                (default demo-state/ at the repository's root)
  --clean       efface l'état et recommence / erases the state and starts over
  --any-ports   ports libres au hasard plutôt que 8443, 8081, 8082 / any free ports instead of
                8443, 8081, 8082
  --no-build    (tools/demo) ni installation ni compilation / neither set-up nor build
Ctrl-C arrête tout ce que la démo a lancé / stops everything the demo started.`;

// ------------------------------------------------------------------ the people and the places

const PASSWORD = 'demo-minegate-2026';
const SITES = [
  // Bantako (Kédougou) and Sabodala (Saraya), about 70 km apart: a bracelet seen at both within
  // minutes is a suspected clone.
  { key: 'bantako', id: '1', name: 'Bantako', department: 'kedougou', gate: 'Porte nord', lat: '12.5556', lon: '-12.1743', uiPort: 8081 },
  { key: 'sabodala', id: '2', name: 'Sabodala', department: 'saraya', gate: 'Porte sud', lat: '13.1830', lon: '-12.1140', uiPort: 8082 },
];
// Every role, with the name shown in the pages; the PIN of those who sign in at a kiosk.
const USERS = [
  { id: 'chef', name: 'Fatou Sarr', role: 'administrator', label: 'administrateur / administrator' },
  { id: 'auditeur', name: 'Ibrahima Fall', role: 'auditor', label: 'auditeur / auditor' },
  { id: 'aminata', name: 'Aminata Sow', role: 'protection_officer', label: 'chargée de protection / protection officer' },
  { id: 'moussa', name: 'Moussa Ndiaye', role: 'border_police', label: 'police des frontières / border police' },
  { id: 'ousmane', name: 'Ousmane Ba', role: 'emape_official', label: 'agent EMAPE / EMAPE official', pin: '739205', sites: '1,2' },
  { id: 'awa', name: 'Awa Diallo', role: 'gate_agent', label: 'agente de porte, Bantako / gate agent, Bantako', pin: '482916', sites: '1' },
  { id: 'babacar', name: 'Babacar Diop', role: 'gate_agent', label: 'agent de porte, Sabodala / gate agent, Sabodala', pin: '615283', sites: '2' },
];
const pinOf = (id) => USERS.find((u) => u.id === id).pin;
const agentAt = (site) => (site === 'bantako' ? 'awa' : 'babacar');
const YEAR = new Date().getFullYear();
const RECRUITER = { description: 'Homme, « Chief Emeka », chemise bleue, Lagos', relation: 'COMPANION_RELATION_RECRUITER', answeredFor: false };
const PEOPLE = {
  moussa: {
    site: 'bantako', uid: '04D1E2F3A4B5C6', given: 'Moussa', family: 'Keita', sex: 'SEX_MALE', birthYear: 1990, nationality: 'MLI',
    document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'B7654321', country: 'MLI' }, language: 'bam', companion: null,
    why: 'orpailleur, seul / miner, alone',
  },
  fatoumata: {
    site: 'bantako', uid: '04D1E2F3A4B5C7', given: 'Fatoumata', family: 'Keita', sex: 'SEX_FEMALE', birthYear: 1993, nationality: 'MLI',
    document: { type: 'DOCUMENT_TYPE_NATIONAL_ID', number: 'ML-448120', country: 'MLI' }, language: 'bam',
    occupation: 'OCCUPATION_TRADER', purpose: 'PURPOSE_JOIN_FAMILY',
    companion: { description: 'Moussa Keita, son mari', relation: 'COMPANION_RELATION_SPOUSE', answeredFor: false },
    why: 'avec son mari / with her husband',
  },
  blessing: {
    site: 'bantako', uid: '04B1C2D3E4F5A1', given: 'Blessing', family: 'Okafor', sex: 'SEX_FEMALE', birthYear: YEAR - 20, nationality: 'NGA',
    document: null, language: 'eng', occupation: 'OCCUPATION_FOOD_SERVICE', purpose: 'PURPOSE_OWN_TRADE', travelPaid: 'ANSWER_YES',
    companion: RECRUITER, why: 'amenée par « Chief Emeka » / brought by "Chief Emeka"',
  },
  joy: {
    site: 'bantako', uid: '04B1C2D3E4F5A2', given: 'Joy', family: 'Eze', sex: 'SEX_FEMALE', birthYear: YEAR - 22, nationality: 'NGA',
    document: null, language: 'eng', occupation: 'OCCUPATION_FOOD_SERVICE', purpose: 'PURPOSE_OWN_TRADE', travelPaid: 'ANSWER_YES',
    companion: RECRUITER, why: 'amenée par le même homme / brought by the same man',
  },
  grace: {
    site: 'bantako', uid: '04B1C2D3E4F5A3', given: 'Grace', family: 'Nwosu', sex: 'SEX_FEMALE', birthYear: YEAR - 19, nationality: 'NGA',
    document: null, language: 'eng', occupation: 'OCCUPATION_BAR_WORKER', purpose: 'PURPOSE_OWN_TRADE', travelPaid: 'ANSWER_YES',
    companion: RECRUITER, why: 'la troisième du même homme / the same man\'s third',
  },
  kadiatou: {
    site: 'bantako', uid: '04A1B2C3D4E5F6', given: 'Kadiatou', family: 'Camara', sex: 'SEX_FEMALE', birthYear: YEAR - 16, nationality: 'MLI',
    document: null, language: 'bam', occupation: 'OCCUPATION_TRADER', purpose: 'PURPOSE_OWN_TRADE', travelPaid: 'ANSWER_YES',
    companion: { description: 'Homme, la quarantaine, moto rouge', relation: 'COMPANION_RELATION_EMPLOYER', answeredFor: true },
    why: '15 ans, un « employeur » a répondu pour elle / 15, an "employer" answered for her',
  },
  ibrahima: {
    site: 'sabodala', uid: '04E1F2A3B4C5D7', given: 'Ibrahima', family: 'Sidibé', sex: 'SEX_MALE', birthYear: 1985, nationality: 'GIN',
    document: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'G0912345', country: 'GIN' }, language: 'fuc', companion: { description: 'Alpha Sidibé, son frère', relation: 'COMPANION_RELATION_SIBLING', answeredFor: false },
    why: 'avec son frère / with his brother',
  },
};
const CARD_UID = '04A0B1C2D3E4F5';  // a blank DESFire miner's card
const CAMPAIGN = 'demo-bantako-recensement';

// The scenario: each step an id (recorded when done), the simulated day it is played on (days
// before today, 0 for today) and the time of that day (UTC, Senegal's time; none: whenever it
// comes), the kiosk it is played at, who is signed in there, and what is done. In time order: the
// clock only moves forward (demo_clock.mjs). Five days of arrivals (a registration records the
// person's entry too) and gate traffic, then today's census, miner's card and copied bracelet,
// played in the present.
const registration = (day, time, key) => ({
  id: `register:${key}`, day, time, site: PEOPLE[key].site, agent: agentAt(PEOPLE[key].site),
  title: `Inscription / registration: ${PEOPLE[key].given} ${PEOPLE[key].family} — ${PEOPLE[key].why}`,
  play: (ctx, kiosk) => register(ctx, kiosk, key),
});
const passage = (day, time, key, direction, why = '') => ({
  id: `gate:d${day}:${time}:${key}:${direction}`, day, time, site: PEOPLE[key].site, agent: agentAt(PEOPLE[key].site),
  title: `Porte / gate ${direction === 'IN' ? 'entrée / entry' : 'sortie / exit'}: ${PEOPLE[key].given} ${PEOPLE[key].family}${why}`,
  play: (ctx, kiosk) => gate(ctx, kiosk, key, direction),
});
const STEPS = [
  registration(5, '07:40', 'moussa'), registration(5, '07:52', 'fatoumata'), registration(5, '09:30', 'ibrahima'),
  registration(4, '07:35', 'blessing'), registration(4, '07:48', 'joy'),
  passage(4, '12:10', 'moussa', 'OUT', ' (marché de Kédougou / Kédougou market)'), passage(4, '17:42', 'moussa', 'IN'),
  registration(3, '07:31', 'grace'), passage(3, '07:58', 'fatoumata', 'OUT'), passage(3, '18:05', 'fatoumata', 'IN'),
  registration(2, '08:20', 'kadiatou'), passage(2, '09:50', 'ibrahima', 'OUT'), passage(2, '17:55', 'ibrahima', 'IN'),
  passage(1, '06:48', 'moussa', 'OUT', ' (relève de l\'équipe de nuit / night shift over)'), passage(1, '18:12', 'moussa', 'IN'),
  { id: 'census:open', day: 0, title: `Campagne de recensement ouverte à Bantako / census campaign opened at Bantako (minegatectl census add)`, play: (ctx) => openCampaign(ctx) },
  { id: 'census:taps', day: 0, site: 'bantako', agent: 'ousmane', title: 'Recensement à la borne de Bantako / census taps at Bantako\'s kiosk', play: (ctx, kiosk) => censusTaps(ctx, kiosk) },
  { id: 'card:moussa', day: 0, site: 'bantako', agent: 'ousmane', title: 'Carte d\'orpailleur pour Moussa Keita (adulte) / miner\'s card for Moussa Keita (an adult)', play: (ctx, kiosk) => minerCard(ctx, kiosk) },
  { id: 'clone:moussa', day: 0, site: 'sabodala', agent: 'babacar', title: 'Copie du bracelet de Moussa Keita présentée à Sabodala / a copy of Moussa Keita\'s bracelet shown at Sabodala', play: (ctx, kiosk) => clone(ctx, kiosk) },
];

// ------------------------------------------------------------------ output

const say = (text = '') => console.log(text);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const note = (text) => console.log(`  · ${text}`);

// ------------------------------------------------------------------ state

class State {
  constructor(dir) {
    this.dir = dir;
    this.file = join(dir, 'progress.json');
    this.data = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : { steps: {} };
  }

  get(key) {
    return this.data[key];
  }

  set(key, value) {
    this.data[key] = value;
    this.save();
  }

  played(id) {
    return Boolean(this.data.steps[id]);
  }

  record(id, detail) {
    this.data.steps[id] = { at: new Date().toISOString(), detail };
    this.save();
  }

  save() {
    writeFileSync(`${this.file}.new`, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(`${this.file}.new`, this.file);
  }
}

/// One demo a state folder: a second one on the same folder would fight the first for its ports
/// and files. The pid file names the running demo; a stale one (its process gone, or another
/// program now) is taken over.
function lockState(dir) {
  const pidFile = join(dir, 'demo.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const cmdline = pid > 0 && existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (pid !== process.pid && cmdline.includes('demo.mjs')) {
      throw new Failure(`une démo tourne déjà sur ${dir} (pid ${pid}) / a demo already runs on ${dir} (pid ${pid})`);
    }
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return pidFile;
}

// ------------------------------------------------------------------ ports

/// Whether `port` can be listened on at 127.0.0.1 now.
function portFree(port) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

const choosePort = async (wanted, any) => (!any && (await portFree(wanted)) ? wanted : 0);

// ------------------------------------------------------------------ the officials' API

/// One request to the server's JSON API over TLS, the server's own certificate as the only
/// authority: { status, body (parsed), cookie }.
function api(ctx, method, path, { body, cookie } = {}) {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(path, ctx.server.base);
    const headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (cookie) headers.Cookie = cookie;
    const req = request(url, { method, headers, ca: ctx.certificate, timeout: 15_000 }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = text;
        }
        const setCookie = (res.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
        resolvePromise({ status: res.statusCode, body: parsed, cookie: setCookie });
      });
    });
    req.on('timeout', () => req.destroy(new Failure(`${method} ${path}: no answer`)));
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

async function signedIn(ctx, userId) {
  const answer = await api(ctx, 'POST', '/v1/session', { body: { userId, password: PASSWORD } });
  if (answer.status !== 200) throw new Failure(`sign-in of ${userId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.cookie;
}

// ------------------------------------------------------------------ set-up

function ctl(ctx, ...args) {
  return ctx.procs.run([ctx.procs.bin('minegatectl'), '--data-dir', ctx.serverData, ...args]);
}

/// minegatectl prepares the server's data: the administrator, both sites located (so that the
/// server can judge a bracelet seen at both), their gates, every role's account, and one
/// enrolment code a gate (kept in the state: a kiosk is enrolled once the server runs).
function setUp(ctx) {
  say('\n== Mise en place du serveur avec minegatectl / server set-up with minegatectl');
  const passwordFile = join(ctx.state.dir, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  const admin = USERS[0];
  ctl(ctx, 'init', '--admin', admin.id, '--name', admin.name, '--password-file', passwordFile);
  for (const site of SITES) {
    ctl(ctx, 'site', 'add', '--name', site.name, '--department', site.department);
    ctl(ctx, 'site', 'locate', '--site', site.id, '--lat', site.lat, '--lon', site.lon);
    ctl(ctx, 'gate', 'add', '--site', site.id, '--name', site.gate);
    note(`site ${site.id} ${site.name} (${site.department}, ${site.lat}, ${site.lon}), porte / gate « ${site.gate} »`);
  }
  for (const user of USERS.slice(1)) {
    const more = [];
    if (user.pin) {
      const pinFile = join(ctx.state.dir, `${user.id}.pin`);
      writeFileSync(pinFile, `${user.pin}\n`, { mode: 0o600 });
      more.push('--pin-file', pinFile);
    }
    if (user.sites) more.push('--sites', user.sites);
    ctl(ctx, 'user', 'add', '--id', user.id, '--name', user.name, '--role', user.role, '--password-file', passwordFile, ...more);
    rmSync(join(ctx.state.dir, `${user.id}.pin`), { force: true });
  }
  rmSync(passwordFile, { force: true });
  say('$ minegatectl user list');
  for (const line of ctl(ctx, 'user', 'list').trim().split('\n')) say(`  ${line}`);
  const codes = {};
  for (const site of SITES) {
    codes[site.key] = enrolmentCode(ctl(ctx, 'device', 'enroll', '--site', site.id, '--gate', site.id, '--description', `démo ${site.name}`));
  }
  ctx.state.set('enrolmentCodes', codes);
  ctx.state.set('setUp', new Date().toISOString());
}

// ------------------------------------------------------------------ the running system

/// Both gates' emulators with the bracelets written in earlier runs put back in their memory
/// (before any bridge reads them, so that no kiosk sees those as taps), the server, both kiosks
/// (enrolled the first time) and their bridges.
async function startSystem(ctx) {
  say('\n== Démarrage / start-up');
  for (const site of SITES) {
    const emulator = await startEmulator(ctx.procs, ctx.run, `pn532-${site.key}`);
    ctx.sites[site.key] = { ...site, emulator };
    const tags = join(ctx.state.dir, 'tags', site.key);
    for (const file of existsSync(tags) ? readdirSync(tags) : []) {
      const uid = file.replace(/\.hex$/, '');
      await control(emulator.control, `place ntag213 ${uid} ${readFileSync(join(tags, file), 'utf8').trim()}`);
      await control(emulator.control, 'remove');
    }
  }
  const port = ctx.state.get('serverPort') ?? (await choosePort(8443, ctx.options.anyPorts));
  if (ctx.state.get('serverPort') && !(await portFree(port))) {
    throw new Failure(`le port ${port} du serveur est pris ; les bornes de cet état y sont inscrites : libérez-le, ou --clean / `
      + `the server's port ${port} is taken; this state's kiosks are enrolled to it: free it, or --clean`);
  }
  ctx.server = await startServer(ctx.procs, ctx.serverData, port);
  ctx.state.set('serverPort', Number(ctx.server.address.split(':')[1]));
  ctx.certificate = readFileSync(join(ctx.serverData, 'server-cert.pem'));
  for (const site of SITES) {
    const data = join(ctx.state.dir, `kiosk-${site.key}`);
    if (!ctx.state.get(`enrolled:${site.key}`)) {
      enrolKiosk(ctx.procs, data, ctx.state.get('enrolmentCodes')[site.key], ctx.server);
      ctx.state.set(`enrolled:${site.key}`, new Date().toISOString());
    }
    const socket = join(ctx.run, `bridge-${site.key}.sock`);
    ctx.sites[site.key].url = await runKiosk(ctx.procs, `kiosk-${site.key}`, data, socket, await choosePort(site.uiPort, ctx.options.anyPorts));
    await startBridge(ctx.procs, `bridge-${site.key}`, ctx.sites[site.key].emulator.link, socket);
  }
}

function printAddresses(ctx) {
  say('\n== Adresses / addresses');
  say(`serveur, pages des agents de l'État / server, officials' pages: ${ctx.server.base}/`);
  say(`  certificat auto-signé / self-signed certificate: SHA-256 ${ctx.server.fingerprint.match(/../g).join(':')}`);
  say(`  (${join(ctx.serverData, 'server-cert.pem')}; Chromium : « Paramètres avancés » puis « Continuer vers 127.0.0.1 » /`);
  say('   Chromium: "Advanced" then "Proceed to 127.0.0.1"; curl --cacert <ce fichier / that file>)');
  for (const site of SITES) say(`borne / kiosk ${site.name}: ${ctx.sites[site.key].url}`);
  say('  (l\'adresse porte le jeton de ce démarrage ; une autre exécution en donne un autre /');
  say('   the address carries this start\'s token; another run gives another)');
  say('\n== Connexions de démonstration / demo sign-ins');
  say(`mot de passe de tous les comptes / every account's password: ${PASSWORD}`);
  for (const user of USERS) {
    const where = user.pin ? `, PIN borne / kiosk PIN ${user.pin}` : '';
    say(`  ${user.label}: ${user.id} (${user.name})${where}`);
  }
  say('  (les agents de porte se connectent à la borne seulement, par leur PIN / gate agents sign in at the kiosk only, with their PIN)');
}

// ------------------------------------------------------------------ the scenario's steps

async function register(ctx, kiosk, key) {
  const person = PEOPLE[key];
  const image = await registerPerson(kiosk.page, ctx.sites[person.site].emulator.control, person.uid, person);
  // Kept so that the next run's emulator holds the same bracelet (and the clone step its copy).
  const tags = join(ctx.state.dir, 'tags', person.site);
  mkdirSync(tags, { recursive: true });
  writeFileSync(join(tags, `${person.uid}.hex`), `${image}\n`);
  const result = await kiosk.page.getByTestId('tap-outcome').getAttribute('data-result');
  return `bracelet ${person.uid}: ${result}`;
}

async function gate(ctx, kiosk, key, direction) {
  const person = PEOPLE[key];
  await pause(ctx);
  const card = await gateTap(kiosk.page, ctx.sites[person.site].emulator.control, person.uid, 'TAP_RESULT_ACCEPTED', `DIRECTION_${direction}`, person.given);
  return `${await card.getAttribute('data-result')}`;
}

async function openCampaign(ctx) {
  const closes = Date.now() + 30 * 24 * 3600 * 1000;
  ctl(ctx, 'census', 'add', '--id', CAMPAIGN, '--site', '1', '--fr', 'Recensement de démonstration, Bantako',
    '--en', 'Demonstration census, Bantako', '--closes-at', String(closes));
  const listed = ctl(ctx, 'census', 'list', '--site', '1').split('\n').find((line) => line.includes(CAMPAIGN));
  return listed ? listed.trim() : CAMPAIGN;
}

async function censusTaps(ctx, kiosk) {
  const { page } = kiosk;
  const emulator = ctx.sites.bantako.emulator.control;
  await mode(page, 'KIOSK_MODE_CENSUS');
  const button = page.getByTestId(`campaign-${CAMPAIGN}`);
  // The campaign reaches the kiosk over its sync link within seconds.
  await waitFor('the campaign at the kiosk', async () => (await button.count()) > 0 && !(await button.isDisabled()), 60_000);
  await button.click();
  await page.getByTestId('census-campaign').waitFor();
  const counted = async () => (await page.getByTestId('census-count').textContent()).trim();
  const keys = ['moussa', 'fatoumata', 'kadiatou', 'blessing', 'joy', 'grace'];
  for (const [index, key] of keys.entries()) {
    await pause(ctx);
    await sleep(400);
    await control(emulator, `place ntag213 ${PEOPLE[key].uid}`);
    await waitFor(`${PEOPLE[key].given} counted`, async () => Number(await counted()) >= index + 1, 30_000);
    await control(emulator, 'remove');
  }
  // Moussa again: counted once.
  await sleep(400);
  await control(emulator, `place ntag213 ${PEOPLE.moussa.uid}`);
  await tapResult(page, 'TAP_RESULT_CENSUS_ALREADY_OBSERVED');
  await control(emulator, 'remove');
  return `compteur de la borne / kiosk's count: ${await counted()} (Moussa Keita présenté deux fois / tapped twice)`;
}

async function minerCard(ctx, kiosk) {
  const { page } = kiosk;
  const emulator = ctx.sites.bantako.emulator.control;
  await mode(page, 'KIOSK_MODE_MINER_CARD');
  await page.getByTestId('screen-miner-card').waitFor();
  await pause(ctx);
  await sleep(400);
  await control(emulator, `place ntag213 ${PEOPLE.moussa.uid}`);
  await waitFor('the blank card asked for', async () =>
    (await page.getByTestId('screen-miner-card').getAttribute('data-prompt')) === 'TAP_PROMPT_MINER_BLANK_CARD', 30_000);
  await control(emulator, 'remove');
  await pause(ctx);
  await sleep(400);
  await control(emulator, `place desfire ${CARD_UID}`);
  const card = await tapResult(page, 'TAP_RESULT_MINER_CARD_LINKED', 30_000);
  const number = (await card.getByTestId('tap-card-number').textContent()).trim();
  await control(emulator, 'remove');
  return `carte / card ${CARD_UID}, numéro affiché par la borne / number shown by the kiosk: ${number}`;
}

/// The bracelet's memory as written at Bantako (UID and signed credential) put on Sabodala's
/// reader, as a cloner's copy would be, moments after the original was seen at Bantako's gate.
async function clone(ctx, kiosk) {
  const image = readFileSync(join(ctx.state.dir, 'tags', 'bantako', `${PEOPLE.moussa.uid}.hex`), 'utf8').trim();
  const emulator = ctx.sites.sabodala.emulator.control;
  // The original at Bantako's gate first, so that the two taps are minutes apart at most.
  const bantako = await kioskFor(ctx, ctx.browser, 'bantako', 'awa');
  await gateTap(bantako.page, ctx.sites.bantako.emulator.control, PEOPLE.moussa.uid, 'TAP_RESULT_ACCEPTED', 'DIRECTION_OUT', PEOPLE.moussa.given);
  await pause(ctx);
  const card = await gateTap(kiosk.page, emulator, PEOPLE.moussa.uid, 'TAP_RESULT_ACCEPTED', 'DIRECTION_IN', null, image);
  // The card of the tap before (Ibrahima Sidibé's, accepted too) until this one replaces it.
  await waitFor('the copy\'s tap shown', async () => (await card.getByTestId('tap-first-name').count()) === 0
    || (await card.getByTestId('tap-first-name').textContent()).trim() !== PEOPLE.ibrahima.given, 30_000);
  return `la borne de Sabodala l'accepte hors ligne (la copie porte une signature valide) / Sabodala's kiosk accepts it offline (the copy carries a valid signature): ${await card.getAttribute('data-result')}`;
}

const pause = (ctx) => (ctx.options.fast ? Promise.resolve() : sleep(2500));

/// The kiosk page of `site` with `agent` signed in (opened once, the agent changed when needed).
async function kioskFor(ctx, browser, site, agent) {
  let kiosk = ctx.kiosks[site];
  if (!kiosk) {
    const { page, errors } = await openKioskPage(browser, ctx.sites[site].url, agent, pinOf(agent));
    kiosk = ctx.kiosks[site] = { page, errors, agent };
  } else if (kiosk.agent !== agent) {
    if (kiosk.agent) await kioskSignOut(kiosk.page, kiosk.agent);
    await kioskSignIn(kiosk.page, agent, pinOf(agent));
    kiosk.agent = agent;
  }
  return kiosk;
}

/// The simulated date and time now, as the programs see it: "2026-12-02 07:40 UTC".
const simulated = (ctx) => `${new Date(ctx.clock.now()).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/// The clock moved to the step's day and time. A move of more than a few minutes is a new shift:
/// the agents signed in are signed out first (a kiosk signs an idle agent out by itself, and would
/// do it at the jump, in the middle of the next step).
async function moveClock(ctx, step) {
  const before = ctx.clock.now();
  if (ctx.clock.targetOf(step.day, step.time) - before > 5 * 60_000) {
    for (const kiosk of Object.values(ctx.kiosks)) {
      if (!kiosk.agent) continue;
      await kioskSignOut(kiosk.page, kiosk.agent);
      kiosk.agent = null;
    }
  }
  const after = ctx.clock.moveTo(step.day, step.time);
  if (Math.floor(after / 86_400_000) !== Math.floor(before / 86_400_000) || ctx.dayShown === undefined) {
    ctx.dayShown = step.day;
    const date = new Date(after).toISOString().slice(0, 10);
    say(step.day > 0 ? `-- ${date}, J-${step.day} / day D-${step.day}` : `-- ${date}, aujourd'hui / today`);
  }
}

async function playScenario(ctx) {
  const remaining = STEPS.filter((step) => !ctx.state.played(step.id));
  say(`\n== Scénario / scenario: ${STEPS.length - remaining.length} étapes déjà jouées, ${remaining.length} à jouer / `
    + `${STEPS.length - remaining.length} steps already played, ${remaining.length} to play${ctx.options.fast ? ' (--fast)' : ''}`);
  say(`   Jours simulés : ${STEPS[0].day} jours de passages puis aujourd'hui ; l'horloge du serveur, de minegatectl et des bornes`);
  say('   est décalée par libfaketime, pour la démo seulement (tools/system/demo_clock.mjs).');
  say(`   Simulated days: ${STEPS[0].day} days of gate traffic, then today; the clock of the server, minegatectl and the kiosks`);
  say('   is shifted by libfaketime, for the demo only (tools/system/demo_clock.mjs).');
  if (remaining.length === 0) return;
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Failure('playwright-core absent : lancez tools/setup / playwright-core is not installed: run tools/setup');
  });
  ctx.browser = await launchChromium(chromium, { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  for (const step of remaining) {
    if (ctx.stopping) return;
    await moveClock(ctx, step);
    say(`[${elapsed()}] ${simulated(ctx)} ${step.title}`);
    const kiosk = step.site ? await kioskFor(ctx, ctx.browser, step.site, step.agent) : null;
    const detail = await step.play(ctx, kiosk);
    note(detail);
    ctx.state.record(step.id, detail);
    ctx.state.set('clockReached', ctx.clock.mark());
    await pause(ctx);
  }
  for (const [site, kiosk] of Object.entries(ctx.kiosks)) {
    await allSent(kiosk.page);
    note(`${ctx.sites[site].name} : tous les événements de la borne accusés par le serveur / every event of the kiosk acknowledged by the server`);
    if (kiosk.errors.length > 0) throw new Failure(`kiosk page ${site}: ${kiosk.errors.join('; ')}`);
    // The kiosk keeps its agent signed in until the idle time-out: signed out, so that whoever
    // opens the page next finds the roster, as at a gate between shifts.
    if (kiosk.agent) {
      await kioskSignOut(kiosk.page, kiosk.agent);
    }
  }
  await ctx.browser.close();
  ctx.browser = null;
}

// ------------------------------------------------------------------ what the server now shows

/// What the officials will find, read from the server's API with their accounts (each read is in
/// the audit log, as any official's): the protection queue, the census campaign, the suspected
/// clones. Waited for (bounded): the server's risk monitor and clone check run as it stores.
async function summary(ctx) {
  say('\n== Ce que montre le serveur / what the server shows');
  const protection = await signedIn(ctx, 'aminata');
  const queue = await waitFor('the flags', async () => {
    const answer = await api(ctx, 'GET', '/v1/protection/queue', { cookie: protection });
    return answer.status === 200 && answer.body.cases && answer.body.cases.length >= 4 ? answer.body.cases : null;
  }, 30_000).catch(async () => (await api(ctx, 'GET', '/v1/protection/queue', { cookie: protection })).body?.cases ?? []);
  say(`signalements (chargée de protection) / flags (protection officer): ${queue.length}`);
  for (const row of queue) note(`${row.summary.label} ${row.summary.priority} ${row.sex} ${row.ageBand} ${row.lastSeenSiteName}: ${row.indicators.join(', ')}`);
  const emape = await signedIn(ctx, 'ousmane');
  const campaigns = (await api(ctx, 'GET', '/v1/census/campaigns', { cookie: emape })).body?.campaigns ?? [];
  for (const campaign of campaigns) {
    say(`recensement (EMAPE) / census (EMAPE): ${campaign.campaignId ?? campaign.id} ${campaign.siteName} ${campaign.status}, ${campaign.observed} personnes observées / persons observed`);
  }
  const admin = await signedIn(ctx, 'chef');
  const events = await waitFor('the suspected clone', async () => {
    const answer = await api(ctx, 'GET', '/v1/security/events', { cookie: admin });
    return answer.status === 200 && answer.body.events && answer.body.events.length > 0 ? answer.body.events : null;
  }, 30_000).catch(() => []);
  say(`clones présumés (administrateur, Événements de sécurité) / suspected clones (administrator, Security events): ${events.length}`);
  for (const event of events) {
    note(`${event.tagUid}: ${event.first.siteName} (${event.first.gateName}) → ${event.second.siteName} (${event.second.gateName}), `
      + `${Math.round(event.distanceKm)} km en / in ${Math.round(Number(event.elapsedMs) / 1000)} s, ${event.status}`);
  }
}

// ------------------------------------------------------------------ main

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    say(HELP);
    return 0;
  }
  if (options.clean && existsSync(options.state)) {
    lockState(options.state);  // refuses while a demo runs on it
    rmSync(options.state, { recursive: true, force: true });
    say(`état effacé / state erased: ${options.state}`);
  }
  mkdirSync(options.state, { recursive: true });
  const pidFile = lockState(options.state);
  // This run's logs; the previous run's are kept beside them.
  const logs = join(options.state, 'logs');
  if (existsSync(logs)) {
    rmSync(`${logs}.previous`, { recursive: true, force: true });
    renameSync(logs, `${logs}.previous`);
  }
  mkdirSync(logs);
  // Sockets and emulator links: short-lived, remade at each start.
  const run = join(options.state, 'run');
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run);

  const state = new State(options.state);
  const procs = new Processes(options.bin, logs, (text) => say(`[${elapsed()}] ${text}`));
  const ctx = { options, state, procs, run, serverData: join(options.state, 'server-data'), sites: {}, kiosks: {}, browser: null, stopping: false };
  // The programs start on the day of the first step still to play (the set-up half an hour before
  // its first registration), or in the present once the scenario is played.
  ctx.clock = new DemoClock(join(run, 'clock'), state.get('clockReached') ?? 0);
  procs.environment = (binary) => ctx.clock.environmentOf(binary);
  const first = STEPS.find((step) => !state.played(step.id));
  ctx.clock.moveTo(first ? first.day : 0, first && first.day > 0 ? '07:00' : null);
  say(`minegate — démonstration / demonstration; état / state: ${options.state}${state.get('setUp') ? ' (reprise / resumed)' : ''}`);

  let stopped;
  const stop = async (why, code) => {
    if (stopped) return stopped;
    ctx.stopping = true;
    stopped = (async () => {
      say(`\n== Arrêt / stopping (${why})`);
      if (ctx.browser) await ctx.browser.close().catch(() => {});
      await procs.stopAll();
      const left = procs.children.filter((entry) => !entry.exited).map((entry) => `${entry.name} ${entry.child.pid}`);
      rmSync(pidFile, { force: true });
      say(left.length === 0
        ? `arrêtés / stopped: ${procs.children.map((entry) => `${entry.name} ${entry.child.pid}`).join(', ')}`
        : `encore là / still there: ${left.join(', ')}`);
      process.exit(left.length === 0 ? code : 1);
    })();
    return stopped;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal, 0));

  try {
    if (!state.get('setUp')) {
      if (existsSync(ctx.serverData)) {
        throw new Failure(`mise en place interrompue dans ${options.state} : relancez avec --clean / set-up interrupted in ${options.state}: run again with --clean`);
      }
      setUp(ctx);
    }
    await startSystem(ctx);
    printAddresses(ctx);
    await playScenario(ctx);
    if (ctx.stopping) return null;
    await summary(ctx);
  } catch (error) {
    if (ctx.stopping) return null;
    console.error(`\nÉCHEC / FAILED: ${error instanceof Failure ? error.message : error.stack}`);
    console.error(`journaux / logs: ${logs}`);
    await stop('échec / failure', 1);
    return null;
  }
  // Watch the processes: one that ends by itself is said, with its log.
  for (const entry of procs.children) {
    entry.child.on('exit', (code, signal) => {
      if (!ctx.stopping) say(`[${elapsed()}] ${entry.name} s'est arrêté / exited (${code ?? signal}); journal / log: ${entry.logPath}`);
    });
  }
  say(`\nprêt / ready — ${procs.children.length} processus / processes: ${procs.children.map((e) => `${e.name} ${e.child.pid}`).join(', ')}`);
  say('Ctrl-C arrête tout / stops everything; relancer reprend cet état / running again resumes this state; --clean recommence / starts over.');
  return null;
}

main().catch((error) => {
  console.error(`ÉCHEC / FAILED: ${error instanceof Failure ? error.message : error.stack}`);
  process.exit(1);
});
