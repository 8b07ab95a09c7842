// server/web/assets/pages/admin_rules.js: a rule set's error position (line and column as the
// server's protobuf tokenizer counts them, in bytes) to the place in the text the page selects,
// where a description's accents take two bytes and one character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnIndex, offsetOf } from '../../../server/web/assets/pages/admin_rules.js';

test('a column counted in bytes becomes a character index, accents counted once', () => {
  assert.equal(columnIndex('abc', 1), 0);
  assert.equal(columnIndex('abc', 3), 2);
  assert.equal(columnIndex('"élevé" x', 1), 0);
  // '"', 'é' (2 bytes), 'l', 'e', 'v', 'é' (2 bytes), '"', ' ': the x is byte column 11, character 8.
  assert.equal(columnIndex('"élevé" x', 11), 8);
  assert.equal(columnIndex('abc', 99), 3, 'clamped to the line');
  assert.equal(columnIndex('', 5), 0);
});

test('a line and column become an offset in the whole text, clamped to it', () => {
  const text = 'version: "1"\nrule { id: "é" }\nend';
  assert.equal(offsetOf(text, 1, 1), 0);
  assert.equal(offsetOf(text, 2, 1), 13);
  assert.equal(text.slice(offsetOf(text, 2, 15)), '" }\nend', 'after the two-byte é');
  assert.equal(offsetOf(text, 3, 1), text.indexOf('end'));
  assert.equal(offsetOf(text, 9, 1), text.indexOf('end'), 'a line past the end: the last');
  assert.equal(offsetOf(text, 0, 1), 0, 'line 0: the first');
});
