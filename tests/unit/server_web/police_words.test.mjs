// server/web/assets/pages/police_words.js and police_inquiry.js: the search form's values as GET
// /v1/police/persons wants them (one criterion, days as YYYY-MM-DD, the UID as hex), every code
// of the enums police.proto uses has its words, a timeline read as one list newest first, and
// the inquiry kept for its officer only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DIRECTION, DOCUMENT, OCCUPATION, RELATION, REVOCATION, SEX, VERIFICATION, dayInput, linkedPersonId,
  searchParams, timelineEvents, uidParam, wordKey,
} from '../../../server/web/assets/pages/police_words.js';
import {
  endInquiry, inquiryOf, knownSites, rememberSite, rememberSiteList, sitesListed, saveSearch, savedSearch, startInquiry,
} from '../../../server/web/assets/pages/police_inquiry.js';

test('every value of the enums a police answer carries has its words', () => {
  const proto = readFileSync(new URL('../../../proto/minegate/v1/events.proto', import.meta.url), 'utf8');
  const values = (name) => [...new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(proto)[1].matchAll(/^\s*([A-Z_0-9]+) = \d+;/gm)].map((m) => m[1]);
  for (const [name, table, skip] of [['Sex', SEX], ['Direction', DIRECTION], ['Verification', VERIFICATION, 'VERIFICATION_VALID'],
    ['DocumentType', DOCUMENT], ['Occupation', OCCUPATION], ['CompanionRelation', RELATION], ['RevocationReason', REVOCATION]]) {
    assert.deepEqual(Object.keys(table).sort(), values(name).filter((v) => v !== skip).sort(), name);
  }
  assert.equal(wordKey(SEX, undefined), 'person.sex_not_stated', 'a zero enum is left out of the JSON');
  assert.equal(wordKey(RELATION, 'COMPANION_RELATION_NEW_ONE'), 'police.relation_unspecified');
});

test('the form starts with the last 30 days', () => {
  const now = new Date(2026, 11, 7, 15, 30).getTime();
  assert.equal(dayInput(now), '07/12/2026');
  assert.equal(dayInput(now, 30), '07/11/2026');
});

test('one criterion a search, checked before it is sent', () => {
  assert.deepEqual(searchParams('uid', { uid: '04:a1:b2 c3:d4:e5:f6' }), { params: { uid: '04A1B2C3D4E5F6' } });
  assert.equal(uidParam('04-A1-B2-C3'), '04A1B2C3');
  assert.deepEqual(searchParams('uid', { uid: '04A1B2C3D4E5' }), { error: 'police.bad_uid', field: 'uid' });
  assert.deepEqual(searchParams('uid', { uid: '' }), { error: 'police.uid_missing', field: 'uid' });
  assert.deepEqual(searchParams('name', { name: '  ndeye diop ', document: 'x' }), { params: { name: 'ndeye diop' } });
  assert.deepEqual(searchParams('name', { name: ' ' }), { error: 'police.name_missing', field: 'name' });
  assert.deepEqual(searchParams('document', { document: 'sn 2751-1987' }), { params: { document: 'sn 2751-1987' } });
  assert.deepEqual(searchParams('nationality', { nationality: 'MLI', from: '01/12/2026', to: '07/12/2026', name: 'x' }),
    { params: { nationality: 'MLI', from: '2026-12-01', to: '2026-12-07' } });
  assert.deepEqual(searchParams('nationality', { nationality: 'other', nationalityOther: 'lbn', from: '1/12/2026', to: '1/12/2026' }),
    { params: { nationality: 'LBN', from: '2026-12-01', to: '2026-12-01' } });
  assert.deepEqual(searchParams('nationality', { nationality: 'other', nationalityOther: 'LB', from: '1/12/2026', to: '1/12/2026' }),
    { error: 'police.bad_nationality', field: 'nationalityOther' });
  assert.deepEqual(searchParams('nationality', { nationality: '', from: '1/12/2026', to: '1/12/2026' }),
    { error: 'police.bad_nationality', field: 'nationality' });
  assert.deepEqual(searchParams('site', { site: '2', from: '07/12/2026', to: '01/12/2026' }), { error: 'police.bad_range', field: 'to' });
  assert.deepEqual(searchParams('site', { site: '2', from: '', to: '01/12/2026' }), { error: 'police.from_missing', field: 'from' });
  assert.deepEqual(searchParams('site', { site: '2', from: '1/12/2026', to: '32/12/2026' }), { error: 'police.bad_day', field: 'to' });
  assert.deepEqual(searchParams('site', { site: 'Bantako', from: '1/12/2026', to: '2/12/2026' }), { error: 'police.bad_site', field: 'site' });
  assert.deepEqual(searchParams('site', { site: '2', from: '1/12/2026', to: '2/12/2026' }), { params: { site: '2', from: '2026-12-01', to: '2026-12-02' } });
});

