// Home: the workspaces of the signed-in role, and only those (SessionInfo.workspaces, the
// server's word, limited to the workspaces this application has pages for).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { WORKSPACES } from '../router.js';

export function homeView(ctx) {
  const mine = WORKSPACES.filter((path) => (ctx.session.workspaces ?? []).includes(path));
  const cards = mine.map((path) =>
    h('a', { href: path, 'data-nav': '', class: 'workspace-card', testid: `workspace-${path}` },
      h('strong', {}, t(`workspace.${path}`)), h('span', {}, t(`workspace.${path}.text`))));
  return h('section', { testid: 'home' },
    h('h1', {}, t('home.title', { name: ctx.session.displayName || ctx.session.userId })),
    mine.length
      ? h('div', { class: 'workspaces' }, cards)
      : h('p', { class: 'card', testid: 'no-workspace' }, t('home.no_workspace')));
}
