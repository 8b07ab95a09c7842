// Change password: the current one, the new one twice. Also the only page open after an
// administrator forced a reset (SessionInfo.mustChangePassword), until it is done.
import { h, formValues } from '../dom.js';
import { t } from '../i18n.js';
import { errorLine, field } from '../ui.js';

const MIN_LENGTH = 10;

export function passwordView(ctx) {
  const forced = Boolean(ctx.session.mustChangePassword);
  const form = h('form', { class: 'stack', testid: 'password-form', novalidate: true });
  const error = errorLine(form);
  const done = h('p', { class: 'success', role: 'status', testid: 'password-changed', hidden: true }, t('password.changed'));
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'password-submit' }, t('password.submit'));
  form.append(
    field('oldPassword', t(forced ? 'password.temporary' : 'password.old'), { type: 'password', autocomplete: 'current-password' }),
    field('newPassword', t('password.new'), { type: 'password', autocomplete: 'new-password', hint: t('password.rule', { min: MIN_LENGTH }) }),
    field('confirmPassword', t('password.confirm'), { type: 'password', autocomplete: 'new-password' }),
    error.el,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    done.hidden = true;
    const { oldPassword, newPassword, confirmPassword } = formValues(form);
    if (newPassword.length < MIN_LENGTH) return error.show({ title: t('password.too_short', { min: MIN_LENGTH }), field: 'newPassword' });
    if (newPassword !== confirmPassword) return error.show({ title: t('password.mismatch'), field: 'confirmPassword' });
    if (newPassword === oldPassword) return error.show({ title: t('password.same'), field: 'newPassword' });
    submit.disabled = true;
    try {
      await ctx.api.post('/v1/session/password', { oldPassword, newPassword });
      // The session now says whether anything else is required (and may carry a new token).
      ctx.setSession(await ctx.api.get('/v1/session'));
      form.reset();
      if (forced) return ctx.navigate('/', { replace: true });
      done.hidden = false;
    } catch (e) {
      error.show(e);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card narrow', testid: 'password' },
    h('h1', {}, t('password.title')),
    forced ? h('p', { class: 'notice', testid: 'password-forced' }, t('password.forced')) : null,
    form, done);
}