test('a timeline as one list, newest first; a registration below what was written with it', () => {
  const timeline = {
    personId: 'b6'.repeat(16),
    registration: { registeredAtMs: '1000', siteId: '1', siteName: 'Bantako', gateName: 'Porte principale' },
    passages: [
      { atMs: '5000', siteId: '2', siteName: 'Sabodala', gateName: 'Porte sud', direction: 'DIRECTION_OUT', verification: 'VERIFICATION_VALID' },
      { atMs: '3000', siteId: '2', siteName: 'Sabodala', direction: 'DIRECTION_IN', verification: 'VERIFICATION_BRACELET_REVOKED' },
    ],
    censusObservations: [{ campaignId: '4', observedAtMs: '4000', siteId: '2', siteName: 'Sabodala' }],
    cameWith: [{ personId: 'b5'.repeat(16), relation: 'COMPANION_RELATION_EMPLOYER', recordedAtMs: '1000', siteId: '1' }],
    accompanied: [{ description: 'un homme', recordedAtMs: '2000', siteId: '1' }],
    bracelets: [
      { tagUid: '04aa', issuedAtMs: '1000', issuedSiteId: '1', revoked: true, revokedAtMs: '2500', replaced: true },
      { tagUid: '04bb', issuedAtMs: '2500', issuedSiteId: '1' },
    ],
    minerCards: [{ cardNumber: 'EM-1', linkedAtMs: '6000' }],
  };
  const events = timelineEvents(timeline);
  assert.deepEqual(events.map((e) => `${e.atMs}:${e.what}`), [
    '6000:card', '5000:passage', '4000:census', '3000:passage', '2500:bracelet_revoked', '2500:bracelet',
    '2000:accompanied', '1000:came_with', '1000:bracelet', '1000:registration',
  ]);
  assert.deepEqual(events.map((e) => e.kind).filter((k, i, all) => all.indexOf(k) === i).sort(),
    ['bracelet', 'card', 'census', 'companion', 'passage', 'registration']);
  assert.equal(events[1].siteName, 'Sabodala');
  assert.equal(events[1].gateName, 'Porte sud');
  assert.deepEqual(timelineEvents({}), []);
  assert.equal(linkedPersonId(timeline.cameWith[0]), 'b5'.repeat(16));
  assert.equal(linkedPersonId(timeline.accompanied[0]), '');
});

test('the inquiry is its officer\'s, and a new one forgets the last search', () => {
  const moussa = { userId: 'moussa' };
  assert.equal(inquiryOf(moussa), null);
  startInquiry(moussa, "Contrôle d'identité", 'PV-2026/0042');
  assert.deepEqual(inquiryOf(moussa), { reason: "Contrôle d'identité", caseReference: 'PV-2026/0042' });
  assert.equal(inquiryOf({ userId: 'awa' }), null, 'another officer on the same browser states their own');
  assert.equal(inquiryOf(null), null);
  saveSearch(moussa, { kind: 'name', persons: [1] });
  assert.deepEqual(savedSearch(moussa), { kind: 'name', persons: [1] });
  assert.equal(savedSearch({ userId: 'awa' }), null);
  startInquiry(moussa, 'Enquête judiciaire', 'PV-2026/0043');
  assert.equal(savedSearch(moussa), null);
  endInquiry();
  assert.equal(inquiryOf(moussa), null);
  rememberSite('2', 'Sabodala');
  rememberSite('1', 'Bantako');
  rememberSite('0', 'nowhere');
  rememberSite('x', 'nowhere');
  assert.deepEqual(knownSites(), [['1', 'Bantako'], ['2', 'Sabodala']]);
});

test('the registry\'s list of sites is read once; the sites met in answers do not count as it', () => {
  rememberSite('7', 'Kharakhéna');
  assert.equal(sitesListed(), false, 'sites met in answers only');
  rememberSiteList([{ siteId: '3', name: 'Bantako' }, { siteId: '4', name: 'Tenkoto' }, { siteId: '0', name: 'nowhere' }]);
  assert.equal(sitesListed(), true);
  assert.deepEqual(knownSites().map(([id]) => id).filter((id) => ['3', '4', '7', '0'].includes(id)), ['3', '7', '4']);
  rememberSiteList(undefined);
  assert.equal(sitesListed(), true);
});
