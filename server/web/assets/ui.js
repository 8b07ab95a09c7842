// Widgets every page uses: the error line, confirmation dialogs, copy buttons, tables, the
// page title. Texts come from the catalogues (t) or, for the server's, bilingual().
import { h } from './dom.js';
import { bilingual, t } from './i18n.js';

/// An error line for a form: show(error) writes the server's title (in the current language)
/// and marks the field it names; clear() undoes both, and so does a change of the marked field
/// (a refusal is about what was sent: once its field changes, it no longer holds).
export function errorLine(form = null) {
  const el = h('p', { class: 'error', role: 'alert', testid: 'error', hidden: true });
  let unwatch = null;  // stops following the marked field
  const clear = () => {
    unwatch?.();
    unwatch = null;
    el.hidden = true;
    el.textContent = '';
    form?.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  };
  const show = (error) => {
    clear();
    const title = error?.title ? bilingual(error.title) : t('error.unexpected');
    const detail = error?.detail ? bilingual(error.detail) : '';
    el.textContent = detail ? `${title} — ${detail}` : title;
    el.hidden = false;
    if (error?.field && form) {
      const input = form.querySelector(`[name="${CSS.escape(error.field)}"]`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        input.addEventListener('input', clear);
        input.addEventListener('change', clear);
        unwatch = () => {
          input.removeEventListener('input', clear);
          input.removeEventListener('change', clear);
        };
      }
    }
  };
  return { el, show, clear };
}

/// A modal confirmation; resolves true when confirmed.
export function confirmDialog({ title, text, confirm, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'dialog', testid: 'confirm-dialog' },
      h('h2', {}, title),
      h('p', {}, text),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', testid: 'confirm-cancel', onclick: () => dialog.close('no') }, t('action.cancel')),
        h(
          'button',
          { type: 'button', class: danger ? 'danger' : 'primary', testid: 'confirm-ok', onclick: () => dialog.close('yes') },
          confirm,
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/// A modal form; `build(form)` adds its fields; `submit(values)` returns a promise (rejecting
/// with an ApiError shows it in the dialog). Resolves with submit's result, or null if cancelled.
export function formDialog({ title, fields, submitLabel, submit, testid = 'form-dialog' }) {
  return new Promise((resolve) => {
    const form = h('form', { method: 'dialog', class: 'stack' });
    const error = errorLine(form);
    const cancel = h('button', { type: 'button', testid: 'dialog-cancel' }, t('action.cancel'));
    const ok = h('button', { type: 'submit', class: 'primary', testid: 'dialog-submit' }, submitLabel);
    form.append(...fields, error.el, h('div', { class: 'actions' }, cancel, ok));
    const dialog = h('dialog', { class: 'dialog', testid }, h('h2', {}, title), form);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.clear();
      ok.disabled = true;
      try {
        result = await submit(form);
        dialog.close();
      } catch (e) {
        error.show(e);
      } finally {
        ok.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/// A labelled input: field(name, label, {autocomplete: 'off'}); with `options`
/// ([[value, text], ...]) a select; `hint` a line under it.
export function field(name, label, { options, hint, ...props } = {}) {
  const id = `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const input = options
    ? h('select', { id, name, testid: `field-${name}`, ...props }, options.map(([value, text]) => h('option', { value }, text)))
    : h('input', { id, name, type: 'text', testid: `field-${name}`, ...props });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', {}, hint) : null);
}

/// A button that copies `text()` to the clipboard and says so.
export function copyButton(text, testid = 'copy') {
  const button = h('button', { type: 'button', class: 'small', testid }, t('action.copy'));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = t('action.copied');
    } catch {
      button.textContent = t('action.copy_failed');
    }
    setTimeout(() => (button.textContent = t('action.copy')), 2000);
  });
  return button;
}

/// A table: columns [{ label, cell: (row) => Node|string, class? }].
export function table(columns, rows, { testid = 'table', rowTestid } = {}) {
  // Wide tables scroll inside their card rather than the whole page.
  return h('div', { class: 'table-wrap' }, h(
    'table',
    { testid },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h('tr', { dataset: rowTestid ? { testid: rowTestid(row) } : undefined }, columns.map((c) => h('td', { class: c.class }, c.cell(row)))),
      ),
    ),
  ));
}

/// A section with a heading and content that loads: returns { el, body } to fill.
export function section(title, testid, ...actions) {
  const body = h('div', { class: 'section-body' });
  const el = h('section', { class: 'card', testid }, h('div', { class: 'section-head' }, h('h2', {}, title), ...actions), body);
  return { el, body };
}

/// Each cell of a table (ui.table's wrap) named by its column's heading (data-label), for
/// app.css's narrow-screen layout where a row becomes a card of labelled lines; `extraClass`
/// a page's own variant of that layout.
export function labelCells(wrap, extraClass) {
  const headings = [...wrap.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const row of wrap.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => {
      if (headings[i]) cell.dataset.label = headings[i];
    });
  }
  wrap.classList.add('cards-on-phone', ...(extraClass ? [extraClass] : []));
  return wrap;
}

/// Label and value lines (a <dl class="facts">): pairs [[label, value, testid?], ...], a falsy
/// pair left out, an empty value shown as "—"; `className` a page's own variant.
export function facts(pairs, className) {
  return h('dl', { class: ['facts', className] },
    pairs.filter(Boolean).flatMap(([label, value, testid]) => [h('dt', {}, label), h('dd', { testid }, value || '—')]));
}

export function badge(text, kind, testid) {
  return h('span', { class: `badge ${kind}`, testid }, text);
}

/// A view's loads can overlap: a filter changed, or Refresh pressed, while an answer is still on
/// its way. Answers come back in any order, and drawing an older one last would show a list that
/// no longer matches what the official chose. `newestOnly(ctx)` gives `begin`: each load calls it
/// first and keeps what it returns, a test that is true while no later load has begun and the
/// view is still the one shown (ctx.isCurrent; without a ctx, the first condition alone).
export function newestOnly(ctx = null) {
  let newest = 0;
  return () => {
    const mine = ++newest;
    return () => mine === newest && (ctx ? ctx.isCurrent() : true);
  };
}

export function loading() {
  return h('p', { class: 'muted', testid: 'loading' }, t('common.loading'));
}

/// Saves a file the page fetched ({ blob, filename }, api.file) as a download.
function saveFile({ blob, filename }, fallbackName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename || fallbackName, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/// A button that fetches a CSV export with `fetchFile()` (a route that needs headers) and saves
/// it; a refusal is shown on `error` (an errorLine).
export function csvButton(fetchFile, fallbackName, error, testid) {
  const button = h('button', { type: 'button', class: 'small', testid }, t('action.download_csv'));
  button.addEventListener('click', async () => {
    error.clear();
    button.disabled = true;
    try {
      saveFile(await fetchFile(), fallbackName);
    } catch (e) {
      error.show(e);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
