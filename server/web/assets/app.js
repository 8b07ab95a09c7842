// The officials' web application: plain ES modules, no framework (server/web/README.md says
// why). This entry point loads the catalogues and the session, then draws the view of the
// current path (router.js) and keeps the address bar and the view in step.
import { createApi } from './api.js';
import { h } from './dom.js';
import { declareLanguage, language, loadCatalogues, setLanguage, t } from './i18n.js';
import { frame } from './layout.js';
import { resolve } from './router.js';
import { VIEWS } from './pages/index.js';

const root = document.getElementById('app');
let session = null;
let generation = 0;  // a view drawn for an older navigation must not touch the page

const api = createApi({
  onUnauthorized: () => {
    // The session ended (expiry, sign-out elsewhere, account disabled): sign in again.
    if (!session) return;
    session = null;
    api.setCsrfToken('');
    navigate(`/signin?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  },
});

function setSession(info) {
  session = info;
  api.setCsrfToken(info?.csrfToken ?? '');
}

function navigate(target, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  render();
}

async function signOut() {
  try {
    await api.del('/v1/session');
  } catch {
    // Signed out anyway: the page forgets the session.
  }
  setSession(null);
  navigate('/signin', { replace: true });
}

function toggleLanguage() {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  render();
}

async function render() {
  const path = location.pathname;
  const outcome = resolve(path, session, location.search);
  if (outcome.redirect) {
    history.replaceState(null, '', outcome.redirect);
    return render();
  }
  generation += 1;
  const mine = generation;
  let makeView;
  try {
    makeView = await VIEWS[outcome.view]();
  } catch (error) {
    if (mine === generation) {
      root.replaceChildren(h('p', { class: 'error' }, 'Chargement impossible / could not load: ', String(error)));
      declareLanguage();
    }
    return undefined;
  }
  if (mine !== generation) return undefined;  // another navigation came first
  const context = {
    api,
    session,
    path,
    view: outcome.view,
    query: new URLSearchParams(location.search),
    navigate,
    setSession,
    isCurrent: () => mine === generation,
  };
  const content = makeView(context);
  document.title = `${t(`title.${outcome.view}`)} — minegate`;
  root.replaceChildren(...frame({ ...context, signOut, toggleLanguage }, content).filter(Boolean));
  declareLanguage();
}

// Our own links change the view without reloading the shell.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-nav]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', render);

async function start() {
  try {
    await loadCatalogues();
  } catch (error) {
    root.replaceChildren(h('p', { class: 'error' }, 'Chargement impossible / could not load: ', String(error)));
    return;
  }
  try {
    setSession(await api.get('/v1/session'));
  } catch (error) {
    if (error.status !== 401) console.warn('session', error.status);
    setSession(null);
  }
  render();
}

start();
