// Sign-in: user id and password; the answer is the session (the cookie is set by the server
// and never seen here). Unknown user, wrong password and disabled account are one answer.
import { h, formValues } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { safeNext } from '../router.js';
import { errorLine, field } from '../ui.js';

export function signInView(ctx) {
  const form = h('form', { class: 'stack', testid: 'signin-form', novalidate: true });
  const error = errorLine(form);
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'signin-submit' }, t('signin.submit'));
  form.append(
    field('userId', t('signin.user_id'), { autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' }),
    field('password', t('signin.password'), { type: 'password', autocomplete: 'current-password', required: true }),
    error.el,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    const { userId, password } = formValues(form);
    if (!userId || !password) {
      error.show({ title: t('signin.missing') });
      return;
    }
    submit.disabled = true;
    try {
      const session = await ctx.api.post('/v1/session', { userId, password });
      ctx.setSession(session);
      ctx.navigate(session.mustChangePassword ? '/password' : safeNext(ctx.query.get('next')), { replace: true });
    } catch (e) {
      if (e.retryAfterMs) {
        error.show({ title: e.title, detail: t('signin.locked_until', { time: dateTime(e.retryAfterMs) }) });
      } else {
        error.show(e);
      }
      form.querySelector('[name="password"]').value = '';
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card narrow', testid: 'signin' },
    h('h1', {}, t('signin.title')), h('p', { class: 'muted' }, t('signin.intro')), form);
}
