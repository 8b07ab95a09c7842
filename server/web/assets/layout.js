// The frame around every page: the header (name, workspace sections, who is signed in, the
// language toggle, sign-out) and the main area the view fills.
import { h } from './dom.js';
import { language, t } from './i18n.js';
import { roleKey } from './format.js';
import { SECTIONS, workspaceOf } from './router.js';

/// `app`: { session, path, navigate, toggleLanguage, signOut }.
export function frame(app, content) {
  // A refusal or an unknown page shows no workspace: it is not one the official may open.
  const workspace = app.view === 'forbidden' || app.view === 'notFound' ? null : workspaceOf(app.path);
  const link = (path, text, testid) =>
    h('a', { href: path, 'data-nav': '', testid, class: path === app.path ? 'current' : null,
      'aria-current': path === app.path ? 'page' : null }, text);
  const nav = workspace
    ? h('nav', { class: 'sections', 'aria-label': t('nav.sections') },
        SECTIONS[workspace].map((path) => link(path, t(`nav.${path}`), `nav-${path}`)))
    : null;
  const who = app.session
    ? h('div', { class: 'who' },
        h('span', { testid: 'who' }, app.session.displayName || app.session.userId),
        h('span', { class: 'muted', testid: 'who-role' }, t(roleKey(app.session.role))),
        app.session.mustChangePassword ? null : link('/password', t('nav.password'), 'nav-password'),
        h('button', { type: 'button', class: 'link', testid: 'sign-out', onclick: app.signOut }, t('action.sign_out')))
    : null;
  const toggle = h('button', { type: 'button', class: 'link lang', testid: 'language-toggle',
    lang: language() === 'fr' ? 'en' : 'fr', onclick: app.toggleLanguage }, t('language.other'));
  return [
    h('header', { class: 'top' },
      h('a', { href: app.session ? '/' : '/signin', 'data-nav': '', class: 'brand', testid: 'brand' }, 'minegate'),
      workspace ? h('span', { class: 'workspace', testid: 'workspace' }, t(`workspace.${workspace}`)) : null,
      h('div', { class: 'spacer' }),
      who,
      toggle),
    nav,
    h('main', { id: 'main', testid: `page-${app.view}` }, content),
  ];
}
