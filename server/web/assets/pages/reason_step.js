// The step before a person's record opens: the officer says why (docs/api.md §1.12). The reason
// goes with the read in the Minegate-Reason header and is written to the audit log, where
// auditors read it word for word — so the form warns not to describe her or the signs in it.
// Nothing of her is fetched before the reason is given.
import { h, formValues } from '../dom.js';
import { t } from '../i18n.js';
import { errorLine } from '../ui.js';

/// The server's bounds (server/gateway/justification): 3..500 characters, one line.
const MIN = 3;
const MAX = 500;

/// `open(reason)` reads the record (rejecting with an ApiError shows it here).
export function reasonStep({ title, lead, suggestions, submitLabel, open, testid = 'reason-step' }) {
  const input = h('input', {
    id: 'f-reason', name: 'reason', type: 'text', testid: 'field-reason', required: true,
    minlength: MIN, maxlength: MAX, autocomplete: 'off', 'aria-describedby': 'reason-warning',
  });
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
    h('div', { class: 'field' }, h('label', { for: 'f-reason' }, t('reason.label')), input),
    h('div', { class: 'field' }, h('small', {}, t('reason.suggestions')), choices),
    h('p', { class: 'notice', id: 'reason-warning', testid: 'reason-warning' }, t('reason.warning')),
    error.el,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    const reason = formValues(form).reason;
    if (reason.length < MIN) {
      error.show({ title: t('reason.too_short'), field: 'reason' });
      return;
    }
    submit.disabled = true;
    try {
      await open(reason);
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
