// server/web/assets/ui.js: newestOnly, which keeps a list from being drawn with an older answer
// that came back after a newer one (a filter changed while the first page was on its way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestOnly } from '../../../server/web/assets/ui.js';

/// A load as the pages write it: begin, wait for the answer, draw it only if still the newest.
function listOf(begin) {
  const drawn = [];
  const load = async (answer) => {
    const newest = begin();
    const value = await answer;
    if (newest()) drawn.push(value);
  };
  return { drawn, load };
}

/// An answer the test lets arrive when it chooses.
function pending() {
  let arrive;
  const promise = new Promise((resolve) => { arrive = resolve; });
  return { promise, arrive };
}

test('an older answer that arrives last is not drawn', async () => {
  const { drawn, load } = listOf(newestOnly());
  const open = pending();
  const all = pending();
  const first = load(open.promise);   // the page's first load: open events
  const second = load(all.promise);   // the filter set to "all" before it answered
  all.arrive('all');
  await second;
  open.arrive('open');
  await first;
  assert.deepEqual(drawn, ['all']);
});

test('loads one after the other are all drawn', async () => {
  const { drawn, load } = listOf(newestOnly());
  await load(Promise.resolve('first'));
  await load(Promise.resolve('second'));
  assert.deepEqual(drawn, ['first', 'second']);
});

test('each list keeps its own turns', async () => {
  const a = listOf(newestOnly());
  const b = listOf(newestOnly());
  const slow = pending();
  const first = a.load(slow.promise);
  await b.load(Promise.resolve('b'));  // another list's load does not make a's answer old
  slow.arrive('a');
  await first;
  assert.deepEqual(a.drawn, ['a']);
  assert.deepEqual(b.drawn, ['b']);
});

test('an answer for a view no longer shown is not drawn', async () => {
  let shown = true;
  const { drawn, load } = listOf(newestOnly({ isCurrent: () => shown }));
  const slow = pending();
  const first = load(slow.promise);
  shown = false;  // the official went to another page meanwhile
  slow.arrive('late');
  await first;
  assert.deepEqual(drawn, []);
});
