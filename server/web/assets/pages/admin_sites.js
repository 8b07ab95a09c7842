// Administrators: sites (a name, a department, where they are) and their gates. A site's
// coordinates let the server tell a copied bracelet from a travelling one (security events).
import { h, formValues } from '../dom.js';
import { date, t } from '../i18n.js';
import { parseDegrees } from '../format.js';
import { pathOf } from '../api.js';
import { errorLine, field, formDialog, loading, section, table } from '../ui.js';

export const DEPARTMENTS = ['kedougou', 'saraya', 'salemata'];

export function adminSitesView(ctx) {
  const flash = h('p', { class: 'success', role: 'status', testid: 'flash', hidden: true });
  const listError = errorLine();
  const create = h('button', { type: 'button', class: 'primary', testid: 'site-create' }, t('sites.create'));
  const list = section(t('sites.title'), 'sites', create);

  const say = (text) => {
    flash.textContent = text;
    flash.hidden = false;
  };

  const gatesOf = (site) =>
    (site.gates ?? []).length
      ? h('ul', { class: 'plain' }, site.gates.map((g) => h('li', { testid: `gate-${g.gateId}` }, `${g.name} `, h('span', { class: 'muted' }, `#${g.gateId}`))))
      : h('span', { class: 'muted' }, t('sites.no_gate'));

  // Absent until set (the API leaves both out).
  const located = (site) => site.latitude !== undefined && site.longitude !== undefined;
  const locationOf = (site) => (located(site)
    ? h('code', { testid: 'site-location' }, `${site.latitude}, ${site.longitude}`)
    : h('span', { class: 'muted', testid: 'site-location' }, t('sites.not_located')));

  const load = async () => {
    listError.clear();
    try {
      const sites = (await ctx.api.get('/v1/sites')).sites ?? [];
      if (!ctx.isCurrent()) return;
      list.body.replaceChildren(sites.length
        ? table([
            { label: t('sites.id'), cell: (s) => `#${s.siteId}` },
            { label: t('sites.name'), cell: (s) => s.name },
            { label: t('sites.department'), cell: (s) => t(`department.${s.department}`) },
            { label: t('sites.gates'), cell: gatesOf },
            { label: t('sites.location'), cell: locationOf },
            { label: t('sites.created'), cell: (s) => date(s.createdAtMs) },
            { label: '', class: 'actions-cell', cell: (s) => h('div', { class: 'row-actions' },
              h('button', { type: 'button', class: 'small', testid: 'gate-create', onclick: () => createGate(s) }, t('sites.add_gate')),
              h('button', { type: 'button', class: 'small', testid: 'site-locate', onclick: () => locate(s) }, t('sites.locate'))) },
          ], sites, { testid: 'sites-table', rowTestid: (s) => `site-${s.siteId}` })
        : h('p', { class: 'muted' }, t('sites.none')));
    } catch (e) {
      listError.show(e);
    }
  };

  const createSite = async () => {
    const name = await formDialog({
      title: t('sites.create'),
      testid: 'site-create-dialog',
      submitLabel: t('action.create'),
      fields: [field('name', t('sites.name'), { autocomplete: 'off' }),
        field('department', t('sites.department'), { options: DEPARTMENTS.map((d) => [d, t(`department.${d}`)]) })],
      submit: async (form) => {
        const v = formValues(form);
        await ctx.api.post('/v1/sites', { name: v.name, department: v.department });
        return v.name;
      },
    });
    if (name) {
      say(t('sites.created_ok', { name }));
      await load();
    }
  };

  const createGate = async (site) => {
    const name = await formDialog({
      title: t('sites.add_gate_title', { site: site.name }),
      testid: 'gate-create-dialog',
      submitLabel: t('action.create'),
      fields: [field('name', t('sites.gate_name'), { autocomplete: 'off' })],
      submit: async (form) => {
        const v = formValues(form);
        await ctx.api.post(pathOf('/v1/sites/{id}/gates', { id: site.siteId }), { name: v.name });
        return v.name;
      },
    });
    if (name) {
      say(t('sites.gate_created_ok', { name, site: site.name }));
      await load();
    }
  };

  const locate = async (site) => {
    const done = await formDialog({
      title: t('sites.locate_title', { site: site.name }),
      testid: 'site-locate-dialog',
      submitLabel: t('action.save'),
      fields: [
        h('p', { class: 'muted' }, t('sites.coordinates_hint')),
        field('latitude', t('sites.latitude'), { autocomplete: 'off', inputmode: 'decimal', value: located(site) ? String(site.latitude) : '' }),
        field('longitude', t('sites.longitude'), { autocomplete: 'off', inputmode: 'decimal', value: located(site) ? String(site.longitude) : '' }),
      ],
      submit: async (form) => {
        const v = formValues(form);
        // An empty box would reach the server as 0, a real place: refused here instead.
        const latitude = parseDegrees(v.latitude);
        if (latitude === null) throw { title: t('sites.bad_number'), field: 'latitude' };
        const longitude = parseDegrees(v.longitude);
        if (longitude === null) throw { title: t('sites.bad_number'), field: 'longitude' };
        await ctx.api.put(pathOf('/v1/sites/{id}/location', { id: site.siteId }), { latitude, longitude });
        return true;
      },
    });
    if (done) {
      say(t('sites.located_ok', { name: site.name }));
      await load();
    }
  };

  create.addEventListener('click', createSite);
  list.body.append(loading());
  load();
  return h('div', { class: 'stack' }, flash, listError.el, list.el);
}
