// The step before a person's record opens: the officer says why (docs/api.md §1.12). The reason
// goes with the read in the Minegate-Reason header and is written to the audit log, where
// auditors read it word for word — so the form warns not to describe her or the signs in it.
// Nothing of her is fetched before the reason is given. A route that also wants a case reference
// (border police: Minegate-Case-Reference) asks for it in the same step (`caseReference`).
import { h, formValues } from '../dom.js';
import { t } from '../i18n.js';
import { errorLine } from '../ui.js';

/// The server's bounds (server/gateway/justification): 3..500 characters, one line.
const MIN = 3;
const MAX = 500;

/// The server's bound of a case reference: 1..64 characters.
const MAX_CASE_REFERENCE = 64;

/// `open(reason, caseReference)` reads the record (rejecting with an ApiError shows it here).
/// Options: `reasonLabel` and `warning`, the reason's label and the line under it (the protection
/// officers' by default);
/// `caseReference: { label, hint, missing }` adds the case reference field, required (`missing`
/// is the message when it is empty); `values: { reason, caseReference }` fills the fields (an
/// officer changing what they stated); `cancel: { label, onclick }` adds a button that leaves the
/// step unchanged.
export function reasonStep({
  title, lead, suggestions, submitLabel, open, testid = 'reason-step', reasonLabel, warning, caseReference, values = {},
  cancel,
}) {
  const input = h('input', {
    id: 'f-reason', name: 'reason', type: 'text', testid: 'field-reason', required: true,
    minlength: MIN, maxlength: MAX, autocomplete: 'off', 'aria-describedby': 'reason-warning',
    value: values.reason,
  });
  const reference = caseReference
    ? h('input', {
        id: 'f-caseReference', name: 'caseReference', type: 'text', testid: 'field-caseReference', required: true,
        maxlength: MAX_CASE_REFERENCE, autocomplete: 'off', 'aria-describedby': caseReference.hint ? 'case-reference-hint' : null,
        value: values.caseReference,
      })
    : null;
  // novalidate: the page's own message, in the page's language, rather than the browser's.
  const form = h('form', { class: 'stack', novalidate: true });
  const error = errorLine(form);
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'reason-submit' }, submitLabel);
  const choices = h('div', { class: 'row-actions', testid: 'reason-suggestions' },
    suggestions.map((text, index) => h('button', {
      type: 'button', class: 'small', testid: `reason-suggestion-${index}`,
      onclick: () => { input.value = text; input.focus(); },
    }, text)));
  form.append(
    h('div', { class: 'field' }, h('label', { for: 'f-reason' }, reasonLabel ?? t('reason.label')), input),
    h('div', { class: 'field' }, h('small', {}, t('reason.suggestions')), choices),
    h('p', { class: 'notice', id: 'reason-warning', testid: 'reason-warning' }, warning ?? t('reason.warning')),
    reference
      ? h('div', { class: 'field' }, h('label', { for: 'f-caseReference' }, caseReference.label), reference,
          caseReference.hint ? h('small', { id: 'case-reference-hint' }, caseReference.hint) : null)
      : null,
    error.el,
    h('div', { class: 'actions' },
      cancel ? h('button', { type: 'button', testid: 'reason-cancel', onclick: cancel.onclick }, cancel.label) : null,
      submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    const typed = formValues(form);
    const reason = typed.reason;
    if (reason.length < MIN) {
      error.show({ title: t('reason.too_short'), field: 'reason' });
      return;
    }
    if (reference && !typed.caseReference) {
      error.show({ title: caseReference.missing, field: 'caseReference' });
      return;
    }
    submit.disabled = true;
    try {
      await open(reason, reference ? typed.caseReference : undefined);
    } catch (e) {
      error.show(e);
    } finally {
      submit.disabled = false;
    }
  });
  queueMicrotask(() => input.focus());
  return h('section', { class: 'card narrow-wide', testid },
    h('h1', {}, title), h('p', {}, lead), form);
}
