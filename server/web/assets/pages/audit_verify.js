// Auditors: verify the whole chain now, optionally against a head written down earlier
// (COUNT:HASH, which also catches a cut-off tail), and read the current head.
import { fill, h, formValues } from '../dom.js';
import { bilingual, t } from '../i18n.js';
import { badge, errorLine, field, section } from '../ui.js';
import { headBlock } from './admin_audit_head.js';

export function auditVerifyView(ctx) {
  const expect = (ctx.query.get('expect') ?? '').trim();
  const form = h('form', { class: 'stack form-wide', testid: 'verify-form' });
  const error = errorLine(form);
  form.append(
    field('expect', t('audit.verify_expect'), { value: expect, autocomplete: 'off', spellcheck: 'false', placeholder: t('audit.verify_expect_placeholder'), hint: t('audit.verify_expect_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', testid: 'verify-run' }, t('audit.verify_run'))),
    error.el);
  const result = section(t('audit.verify_title'), 'verify-result');
  const run = async (value) => {
    fill(result.body, h('p', { class: 'muted', testid: 'verifying' }, t('audit.verifying')));
    try {
      const v = await ctx.api.get('/v1/audit/verification', { expect: value });
      if (!ctx.isCurrent()) return;
      const verdict = v.intact
        ? badge(t('audit.intact'), 'ok', 'verify-verdict')
        : badge(t('audit.broken', { seq: v.firstBrokenSeq ?? '?' }), 'bad', 'verify-verdict');
      fill(result.body,
        h('p', { class: 'verdict' }, verdict),
        v.problem ? h('p', { class: 'error', testid: 'verify-problem' }, bilingual(v.problem)) : null,
        v.expectationChecked
          ? h('p', { testid: 'verify-expectation' }, v.expectationMet ? badge(t('audit.expect_met'), 'ok') : badge(t('audit.expect_not_met'), 'bad'))
          : null,
        // A head to write down only when it can be trusted: the chain intact and, if a head was
        // written down before, that one found in it.
        v.intact && (!v.expectationChecked || v.expectationMet)
          ? headBlock(v.head ?? {})
          : h('p', { class: 'muted', testid: 'verify-no-head' }, t('audit.verify_no_head', { count: v.head?.count ?? '0' })));
    } catch (e) {
      result.body.replaceChildren();
      error.show(e);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = formValues(form).expect;
    ctx.navigate(value ? `/audit/verify?expect=${encodeURIComponent(value)}` : '/audit/verify');
  });
  run(expect);
  return h('div', { class: 'stack' }, h('section', { class: 'card' }, form), result.el);
}
