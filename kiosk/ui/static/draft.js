// The registration draft as data, with no DOM: paths into it, what is sent to the
// daemon, and whether the page keeps its working copy or takes the daemon's. The
// registration screen calls these; tests/unit/kiosk_page runs them under node:test.
import { STEPS } from './constants.js';

/// The steps the page moves through itself (the daemon moves to the bracelet step).
export const PAGE_STEPS = STEPS.slice(0, 4);

/// Answers asked only with consent to the protection questions.
export const PROTECTION_FIELDS = [
  'person.travelPaidByThirdParty',
  'person.debtDeclared',
  'person.identityDocument.holder',
];

/// The value at a dotted path ("person.birth.year"), undefined where the path stops.
export function getPath(draft, path) {
  return path.split('.').reduce((node, key) => (node == null ? undefined : node[key]), draft);
}

/// Sets the value at a dotted path, making the objects on the way; an empty value
/// (undefined, '', null) deletes the last key instead.
export function setPath(draft, path, value) {
  const keys = path.split('.');
  let node = draft;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined || value === '' || value === null) delete node[last];
  else node[last] = value;
}

/// Proto3 JSON omits defaults: drop empty strings, zeros, false, unset enums and empty objects.
export function prune(value) {
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
      const pruned = prune(inner);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === '' || value === 0 || value === false || value === null || value === undefined) return undefined;
  if (typeof value === 'string' && (value.endsWith('_UNSPECIFIED') || value === 'ANSWER_NOT_ASKED' || value === 'DOCUMENT_HOLDER_NOT_ASKED')) return undefined;
  return value;
}

/// The draft as sent: protection answers are never sent without consent. `draft` is
/// left as it is (the agent may still accept and find the answers again).
export function outgoingDraft(draft) {
  const out = structuredClone(draft);
  if (!out.person?.consent?.protectionQuestionsAccepted && out.person) {
    delete out.person.travelPaidByThirdParty;
    delete out.person.debtDeclared;
    if (out.person.identityDocument) delete out.person.identityDocument.holder;
  }
  return prune(out) || {};
}

/// What the page does with the daemon's draft when a state arrives:
/// - 'adopt': take the daemon's draft (none yet on the page, a step the page does not
///   move through itself, or the daemon kept or changed the step on its own, as after
///   a restart);
/// - 'refused': take it too, the daemon kept an earlier step than the one the page sent
///   (a step it judged incomplete), which the page says;
/// - 'companion': keep the working copy but take the companion's bracelet the daemon read;
/// - 'keep': the agent's working copy stays (what is typed is not overwritten by a state
///   that does not have it yet).
/// `pending` is true while a save is scheduled or awaiting its reply; `sentStep` is the
/// step of the last save; `daemonToken` the companion token last taken from the daemon.
export function draftAction({ working, daemon, pending, sentStep, daemonToken }) {
  const daemonStep = daemon.step;
  if (!working || !PAGE_STEPS.includes(daemonStep) || !PAGE_STEPS.includes(working.step)) return 'adopt';
  if (!pending && daemonStep !== working.step && daemonStep !== sentStep) {
    return STEPS.indexOf(daemonStep) < STEPS.indexOf(sentStep) ? 'refused' : 'adopt';
  }
  if ((daemon.companionPersonToken || '') !== daemonToken) return 'companion';
  return 'keep';
}
