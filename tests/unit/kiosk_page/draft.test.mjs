// The registration draft as the page handles it (kiosk/ui/static/draft.js): paths into
// it, pruning to proto3 JSON before it is sent, protection answers withheld without
// consent, and when the page keeps its working copy or takes the daemon's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PAGE_STEPS, draftAction, getPath, outgoingDraft, prune, setPath,
} from '../../../kiosk/ui/static/draft.js';

test('getPath reads a dotted path and stops where the path does', () => {
  const draft = { person: { birth: { year: 2004 } } };
  assert.equal(getPath(draft, 'person.birth.year'), 2004);
  assert.equal(getPath(draft, 'person.birth.month'), undefined);
  assert.equal(getPath(draft, 'person.identityDocument.number'), undefined);
  assert.equal(getPath(null, 'person'), undefined);
});

test('setPath makes the objects on the way and deletes on an empty value', () => {
  const draft = {};
  setPath(draft, 'person.identityDocument.number', 'A123');
  assert.deepEqual(draft, { person: { identityDocument: { number: 'A123' } } });
  setPath(draft, 'person.identityDocument.number', '');
  assert.deepEqual(draft, { person: { identityDocument: {} } });
  setPath(draft, 'person.givenName', 'Awa');
  setPath(draft, 'person.givenName', undefined);
  setPath(draft, 'person.sex', null);
  assert.deepEqual(draft, { person: { identityDocument: {} } });
  // A scalar in the way is replaced by an object, not written through.
  const odd = { person: 'x' };
  setPath(odd, 'person.birth.year', 2001);
  assert.deepEqual(odd, { person: { birth: { year: 2001 } } });
});

test('prune drops what proto3 JSON omits: empty texts, zeros, false, unset enums, empty objects and lists', () => {
  const pruned = prune({
    step: 'REGISTRATION_STEP_FORM',
    person: {
      givenName: 'Awa',
      familyName: '',
      sex: 'SEX_UNSPECIFIED',
      birth: { year: 0, month: 0, estimated: false },
      languages: [],
      travelPaidByThirdParty: 'ANSWER_NOT_ASKED',
      identityDocument: { type: 'DOCUMENT_TYPE_PASSPORT', holder: 'DOCUMENT_HOLDER_NOT_ASKED', number: null },
      consent: { informationGiven: true, method: undefined },
    },
    companionChoice: 'COMPANION_CHOICE_UNSPECIFIED',
  });
  assert.deepEqual(pruned, {
    step: 'REGISTRATION_STEP_FORM',
    person: {
      givenName: 'Awa',
      identityDocument: { type: 'DOCUMENT_TYPE_PASSPORT' },
      consent: { informationGiven: true },
    },
  });
});

test('prune keeps what was answered, including "no", "declined" and non-empty lists as they are', () => {
  const kept = {
    person: {
      debtDeclared: 'ANSWER_NO',
      travelPaidByThirdParty: 'ANSWER_DECLINED',
      identityDocument: { holder: 'DOCUMENT_HOLDER_DECLINED' },
      languages: ['wol', 'fra'],
      birth: { year: 1999, estimated: true },
    },
  };
  assert.deepEqual(prune(structuredClone(kept)), kept);
});

test('prune of nothing is undefined, and an outgoing empty draft is {}', () => {
  assert.equal(prune({ person: { birth: {} }, step: '' }), undefined);
  assert.deepEqual(outgoingDraft({ person: { givenName: '' } }), {});
});

const answered = () => ({
  step: 'REGISTRATION_STEP_FORM',
  person: {
    givenName: 'Awa',
    travelPaidByThirdParty: 'ANSWER_YES',
    debtDeclared: 'ANSWER_DECLINED',
    identityDocument: { type: 'DOCUMENT_TYPE_PASSPORT', number: 'A123', holder: 'DOCUMENT_HOLDER_COMPANION' },
    consent: { informationGiven: true, method: 'CONSENT_METHOD_ORAL' },
  },
});

