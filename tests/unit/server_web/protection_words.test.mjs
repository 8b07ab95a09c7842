// server/web/assets/pages/protection_words.js: every code the server sends has its catalogue key
// (the catalogue test checks the keys exist), unknown codes fall back without a missing key, and
// the case history's details written by server/protection are taken apart for the page to say
// them in words — with the server's exact formats, read from its sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  INDICATORS, builtKeys, indicatorKey, parseHistoryDetail, priorityKey, statusKey,
} from '../../../server/web/assets/pages/protection_words.js';

test('codes to keys; an unknown code falls back', () => {
  assert.equal(priorityKey('PRIORITY_URGENT'), 'priority.urgent');
  assert.equal(priorityKey(undefined), 'priority.none');
  assert.equal(statusKey('referred'), 'case_status.referred');
  assert.equal(statusKey('whatever'), 'case_status.new');
  assert.equal(indicatorKey('female_minor'), 'indicator.female_minor');
  assert.equal(indicatorKey('an_uploaded_rule'), null);
  assert.ok(builtKeys().every((key) => typeof key === 'string' && key.includes('.')));
});

test('the built-in rule set\'s indicator ids are the ones with words', () => {
  const rules = readFileSync(new URL('../../../server/risk/default_rules.textproto', import.meta.url), 'utf8');
  const ids = [...rules.matchAll(/^\s*id: "([a-z_]+)"/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(ids)].sort(), [...INDICATORS].sort());
});

test('history details as server/protection writes them', () => {
  assert.deepEqual(parseHistoryDetail('flagged', 'PRIORITY_URGENT 2026-12-07.2: female_minor, companion_not_family'), {
    kind: 'flag', priority: 'PRIORITY_URGENT', version: '2026-12-07.2', indicators: ['female_minor', 'companion_not_family'],
  });
  assert.deepEqual(parseHistoryDetail('referred', "referral 1, service 3 (Centre d'accueil (Kédougou)), due 2026-12-10T23:59:59.999Z"), {
    kind: 'referred', referral: '1', service: "Centre d'accueil (Kédougou)", dueAtMs: Date.UTC(2026, 11, 10, 23, 59, 59, 999),
  });
  assert.deepEqual(parseHistoryDetail('referral_acknowledged', 'referral 12'), { kind: 'acknowledged', referral: '12' });
  assert.deepEqual(parseHistoryDetail('referral_outcome', 'referral 2: accepted — Hébergée\nau centre'), {
    kind: 'outcome', referral: '2', outcome: 'accepted', note: 'Hébergée\nau centre',
  });
  assert.deepEqual(parseHistoryDetail('referral_outcome', 'referral 2: declined'), { kind: 'outcome', referral: '2', outcome: 'declined', note: '' });
  // An officer's reason stays as written, even when it looks like a code.
  assert.deepEqual(parseHistoryDetail('dismissed', 'referral 1'), { kind: 'text', text: 'referral 1' });
  assert.deepEqual(parseHistoryDetail('flagged', 'something else'), { kind: 'text', text: 'something else' });
});

test('the formats parsed are the ones the server writes', () => {
  const cases = readFileSync(new URL('../../../server/protection/case_store.cpp', import.meta.url), 'utf8');
  const referrals = readFileSync(new URL('../../../server/protection/referral_store.cpp', import.meta.url), 'utf8');
  assert.match(cases, /PriorityWord\(priority\) \+ " " \+ std::string\(detail\)/);
  assert.match(referrals, /"referral " \+ std::to_string\(referral_id\) \+ ", service "/);
  assert.match(referrals, /"\), due " \+\s*base::FormatUtcMs\(due_at_ms\)/);
  assert.match(referrals, /"referral " \+ std::to_string\(referral_id\) \+ ": " \+ std::string\(Name\(outcome\)\)/);
  assert.match(referrals, /detail \+= " — " \+ std::string\(note\)/);
});
