// server/web/assets/qr.js over the vendored encoder: a real enrolment file's size encodes, the
// symbol has its three finder patterns where a reader looks for them, and the drawn path has
// exactly one square per dark module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qrModules, qrPath } from '../../../server/web/assets/qr.js';

const file = [
  "# Inscription de borne minegate : à usage unique, à détruire après l'inscription.",
  '# minegate kiosk enrolment: single use, destroy after enrolment.',
  'device_id: "kdg-0001"', 'site_id: 1', 'gate_id: 1', 'enrolment_code: "7K3D-QX0M-A1B2-C3D4"',
  'expires_at_ms: 1796225854212', `server_sealing_public_key: "${'3f'.repeat(32)}"`,
  `server_sealing_key_id: "${'a1'.repeat(8)}"`, `server_certificate_sha256: "${'9c'.repeat(32)}"`, '',
].join('\n');

function finderAt(modules, x0, y0) {
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      assert.equal(modules[y0 + y][x0 + x], ring !== 2, `finder at ${x0},${y0}: module ${x},${y}`);
    }
  }
}

test('an enrolment file encodes into a square symbol with its finder patterns', () => {
  const modules = qrModules(file);
  const size = modules.length;
  assert.ok(modules.every((row) => row.length === size));
  assert.equal((size - 17) % 4, 0, 'size = 17 + 4 × version');
  const version = (size - 17) / 4;
  assert.ok(version >= 10 && version <= 25, `version ${version}`);
  finderAt(modules, 0, 0);
  finderAt(modules, size - 7, 0);
  finderAt(modules, 0, size - 7);
  assert.deepEqual(qrModules(file), modules, 'deterministic');
  assert.notDeepEqual(qrModules(file.replace('kdg-0001', 'kdg-0002')), modules);
});

test('the path has one unit square per dark module, inside the quiet zone', () => {
  const modules = qrModules('7K3D-QX0M-A1B2-C3D4');
  const dark = modules.flat().filter(Boolean).length;
  const squares = qrPath(modules).match(/M(\d+),(\d+)h1v1h-1z/g);
  assert.equal(squares.length, dark);
  assert.ok(qrPath(modules).startsWith('M4,4h1v1h-1z'), 'top-left finder corner after 4 light modules');
});
