// The refusal (403) and the unknown page (404), drawn by the page itself.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { roleKey } from '../format.js';

export function forbiddenView(ctx) {
  return h('section', { class: 'card narrow', testid: 'forbidden' },
    h('h1', {}, t('forbidden.title')),
    h('p', {}, t('forbidden.text', { role: t(roleKey(ctx.session?.role)) })),
    h('p', {}, h('a', { href: '/', 'data-nav': '', testid: 'go-home' }, t('nav.home'))));
}

export function notFoundView(ctx) {
  return h('section', { class: 'card narrow', testid: 'not-found' },
    h('h1', {}, t('not_found.title')),
    h('p', {}, t('not_found.text')),
    h('p', {}, h('a', { href: ctx.session ? '/' : '/signin', 'data-nav': '', testid: 'go-home' }, t('nav.home'))));
}
