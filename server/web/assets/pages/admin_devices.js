// Administrators: kiosks. Create one and its one-time enrolment code (shown once, as text to
// copy and as a QR code of the enrolment file), revoke one after a confirmation, and see each
// one's state: connected now, last event, events received, gaps in its sequence.
import { h, formValues } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { toNumber } from '../format.js';
import { pathOf } from '../api.js';
import { qrSvg } from '../qr.js';
import { badge, confirmDialog, copyButton, errorLine, field, formDialog, loading, section, table } from '../ui.js';

const REFRESH_MS = 5000;  // "connected now" should follow a kiosk within seconds

export function adminDevicesView(ctx) {
  const listError = errorLine();
  const create = h('button', { type: 'button', class: 'primary', testid: 'device-create' }, t('devices.create'));
  const refresh = h('button', { type: 'button', testid: 'devices-refresh' }, t('common.refresh'));
  const list = section(t('devices.title'), 'devices', refresh, create);
  const result = h('div', { testid: 'device-result' });
  let sites = [];
  let devices = [];

  const siteOf = (id) => sites.find((s) => s.siteId === String(id ?? ''));
  const placeOf = (d) => {
    const site = siteOf(d.siteId);
    const gate = site?.gates?.find((g) => g.gateId === String(d.gateId ?? ''));
    const siteText = site ? site.name : `#${d.siteId ?? '?'}`;
    return gate ? `${siteText} — ${gate.name}` : siteText;
  };

  const stateOf = (d) => {
    if (d.state === 'revoked') return badge(t('devices.revoked_on', { date: dateTime(d.revokedAtMs) }), 'bad', 'device-state');
    if (d.state === 'awaiting_enrolment') {
      return badge(t('devices.awaiting', { date: dateTime(d.enrolmentExpiresAtMs) }), 'warn', 'device-state');
    }
    return badge(t('devices.enrolled'), 'ok', 'device-state');
  };

  const connectedOf = (d) => {
    if (d.connected) return badge(t('devices.connected'), 'ok', 'device-connected');
    // A kiosk not enrolled yet has never had a link: nothing to say.
    if (d.state === 'awaiting_enrolment') return h('span', { class: 'muted', testid: 'device-connected' }, '—');
    return badge(t('devices.disconnected'), 'muted', 'device-connected');
  };

  const gapsOf = (d) => {
    const missing = toNumber(d.missingEvents);
    return missing ? badge(t('devices.gaps', { count: missing, upTo: toNumber(d.contiguousSeq) }), 'bad', 'device-gaps') : h('span', { testid: 'device-gaps' }, '0');
  };

  const draw = () => {
    list.body.replaceChildren(devices.length
      ? table([
          { label: t('devices.id'), cell: (d) => h('code', {}, d.deviceId) },
          { label: t('devices.place'), cell: placeOf },
          { label: t('devices.description'), cell: (d) => d.description ?? '' },
          { label: t('devices.state'), cell: stateOf },
          { label: t('devices.link'), cell: connectedOf },
          { label: t('devices.last_event'), cell: (d) => dateTime(d.lastEventAtMs) || '—' },
          { label: t('devices.events'), class: 'num', cell: (d) => h('span', { testid: 'device-events' }, String(toNumber(d.eventsReceived))) },
          { label: t('devices.gaps_column'), class: 'num', cell: gapsOf },
          { label: '', class: 'actions-cell', cell: (d) => d.state === 'revoked' ? ''
            : h('button', { type: 'button', class: 'small danger', testid: 'device-revoke', onclick: () => revoke(d) }, t('devices.revoke')) },
        ], devices, { testid: 'devices-table', rowTestid: (d) => `device-${d.deviceId}` })
      : h('p', { class: 'muted' }, t('devices.none')));
  };

  const load = async () => {
    try {
      const all = [];
      let cursor = '';
      // Every page: an administrator wants the whole fleet on one screen (hundreds at most).
      for (let pages = 0; pages < 50; pages++) {
        const page = await ctx.api.get('/v1/devices', { cursor });
        all.push(...(page.devices ?? []));
        cursor = page.nextCursor ?? '';
        if (!cursor) break;
      }
      if (!ctx.isCurrent()) return;
      devices = all;
      listError.clear();
      draw();
    } catch (e) {
      if (ctx.isCurrent()) listError.show(e);
    }
  };

  const showCode = (code) => {
    const file = code.enrolmentFile ?? '';
    const fileName = `${code.deviceId}.enrol`;
    // The file to put on the kiosk (a USB stick): a download made here, nothing fetched again.
    const fileUrl = URL.createObjectURL(new Blob([file], { type: 'text/plain' }));
    const fingerprint = (file.match(/server_certificate_sha256: "([0-9a-f]+)"/) ?? [])[1] ?? '';
    // The address this browser reached the server at: what a kiosk on the same network uses,
    // unless the administrator knows better.
    const server = location.host;
    const withFile = `minegate-kiosk enroll --file ${fileName} --server ${server} --data-dir /var/lib/minegate-kiosk`;
    const withCode = `minegate-kiosk enroll ${code.code} --server ${server} --server-fingerprint ${fingerprint} --data-dir /var/lib/minegate-kiosk`;
    const command = (text, testid) => h('div', { class: 'command' }, h('code', { testid }, text), copyButton(() => text, `copy-${testid}`));
    const hide = () => {
      URL.revokeObjectURL(fileUrl);
      result.replaceChildren();
    };
    result.replaceChildren(h('section', { class: 'card code-card', testid: 'enrolment-code' },
      h('h2', {}, t('devices.code_title', { id: code.deviceId })),
      h('p', { class: 'notice' }, t('devices.code_once', { date: dateTime(code.expiresAtMs) })),
      h('div', { class: 'code-row' },
        h('code', { class: 'code', testid: 'enrolment-code-text' }, code.code),
        copyButton(() => code.code, 'copy-code')),
      h('div', { class: 'code-grid' },
        h('figure', {}, qrSvg(file, t('devices.qr_label')), h('figcaption', { class: 'muted' }, t('devices.qr_caption'))),
        h('div', { class: 'stack' },
          h('div', {},
            h('p', {}, t('devices.file_intro')),
            h('pre', { class: 'file', testid: 'enrolment-file' }, file),
            h('div', { class: 'row-actions' },
              h('a', { class: 'button small', href: fileUrl, download: fileName, testid: 'download-file' }, t('devices.download_file', { name: fileName })),
              copyButton(() => file, 'copy-file'))),
          h('div', {},
            h('p', {}, t('devices.enroll_with_file')),
            command(withFile, 'command-file'),
            h('p', {}, t('devices.enroll_with_code')),
            command(withCode, 'command-code'),
            h('p', { class: 'muted' }, t('devices.enroll_server', { server }))))),
      h('button', { type: 'button', testid: 'code-done', onclick: hide }, t('devices.code_done'))));
  };

  const createDevice = async () => {
    if (!sites.length) return listError.show({ title: t('devices.need_site') });
    const gateSelect = h('select', { name: 'gateId', testid: 'field-gateId', id: 'f-gate' });
    const fillGates = (siteId) => gateSelect.replaceChildren(
      h('option', { value: '0' }, t('devices.any_gate')),
      ...(siteOf(siteId)?.gates ?? []).map((g) => h('option', { value: g.gateId }, g.name)));
    const site = field('siteId', t('devices.site'), { options: sites.map((s) => [s.siteId, s.name]) });
    site.querySelector('select').addEventListener('change', (e) => fillGates(e.target.value));
    fillGates(sites[0].siteId);
    const code = await formDialog({
      title: t('devices.create'),
      testid: 'device-create-dialog',
      submitLabel: t('devices.create_submit'),
      fields: [site,
        h('div', { class: 'field' }, h('label', { for: 'f-gate' }, t('devices.gate')), gateSelect),
        field('description', t('devices.description'), { autocomplete: 'off', hint: t('devices.description_hint') }),
        field('validHours', t('devices.valid_hours'), { type: 'number', min: 1, max: 720, value: '72' })],
      submit: (form) => {
        const v = formValues(form);
        return ctx.api.post('/v1/devices', { siteId: v.siteId, gateId: v.gateId, description: v.description, validHours: Number(v.validHours) || 0 });
      },
    });
    if (code) {
      showCode(code);
      await load();
    }
  };

  const revoke = async (d) => {
    const yes = await confirmDialog({ title: t('devices.revoke_title', { id: d.deviceId }), text: t('devices.revoke_text'), confirm: t('devices.revoke'), danger: true });
    if (!yes) return;
    try {
      const report = await ctx.api.post(pathOf('/v1/devices/{id}/revoke', { id: d.deviceId }), {});
      const agents = report.compromisedAgents ?? [];
      const seq = toNumber(report.highestSeqReceived);
      result.replaceChildren(h('section', { class: 'card', testid: 'revocation-report' },
        h('h2', {}, t('devices.revoked_title', { id: d.deviceId })),
        h('p', {}, seq ? t('devices.revoked_text', { kept: toNumber(report.braceletsKept), seq }) : t('devices.revoked_nothing')),
        agents.length ? h('p', { class: 'notice' }, t('devices.compromised', { agents: agents.join(', ') })) : null));
      await load();
    } catch (e) {
      listError.show(e);
    }
  };

  create.addEventListener('click', createDevice);
  refresh.addEventListener('click', load);
  list.body.append(loading());
  (async () => {
    try {
      sites = (await ctx.api.get('/v1/sites')).sites ?? [];
    } catch (e) {
      listError.show(e);
    }
    await load();
    // Each refresh is an audited read: none while the tab is hidden, none once another view is
    // drawn.
    const timer = setInterval(() => {
      if (!ctx.isCurrent()) return clearInterval(timer);
      if (document.visibilityState === 'visible') load();
    }, REFRESH_MS);
  })();
  return h('div', { class: 'stack' }, listError.el, result, list.el);
}
