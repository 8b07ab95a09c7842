// server/web/assets as a whole, before any browser: the two catalogues have the same keys and
// placeholders; every key the pages name exists; nothing the Content-Security-Policy would
// block or that could inject markup; nothing fetched from another origin; every import
// resolves to an embedded file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGES, SECTIONS, WORKSPACES } from '../../../server/web/assets/router.js';
import { ROLES, roleKey } from '../../../server/web/assets/format.js';
import { OUTCOMES, ROLE_NAMES } from '../../../server/web/assets/audit_query.js';
import { DEPARTMENTS } from '../../../server/web/assets/pages/admin_sites.js';
import { builtKeys as protectionKeys } from '../../../server/web/assets/pages/protection_words.js';

const root = fileURLToPath(new URL('../../../server/web/assets/', import.meta.url));
const fr = JSON.parse(readFileSync(join(root, 'i18n/fr.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'i18n/en.json'), 'utf8'));

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
const ours = filesUnder(root).filter((f) => f.endsWith('.js') && !f.includes('/vendor/'));
const sources = Object.fromEntries(ours.map((f) => [relative(root, f), readFileSync(f, 'utf8')]));

test('French and English catalogues: same keys, same placeholders, no empty text', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
  const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(fr)) {
    assert.ok(fr[key].trim() && en[key].trim(), key);
    assert.deepEqual(placeholders(en[key]), placeholders(fr[key]), key);
  }
});

test('every key the pages name is in the catalogue, and every catalogue key is used', () => {
  const namespaces = new Set(Object.keys(fr).map((key) => key.split('.')[0]));
  const used = new Set();
  for (const [file, text] of Object.entries(sources)) {
    for (const [, key] of text.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) {
      if (!namespaces.has(key.split('.')[0])) continue;
      assert.ok(key in fr, `${file}: '${key}' is not in i18n/fr.json`);
      used.add(key);
    }
  }
  // Keys built at run time, from the tables that build them.
  const views = new Set([...PAGES.map((p) => p.view), 'forbidden', 'notFound']);
  const built = [
    ...[...views].map((v) => `title.${v}`),
    ...Object.values(SECTIONS).flat().map((p) => `nav.${p}`),
    ...WORKSPACES.flatMap((w) => [`workspace.${w}`, `workspace.${w}.text`]),
    ...ROLES.map(roleKey), ...ROLE_NAMES.map(roleKey), roleKey(undefined),
    ...DEPARTMENTS.map((d) => `department.${d}`),
    ...OUTCOMES.map((o) => `outcome.${o}`),
    ...['user', 'api_token', 'minegatectl', 'device', 'anonymous'].map((a) => `actor.${a}`),
    ...['from', 'to', 'person'].map((f) => `audit.bad_${f}`),
    ...protectionKeys(),
  ];
  for (const key of built) {
    assert.ok(key in fr, `'${key}' is not in i18n/fr.json`);
    used.add(key);
  }
  assert.deepEqual(Object.keys(fr).filter((key) => !used.has(key)), [], 'keys no page uses');
});

test('nothing the CSP blocks, nothing that injects markup, nothing from elsewhere', () => {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'inline script');
  assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i, 'inline style or handler');
  assert.doesNotMatch(html, /https?:\/\//, 'another origin in the shell');
  for (const [file, text] of Object.entries(sources)) {
    assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
    assert.doesNotMatch(text, /setAttribute\(\s*'style'|\bstyle:/, `${file}: inline style`);
    const urls = [...text.matchAll(/https?:\/\/[^\s'"`]+/g)].map((m) => m[0]);
    assert.deepEqual(urls.filter((u) => u !== 'http://www.w3.org/2000/svg'), [], `${file}: another origin`);
  }
  const css = readFileSync(join(root, 'app.css'), 'utf8');
  assert.doesNotMatch(css, /url\(|@import/, 'the style sheet loads nothing');
});

test('every import is relative and names an embedded file; the shell names existing files', () => {
  for (const [file, text] of Object.entries(sources)) {
    const specs = [...text.matchAll(/(?:^|\n)\s*import\s[^'"]*['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)];
    for (const [, spec] of specs) {
      assert.match(spec, /^\.\.?\//, `${file}: ${spec} is not relative`);
      assert.ok(existsSync(join(root, dirname(file), spec)), `${file}: ${spec} does not exist`);
    }
  }
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/\{\{static\}\}(\/[^"]+)/g)].map((m) => m[1]);
  assert.ok(refs.length >= 3);
  for (const ref of refs) assert.ok(existsSync(join(root, ref)), ref);
});
