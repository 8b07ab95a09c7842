// Static checks of the kiosk page, run by ctest (e2e.page_catalogues):
// - fr.json and en.json have exactly the same keys, no empty text, the same {placeholders};
// - every code the daemon can send (the enums of kiosk_ui.proto, events.proto, reader.proto,
//   sync.proto that the page shows) has a text;
// - every key the JavaScript names, and every choice it offers, has a text;
// - nothing the CSP (default-src 'self') would block: no inline script, style or handler,
//   no eval, no markup built from strings, no external URL.
// Usage: node check_page.mjs [STATIC_DIR] [PROTO_DIR]; exit 1 with the list of problems.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const staticDir = resolve(process.argv[2] || join(root, 'kiosk/ui/static'));
const protoDir = resolve(process.argv[3] || join(root, 'proto/minegate/v1'));

const problems = [];
const problem = (text) => problems.push(text);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function loadCatalogue(name) {
  const path = join(staticDir, 'i18n', `${name}.json`);
  const text = readFileSync(path, 'utf8');
  const seen = new Set();
  for (const match of text.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*:/gm)) {
    if (seen.has(match[1])) problem(`${name}.json: key "${match[1]}" appears twice`);
    seen.add(match[1]);
  }
  const catalogue = JSON.parse(text);
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value !== 'string' || value.trim() === '') problem(`${name}.json: "${key}" has no text`);
  }
  return catalogue;
}

const fr = loadCatalogue('fr');
const en = loadCatalogue('en');
for (const key of Object.keys(fr)) if (!(key in en)) problem(`en.json lacks "${key}"`);
for (const key of Object.keys(en)) if (!(key in fr)) problem(`fr.json lacks "${key}"`);
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const key of Object.keys(fr)) {
  if (key in en && placeholders(fr[key]) !== placeholders(en[key])) {
    problem(`"${key}": placeholders differ: fr {${placeholders(fr[key])}} en {${placeholders(en[key])}}`);
  }
}

// ---------------------------------------------------------------- codes from the protos
const SHOWN_ENUMS = [
  'UiErrorCode', 'FieldProblem', 'TapResult', 'TapProblem', 'Verification', 'WriteOutcome',
  'ReaderState', 'Sex', 'DocumentType', 'DocumentHolder', 'Occupation', 'Purpose', 'PromisedJob',
  'Answer', 'ConsentMethod', 'CompanionRelation', 'CompanionChoice', 'AgentRole', 'KioskMode',
  'Direction', 'RegistrationStep', 'SearchOutcome', 'RevocationReason', 'BraceletServiceStep',
  'PoliceReason', 'PoliceResult',
];
const required = new Map(); // key -> where it is needed
const need = (key, where) => {
  if (!required.has(key)) required.set(key, where);
};
const enums = new Map();
for (const file of ['kiosk_ui.proto', 'events.proto', 'reader.proto', 'sync.proto']) {
  const text = readFileSync(join(protoDir, file), 'utf8');
  for (const match of text.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(match[1], [...match[2].matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]));
  }
}
for (const name of SHOWN_ENUMS) {
  if (!enums.has(name)) problem(`enum ${name} not found in ${protoDir}`);
  for (const value of enums.get(name) || []) need(value, `enum ${name}`);
}
// Sync errors are shown by name with a generic fallback.
need('SYNC_ERROR_GENERIC', 'sync screen fallback');

// ---------------------------------------------------------------- keys named by the page
const constants = await import(pathToFileURL(join(staticDir, 'constants.js')).href);
for (const code of constants.COUNTRIES) need(`country.${code}`, 'constants.js COUNTRIES');
need('country.OTHER', 'constants.js COUNTRIES');
for (const code of [...constants.INFORMATION_LANGUAGES, ...constants.SPOKEN_LANGUAGES]) {
  need(`language.${code}`, 'constants.js languages');
}
for (const [name, value] of Object.entries(constants)) {
  if (Array.isArray(value) && value.every((v) => /^[A-Z]+(_[A-Z0-9]+)+$/.test(v))) {
    for (const code of value) need(code, `constants.js ${name}`);
  }
}

const files = walk(staticDir);
const scripts = files.filter((f) => f.endsWith('.js'));
const NOT_KEYS = /^(LANGUAGE_|TAP_PROMPT_)/;
for (const file of scripts) {
  const where = relative(staticDir, file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/'([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)'/g)) {
    if (!/\.(js|json|css|html)$/.test(match[1])) need(match[1], where);
  }
  for (const match of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
    if (!NOT_KEYS.test(match[1])) need(match[1], where);
  }
  // Field paths without a dot ('companionDescription') are labels too.
  for (const match of text.matchAll(/\b(?:field|checkbox|select|segmented|textInput)\(\s*'([A-Za-z.]+)'(?:\s*,\s*'([A-Za-z.]+)')?/g)) {
    need(match[1], where);
    if (match[2] && match[0].startsWith('checkbox')) need(match[2], where);
  }
  if (/\beval\s*\(|new\s+Function\s*\(|\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/.test(text)) {
    problem(`${where}: eval, Function or HTML built from strings (CSP and injection)`);
  }
  if (/https?:\/\/|wss:\/\//.test(text.replace(/\/\/[^\n]*$/gm, ''))) problem(`${where}: external URL`);
  if (/\.style\.|setAttribute\(\s*'style'/.test(text)) problem(`${where}: inline style (CSP style-src)`);
}
for (const file of files.filter((f) => f.endsWith('.html'))) {
  const where = relative(staticDir, file);
  const text = readFileSync(file, 'utf8');
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(text)) problem(`${where}: inline script`);
  if (/\sstyle\s*=|<style/i.test(text)) problem(`${where}: inline style`);
  if (/\son[a-z]+\s*=/i.test(text)) problem(`${where}: inline event handler`);
  if (/(src|href)\s*=\s*"(https?:)?\/\//i.test(text)) problem(`${where}: external resource`);
  const visible = text.replace(/<head>[\s\S]*<\/head>/i, '').replace(/<[^>]*>/g, '').trim();
  if (visible !== '') problem(`${where}: visible text outside the catalogues: "${visible.slice(0, 60)}"`);
}

for (const [key, where] of required) {
  if (!(key in fr)) problem(`fr.json lacks "${key}" (needed by ${where})`);
  if (!(key in en)) problem(`en.json lacks "${key}" (needed by ${where})`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`page check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`page check: ${Object.keys(fr).length} keys in both catalogues, ${required.size} required keys present, ${scripts.length} scripts clean`);