test('without consent the protection answers are not sent, and the working copy keeps them', () => {
  const draft = answered();
  const sent = outgoingDraft(draft);
  assert.equal(sent.person.travelPaidByThirdParty, undefined);
  assert.equal(sent.person.debtDeclared, undefined);
  assert.deepEqual(sent.person.identityDocument, { type: 'DOCUMENT_TYPE_PASSPORT', number: 'A123' });
  assert.equal(sent.person.givenName, 'Awa');
  assert.deepEqual(draft, answered());
});

test('with consent the protection answers are sent', () => {
  const draft = answered();
  draft.person.consent.protectionQuestionsAccepted = true;
  const sent = outgoingDraft(draft);
  assert.equal(sent.person.travelPaidByThirdParty, 'ANSWER_YES');
  assert.equal(sent.person.debtDeclared, 'ANSWER_DECLINED');
  assert.equal(sent.person.identityDocument.holder, 'DOCUMENT_HOLDER_COMPANION');
});

test('a draft without a person is sent as it is, pruned', () => {
  assert.deepEqual(outgoingDraft({ step: 'REGISTRATION_STEP_INFORMATION', companionDescription: '' }),
    { step: 'REGISTRATION_STEP_INFORMATION' });
});

// ---------------------------------------------------------------- keep or take the daemon's

const FORM = 'REGISTRATION_STEP_FORM';
const COMPANION = 'REGISTRATION_STEP_COMPANION';
const CONSENT = 'REGISTRATION_STEP_CONSENT';
const situation = (overrides) => ({
  working: { step: FORM, person: { givenName: 'Aw' } },
  daemon: { step: FORM },
  pending: false,
  sentStep: FORM,
  daemonToken: '',
  ...overrides,
});

test('the page moves through the first four steps itself', () => {
  assert.deepEqual(PAGE_STEPS, [
    'REGISTRATION_STEP_INFORMATION', CONSENT, FORM, COMPANION,
  ]);
});

test('no working copy yet: the daemon\'s draft is taken', () => {
  assert.equal(draftAction(situation({ working: null })), 'adopt');
});

test('the daemon at the bracelet step, or the page left there: the daemon\'s draft is taken', () => {
  assert.equal(draftAction(situation({ daemon: { step: 'REGISTRATION_STEP_BRACELET' } })), 'adopt');
  assert.equal(draftAction(situation({ working: { step: 'REGISTRATION_STEP_BRACELET' } })), 'adopt');
});

test('same step, nothing new from the daemon: what the agent typed is kept', () => {
  assert.equal(draftAction(situation({})), 'keep');
  assert.equal(draftAction(situation({ pending: true })), 'keep');
});

test('while a save is pending, a state still showing the previous step does not undo the move', () => {
  const moved = situation({ working: { step: COMPANION }, daemon: { step: FORM }, sentStep: COMPANION, pending: true });
  assert.equal(draftAction(moved), 'keep');
});

test('the daemon kept an earlier step than the one sent: taken, and said as refused', () => {
  const refused = situation({ working: { step: COMPANION }, daemon: { step: FORM }, sentStep: COMPANION });
  assert.equal(draftAction(refused), 'refused');
});

test('the daemon changed the step on its own to a later one (a restart): taken, not refused', () => {
  const later = situation({ working: { step: CONSENT }, daemon: { step: FORM }, sentStep: CONSENT });
  assert.equal(draftAction(later), 'adopt');
});

test('the daemon read the companion\'s bracelet: only that is taken', () => {
  assert.equal(draftAction(situation({ daemon: { step: FORM, companionPersonToken: 'dG9rZW4=' } })), 'companion');
  assert.equal(draftAction(situation({
    daemon: { step: FORM, companionPersonToken: 'dG9rZW4=' }, daemonToken: 'dG9rZW4=',
  })), 'keep');
});
