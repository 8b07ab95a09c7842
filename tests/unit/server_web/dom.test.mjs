// server/web/assets/dom.js formValues: what a form's fields give the pages (trimmed text, a
// password as typed, checkbox groups as arrays, a radio group as its checked value). The form is
// a plain object with the `elements` a browser's form has: formValues reads only name, type,
// value and checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formValues } from '../../../server/web/assets/dom.js';

const form = (...elements) => ({ elements });
const radio = (name, value, checked = false) => ({ name, type: 'radio', value, checked });

test('a radio group gives its checked value, wherever it stands in the group', () => {
  const kinds = (checked) => form(...['missing_person', 'watch', 'other'].map((v) => radio('kind', v, v === checked)));
  assert.deepEqual(formValues(kinds('missing_person')), { kind: 'missing_person' }, 'the first checked, not the last written');
  assert.deepEqual(formValues(kinds('watch')), { kind: 'watch' });
  assert.deepEqual(formValues(kinds('other')), { kind: 'other' });
  assert.deepEqual(formValues(kinds(null)), { kind: '' }, 'none checked');
});

test('text trimmed, a password as typed, checkbox groups as arrays, unnamed fields skipped', () => {
  const values = formValues(form(
    { name: 'name', type: 'text', value: '  Awa Diallo ' },
    { name: 'site', type: 'select-one', value: '12' },
    { name: 'password', type: 'password', value: ' secret ' },
    { name: 'siteIds', type: 'checkbox', value: '1', checked: true },
    { name: 'siteIds', type: 'checkbox', value: '2', checked: false },
    { name: 'siteIds', type: 'checkbox', value: '3', checked: true },
    { name: 'none', type: 'checkbox', value: '1', checked: false },
    { name: '', type: 'submit', value: 'ok' },
    radio('by', 'name', true),
    radio('by', 'uid'),
  ));
  assert.deepEqual(values, {
    name: 'Awa Diallo', site: '12', password: ' secret ', siteIds: ['1', '3'], none: [], by: 'name',
  });
});
