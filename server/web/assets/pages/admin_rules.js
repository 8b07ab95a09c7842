// Administrators: the risk rule sets (docs/api.md §13). Every version uploaded, the active one,
// the re-evaluation of the registered persons under it (counts only), the text of a version,
// and the upload of a new one: validated by the server first (every error at its line and
// column, nothing stored on error), then stored, activated without a restart and applied to
// every registered person. Administrators see rules, never a flag, a case or a person.
import { fill, h } from '../dom.js';
import { bilingual, dateTime, language, t } from '../i18n.js';
import { formatAmount, toNumber } from '../format.js';
import { pathOf } from '../api.js';
import { badge, copyButton, errorLine, labelCells, loading, section, table } from '../ui.js';

const INVALID_RULE_SET = 'urn:minegate:problem:invalid_rule_set';
const RULE_SET_EXISTS = 'urn:minegate:problem:rule_set_exists';
/// The request body's bound once the text is in JSON, and the engine's bound on a file.
const MAX_BODY_BYTES = 64 * 1024;
const MAX_FILE_BYTES = 256 * 1024;
/// While a re-evaluation runs, the progress is read again this often, at most this many times
/// (then the refresh button takes over): a million persons take about a minute.
const POLL_MS = 2000;
const POLL_TIMES = 15;

const utf8 = new TextEncoder();

/// The character index in `line` of a 1-based column counted in bytes (protobuf's tokenizer
/// counts bytes; a description has accents), clamped to the line.
export function columnIndex(line, column) {
  let bytes = 0;
  let index = 0;
  for (const char of line) {
    if (bytes >= column - 1) break;
    bytes += utf8.encode(char).length;
    index += char.length;
  }
  return index;
}

/// The offset in `text` of a 1-based line and column, clamped to the text.
export function offsetOf(text, line, column) {
  const lines = text.split('\n');
  const at = Math.min(Math.max(1, line), lines.length);
  let offset = 0;
  for (let i = 0; i < at - 1; i++) offset += lines[i].length + 1;
  return offset + columnIndex(lines[at - 1], column);
}

