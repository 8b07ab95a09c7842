// Administrators: the audit log's head (entry count and last hash), to write down or sign for
// the record; `minegatectl audit verify --expect COUNT:HASH` checks it later.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { copyButton, errorLine, loading, section } from '../ui.js';

export function headBlock(head) {
  return h('dl', { class: 'facts', testid: 'audit-head' },
    h('dt', {}, t('audit.head_count')), h('dd', { testid: 'head-count' }, String(head.count ?? '0')),
    h('dt', {}, t('audit.head_hash')), h('dd', {}, h('code', { class: 'hash', testid: 'head-hash' }, head.hash ?? '')),
    h('dt', {}, t('audit.head_expect')), h('dd', {}, h('code', { class: 'hash', testid: 'head-expect' }, head.expect ?? ''), ' ', copyButton(() => head.expect ?? '', 'copy-expect')));
}

export function adminAuditHeadView(ctx) {
  const error = errorLine();
  const block = section(t('audit.head_title'), 'audit-head-section');
  block.body.append(loading());
  ctx.api.get('/v1/audit/head').then(
    (head) => ctx.isCurrent() && block.body.replaceChildren(h('p', { class: 'muted' }, t('audit.head_intro')), headBlock(head)),
    (e) => error.show(e));
  return h('div', { class: 'stack' }, error.el, block.el);
}