export function adminRulesView(ctx) {
  const listError = errorLine();

  // ---------------------------------------------------------------- versions and progress
  const progressText = h('p', { testid: 'rules-progress-text' });
  const progressBar = h('progress', { max: 1, value: 0, testid: 'rules-progress' });
  const progressNote = h('p', { class: 'muted', testid: 'rules-progress-note', hidden: true });
  const refresh = h('button', { type: 'button', class: 'small', testid: 'rules-refresh' }, t('common.refresh'));
  const progress = section(t('rules.reevaluation'), 'rules-reevaluation', refresh);
  progress.body.append(progressText, progressBar, progressNote);
  const versions = section(t('rules.versions'), 'rules-versions');
  let list = { versions: [], activeVersion: '', reevaluation: {} };
  let polls = 0;
  let pollTimer = null;

  const drawProgress = () => {
    const r = list.reevaluation ?? {};
    const done = toNumber(r.personsDone);
    const total = toNumber(r.personsTotal);
    const n = (value) => formatAmount(value, language());
    progressBar.max = Math.max(total, 1);
    progressBar.value = r.finished ? Math.max(total, 1) : done;
    if (r.finished) {
      progressText.replaceChildren(badge(t('rules.finished'), 'ok', 'rules-progress-state'), ' ',
        t(total ? 'rules.finished_text' : 'rules.finished_none', { total: n(total), version: list.activeVersion ?? '' }));
    } else {
      const percent = total ? Math.floor((done * 100) / total) : 0;
      progressText.replaceChildren(badge(t('rules.in_progress'), 'warn', 'rules-progress-state'), ' ',
        t('rules.in_progress_text', { done: n(done), total: n(total), percent, version: r.ruleSetVersion || list.activeVersion || '' }));
    }
    progressNote.hidden = Boolean(r.finished) || polls < POLL_TIMES;
    progressNote.textContent = t('rules.poll_stopped');
  };

  const uploadedBy = (v) => {
    if (v.uploadedBy) return h('code', {}, v.uploadedBy);
    return h('span', { class: 'muted' }, t(v.builtIn ? 'rules.by_built_in' : 'rules.by_minegatectl'));
  };
  const versionOf = (v) => h('div', { class: 'stack-tight' },
    h('code', { class: 'version', testid: 'rule-version' }, v.version),
    h('span', { class: 'badges' },
      v.active ? badge(t('rules.active'), 'ok', 'rule-active') : null,
      v.builtIn ? badge(t('rules.built_in'), 'muted', 'rule-built-in') : null));

  const drawVersions = () => {
    versions.body.replaceChildren(list.versions?.length
      ? labelCells(table([
          { label: t('rules.version'), cell: versionOf },
          { label: t('rules.description'), class: 'wide-text', cell: (v) => h('span', { testid: 'rule-description' }, bilingual(v.description ?? '')) },
          { label: t('rules.uploaded'), class: 'nowrap', cell: (v) => dateTime(v.uploadedAtMs) },
          { label: t('rules.uploaded_by'), cell: uploadedBy },
          { label: '', class: 'actions-cell', cell: (v) => h('button', { type: 'button', class: 'small', testid: 'rule-view', onclick: () => view(v.version) }, t('rules.view')) },
        ], list.versions, { testid: 'rules-table', rowTestid: (v) => `rule-${v.version}` }))
      : h('p', { class: 'muted' }, t('rules.none')));
  };

  const load = async () => {
    listError.clear();
    try {
      const answer = await ctx.api.get('/v1/risk/rule-sets');
      if (!ctx.isCurrent()) return;
      list = { versions: answer.versions ?? [], activeVersion: answer.activeVersion ?? '', reevaluation: answer.reevaluation ?? {} };
      drawVersions();
      drawProgress();
      follow();
    } catch (e) {
      if (ctx.isCurrent()) listError.show(e);
    }
  };

  /// Reads the progress again while a re-evaluation runs, a bounded number of times.
  const follow = () => {
    clearTimeout(pollTimer);
    if (list.reevaluation?.finished || polls >= POLL_TIMES || !ctx.isCurrent()) return;
    pollTimer = setTimeout(() => {
      polls += 1;
      if (ctx.isCurrent()) load();
    }, POLL_MS);
  };
  const followAgain = () => {
    polls = 0;
    load();
  };

  // ---------------------------------------------------------------- a version's text
  const viewerTitle = h('h2', { testid: 'rules-viewer-title' });
  const viewerFacts = h('dl', { class: 'facts' });
  const listing = h('div', { class: 'listing', testid: 'rules-listing', tabindex: 0 });
  let viewed = { version: '', text: '' };
  const startFrom = h('button', { type: 'button', testid: 'rules-start-from' }, t('rules.start_from'));
  const closeViewer = h('button', { type: 'button', testid: 'rules-viewer-close' }, t('rules.close_text'));
  const viewer = h('section', { class: 'card', testid: 'rules-viewer', hidden: true },
    h('div', { class: 'section-head' }, viewerTitle, copyButton(() => viewed.text, 'rules-copy'), startFrom, closeViewer),
    viewerFacts, listing);

  const view = async (version) => {
    listError.clear();
    try {
      const answer = await ctx.api.get(pathOf('/v1/risk/rule-sets/{version}', { version }));
      if (!ctx.isCurrent()) return;
      viewed = { version, text: answer.text ?? '' };
      const v = answer.version ?? {};
      viewerTitle.textContent = t('rules.text_of', { version });
      viewerFacts.replaceChildren(
        h('dt', {}, t('rules.fingerprint')), h('dd', {}, h('code', { class: 'hash', testid: 'rules-sha256' }, v.sha256 ?? '')),
        h('dt', {}, t('rules.activated')), h('dd', {}, toNumber(v.activatedAtMs) ? dateTime(v.activatedAtMs) : t('rules.never_activated')));
      listing.replaceChildren(...viewed.text.split('\n').map((line, i) => h('div', { class: 'listing-row' },
        h('span', { class: 'listing-no' }, String(i + 1)), h('span', { class: 'listing-text' }, line))));
      viewer.hidden = false;
      viewer.scrollIntoView({ block: 'start' });
    } catch (e) {
      if (ctx.isCurrent()) listError.show(e);
    }
  };

  // ---------------------------------------------------------------- the upload
  const gutter = h('div', { class: 'rule-gutter', 'aria-hidden': 'true', testid: 'rules-gutter' });
  const stripes = h('div', { class: 'rule-stripes', 'aria-hidden': 'true' });
  const textarea = h('textarea', {
    id: 'f-rules-text', name: 'text', class: 'rule-text', testid: 'rules-text', wrap: 'off', spellcheck: 'false',
    autocomplete: 'off', autocapitalize: 'none', 'aria-describedby': 'rules-text-hint',
  });
  const editor = h('div', { class: 'rule-editor', testid: 'rules-editor' }, gutter, h('div', { class: 'rule-field' }, stripes, textarea));
  const file = h('input', { type: 'file', id: 'f-rules-file', accept: '.textproto,.txtpb,.pbtxt,.txt,text/plain', class: 'visually-hidden', testid: 'rules-file' });
  const fromActive = h('button', { type: 'button', testid: 'rules-from-active' }, t('rules.from_active'));
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'rules-submit' }, t('rules.submit'));
  const errorsBox = h('div', { class: 'rule-errors', testid: 'rules-errors', role: 'alert', hidden: true });
  // What happened to the text, said beside it (the page is long: a message at the top would be
  // out of sight).
  const note = h('p', { class: 'success', role: 'status', testid: 'rules-note', hidden: true });
  const tell = (text) => {
    note.textContent = text;
    note.hidden = false;
  };
  const form = h('form', { class: 'stack', testid: 'rules-form' });
  const uploadError = errorLine(form);
  form.append(
    h('div', { class: 'row-actions rule-sources' },
      file, h('label', { for: 'f-rules-file', class: 'button' }, t('rules.load_file')), fromActive),
    h('div', { class: 'field' },
      h('label', { for: 'f-rules-text' }, t('rules.text_label')),
      editor,
      h('small', { id: 'rules-text-hint', testid: 'rules-caret' }, t('rules.caret', { line: 1, column: 1 }))),
    errorsBox, uploadError.el, note,
    h('div', { class: 'actions' }, submit));
  const caret = form.querySelector('[data-testid="rules-caret"]');
  const upload = h('section', { class: 'card', testid: 'rules-upload' },
    h('div', { class: 'section-head' }, h('h2', {}, t('rules.upload'))),
    h('p', { class: 'muted' }, t('rules.upload_hint')),
    form);
  let marks = new Map();  // line -> its errors' messages, from the last refusal
  let lineCount = 0;

  /// The gutter's numbers and the stripes behind the text, one element per line, the lines in
  /// error marked (classes draw everything, never a style attribute, which the CSP forbids).
  const drawLines = (force = false) => {
    const count = textarea.value.split('\n').length;
    if (count === lineCount && !force) return;
    lineCount = count;
    const numbers = [];
    const rows = [];
    for (let line = 1; line <= count; line++) {
      const messages = marks.get(line);
      numbers.push(h('div', {
        class: messages ? 'bad' : null, title: messages ? messages.join('\n') : null,
        dataset: messages ? { line: String(line) } : undefined,
      }, String(line)));
      rows.push(h('div', { class: messages ? 'bad' : null }));
    }
    gutter.replaceChildren(...numbers);
    stripes.replaceChildren(...rows);
    syncScroll();
  };
  const syncScroll = () => {
    gutter.scrollTop = textarea.scrollTop;
    stripes.scrollTop = textarea.scrollTop;
  };
  const showCaret = () => {
    const before = textarea.value.slice(0, textarea.selectionStart).split('\n');
    caret.textContent = t('rules.caret', { line: before.length, column: before[before.length - 1].length + 1 });
  };

  /// Puts the caret at a line and column and scrolls the text there (a third down the box).
  const goTo = (line, column) => {
    const offset = offsetOf(textarea.value, line, column);
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(offset, offset);
    const style = getComputedStyle(textarea);
    const height = parseFloat(style.lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 1) * height - textarea.clientHeight / 3);
    // A monospace character is about 0.6 em wide: the caret's column in the middle of the box.
    const width = (parseFloat(style.fontSize) || 14) * 0.6;
    const index = offset - (textarea.value.lastIndexOf('\n', offset - 1) + 1);
    textarea.scrollLeft = Math.max(0, index * width - textarea.clientWidth / 2);
    syncScroll();
    showCaret();
    editor.scrollIntoView({ block: 'nearest' });
  };

  const clearErrors = () => {
    note.hidden = true;
    errorsBox.hidden = true;
    errorsBox.replaceChildren();
    uploadError.clear();
    if (marks.size) {
      marks = new Map();
      drawLines(true);
    }
  };

  const showErrors = (errors, detail) => {
    marks = new Map();
    for (const e of errors) {
      const message = language() === 'en' ? e.en : e.fr;
      marks.set(e.line, [...(marks.get(e.line) ?? []), message]);
    }
    drawLines(true);
    fill(errorsBox,
      h('p', { class: 'error', testid: 'rules-errors-summary' },
        h('strong', {}, t('rules.invalid', { count: errors.length })), ' ', t('rules.invalid_hint')),
      detail && errors.length === 0 ? h('p', {}, bilingual(detail)) : null,
      h('ol', { class: 'rule-error-list' }, errors.map((e) => h('li', {},
        h('button', {
          type: 'button', class: 'rule-error', testid: 'rule-error', dataset: { line: String(e.line), column: String(e.column) },
          onclick: (event) => {
            errorsBox.querySelectorAll('.rule-error.current').forEach((b) => b.classList.remove('current'));
            event.currentTarget.classList.add('current');
            goTo(e.line, e.column);
          },
        },
        h('span', { class: 'rule-error-at' }, t('rules.error_at', { line: e.line, column: e.column })),
        h('span', {}, language() === 'en' ? e.en : e.fr))))));
    errorsBox.hidden = false;
    textarea.setAttribute('aria-invalid', 'true');
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const text = textarea.value;
    if (!text.trim()) {
      uploadError.show({ title: t('rules.empty'), field: 'text' });
      return;
    }
    if (utf8.encode(JSON.stringify({ text })).length > MAX_BODY_BYTES) {
      uploadError.show({ title: t('rules.too_big'), field: 'text' });
      return;
    }
    submit.disabled = true;
    try {
      const done = await ctx.api.post('/v1/risk/rule-sets', { text });
      if (!ctx.isCurrent()) return;
      const version = done.version?.version ?? '';
      tell(done.alreadyStored
        ? t('rules.already_stored', { version })
        : t('rules.uploaded_ok', { version, total: formatAmount(toNumber(done.reevaluation?.personsTotal), language()) }));
      textarea.removeAttribute('aria-invalid');
      note.scrollIntoView({ block: 'nearest' });
      followAgain();
    } catch (error) {
      if (!ctx.isCurrent()) return;
      if (error.type === INVALID_RULE_SET) {
        const { errors } = error;
        showErrors(errors, error.detail);
        // The first error at once, its line in the box, the list right under it.
        if (errors.length) errorsBox.querySelector('.rule-error')?.click();
        errorsBox.scrollIntoView({ block: 'nearest' });
      } else if (error.type === RULE_SET_EXISTS) {
        // Said with what to do, the caret on the version to change.
        uploadError.show({ ...error, detail: t('rules.exists_hint') });
        const lines = text.split('\n');
        const at = lines.findIndex((line) => /^\s*version\s*:/.test(line));
        if (at >= 0) goTo(at + 1, lines[at].indexOf('"') + 2);
      } else {
        uploadError.show(error);
      }
    } finally {
      submit.disabled = false;
    }
  });

  const setText = (text) => {
    clearErrors();
    textarea.value = text;
    textarea.scrollTop = 0;
    textarea.scrollLeft = 0;
    drawLines(true);
  };

  /// A new version starts from a stored one: its text in the box, the caret on its version.
  const startWith = (text, message) => {
    setText(text);
    tell(message);
    viewer.hidden = true;
    const lines = text.split('\n');
    const at = lines.findIndex((line) => /^\s*version\s*:/.test(line));
    upload.scrollIntoView({ block: 'start' });
    if (at >= 0) goTo(at + 1, lines[at].indexOf('"') + 2);
  };

  startFrom.addEventListener('click', () => startWith(viewed.text, t('rules.started_from', { version: viewed.version })));
  closeViewer.addEventListener('click', () => {
    viewer.hidden = true;
  });
  fromActive.addEventListener('click', async () => {
    if (!list.activeVersion) return;
    try {
      const answer = await ctx.api.get(pathOf('/v1/risk/rule-sets/{version}', { version: list.activeVersion }));
      if (ctx.isCurrent()) startWith(answer.text ?? '', t('rules.started_from', { version: list.activeVersion }));
    } catch (e) {
      if (ctx.isCurrent()) uploadError.show(e);
    }
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      uploadError.show({ title: t('rules.file_too_big', { name: chosen.name }), field: 'text' });
      return;
    }
    try {
      const text = await chosen.text();
      setText(text);
      tell(t('rules.file_loaded', { name: chosen.name, lines: text.split('\n').length }));
    } catch {
      uploadError.show({ title: t('rules.file_unreadable', { name: chosen.name }) });
    }
  });
  textarea.addEventListener('input', () => {
    drawLines();
    showCaret();
  });
  textarea.addEventListener('scroll', syncScroll);
  // A resized window changes the box's height (a share of the window's) and may clamp one
  // scroller and not the others: line them up again.
  new ResizeObserver(syncScroll).observe(textarea);
  for (const name of ['keyup', 'click', 'select']) textarea.addEventListener(name, showCaret);
  gutter.addEventListener('click', (event) => {
    const line = Number(event.target?.dataset?.line);
    if (line) goTo(line, 1);
  });
  refresh.addEventListener('click', followAgain);

  drawLines(true);
  versions.body.append(loading());
  load();
  return h('div', { class: 'stack' },
    h('section', { class: 'card intro', testid: 'rules-intro' },
      h('p', {}, t('rules.intro')),
      h('p', { testid: 'rules-no-persons' }, h('strong', {}, t('rules.no_persons')))),
    listError.el, progress.el, versions.el, viewer, upload);
}
