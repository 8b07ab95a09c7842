// The auditor's part of the officials' e2e scenario (officials.e2e.mjs): every change the
// administrator made, found in the log through the page's filters (user and route); the
// refused page; "who touched this person"; the chain verified, also against a head written down
// before; the CSV export downloaded (BOM, French headers, the rows of the filtered view) and
// found in the log afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, checkEqual, waitFor } from './officials_harness.mjs';
import { AGENT } from './officials_admin.mjs';

/// The French export's header row (server/api/audit_routes.cpp), in the order of the columns.
const FRENCH_HEADERS = ['n°', 'date (UTC)', 'type d\'acteur', 'acteur', 'rôle', 'adresse', 'navigateur', 'action',
  'cibles', 'personnes', 'requête', 'résultats', 'issue', 'statut HTTP', 'motif', 'référence du dossier', 'empreinte'];

/// Marks the list on the page as the one before: applying a filter or following a link to the log
/// draws the page again (app.js navigate), and the old list may still be there for a moment.
async function markListStale(page) {
  await page.locator('[data-testid="audit-shown"], [data-testid="audit-empty"]').evaluateAll((els) => els.forEach((el) => {
    el.dataset.stale = 'yes';
  }));
}

/// The list drawn since markListStale.
const freshList = '[data-testid="audit-shown"]:not([data-stale]), [data-testid="audit-empty"]:not([data-stale])';

/// Applies the filters through the form; resolves with every row of the list once drawn (or,
/// with `list` false, as soon as the view has been drawn: a filter the page refuses).
async function filter(page, values, { list = true } = {}) {
  const form = page.getByTestId('audit-filters');
  for (const name of ['user', 'route', 'person', 'from', 'to']) await form.getByTestId(`field-${name}`).fill(values[name] ?? '');
  for (const name of ['role', 'outcome']) await form.getByTestId(`field-${name}`).selectOption(values[name] ?? '');
  await markListStale(page);
  await form.getByTestId('audit-apply').click();
  await page.waitForURL((url) => url.pathname === '/audit' && (values.route ? url.searchParams.get('route') === values.route : true));
  if (!list) return [];
  await page.locator(freshList).waitFor();
  // Every page of the list ("more" adds the next one).
  for (let pages = 0; pages < 20 && (await page.getByTestId('audit-more').count()); pages++) {
    const before = await page.locator('[data-testid="audit-table"] tbody tr').count();
    await page.getByTestId('audit-more').click();
    await waitFor('the next page of entries', async () => (await page.locator('[data-testid="audit-table"] tbody tr').count()) > before);
  }
  return rows(page);
}

/// The rows of the log's table as the page shows them (columns in the order of audit_log.js).
async function rows(page) {
  return page.locator('[data-testid="audit-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const cells = [...tr.children];
    return {
      seq: Number(cells[0].textContent),
      at: cells[1].textContent,
      actor: cells[2].querySelector('code')?.textContent ?? '',
      address: cells[2].querySelector('[data-testid="entry-address"]')?.textContent ?? '',
      action: cells[3].querySelector('a')?.textContent ?? '',
      query: cells[3].querySelector('[data-testid="entry-query"]')?.textContent ?? '',
      targets: [...cells[4].querySelectorAll('li')].map((li) => li.textContent),
      persons: [...cells[5].querySelectorAll('li')].map((li) => li.textContent),
      count: cells[6].textContent,
      outcome: cells[7].querySelector('.badge')?.textContent ?? '',
    };
  }));
}

function splitCsvLine(line, separator) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') field += line[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/// `admin` is administrate()'s answer: { deviceId }.
export async function audit(s, admin) {
  const { page, shots, fr } = s;
  await page.getByTestId('workspace-/audit').click();
  await page.getByTestId('audit-table').waitFor();
  await shots.take(page, 'audit-log');

  // Each change the administrator made, by user and route, with what it acted on.
  const changes = [
    ['POST /v1/sites', 'site:1'],
    ['POST /v1/sites/{id}/gates', 'site:1'],
    ['POST /v1/users', `user:${AGENT.id}`],
    ['POST /v1/devices', `device:${admin.deviceId}`],
    ['POST /v1/devices/{id}/revoke', `device:${admin.deviceId}`],
  ];
  for (const [route, target] of changes) {
    const found = await filter(page, { user: 'chef', route });
    checkEqual(found.length, 1, `entries of chef for ${route}`);
    checkEqual(found[0].action, route, 'action shown');
    checkEqual(found[0].actor, 'chef', 'actor shown');
    checkEqual(found[0].address, '127.0.0.1', 'client address shown');
    checkEqual(found[0].outcome, fr['outcome.ok'], `outcome of ${route}`);
    check(found[0].targets.includes(target), `${route} names ${target}: ${found[0].targets.join(', ')}`);
  }
  await shots.take(page, 'audit-log-filtered');
  // The filters are in the address: a reload shows the same view.
  await page.reload();
  await page.getByTestId('audit-shown').waitFor();
  const [revoke] = await rows(page);
  checkEqual(revoke.action, 'POST /v1/devices/{id}/revoke', 'same view after a reload');
  checkEqual(await page.getByTestId('field-route').inputValue(), 'POST /v1/devices/{id}/revoke', 'route filter kept');
  check(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/.test(revoke.at), `date to the second, dd/mm/yyyy: ${revoke.at}`);
  // An entry's actor is a link to the log filtered on that actor alone.
  await markListStale(page);
  await page.locator(`[data-testid="entry-${revoke.seq}"]`).getByRole('link', { name: 'chef' }).click();
  await page.waitForURL((url) => url.search === '?user=chef');
  await page.locator(freshList).waitFor();
  checkEqual(await page.getByTestId('field-user').inputValue(), 'chef', 'user filter from the link');
  check((await rows(page)).every((r) => r.actor === 'chef'), 'only chef\'s entries');
  // The reads the auditor made are in the log with the filters they used.
  const reads = await filter(page, { user: 'fatou', route: 'GET /v1/audit/entries' });
  check(reads.some((r) => r.query === 'actorId=chef&action=POST /v1/devices/{id}/revoke'), `an entry's query shows its filters: ${reads.map((r) => r.query).join(' | ')}`);

  // What the administrator was refused: the auditors' pages; and the wrong password, recorded
  // without an actor (nobody was signed in) but naming the account tried.
  const refused = await filter(page, { user: 'chef', outcome: 'refused' });
  check(refused.some((r) => r.action === 'GET /audit/{section...}' && r.targets.includes('page:/audit/verify')), 'the refused page is in the log');
  check(refused.some((r) => r.action === 'GET /audit' && r.targets.includes('page:/audit')), 'the refused workspace is in the log');
  check(refused.every((r) => r.outcome === fr['outcome.refused']), 'only refusals shown');
  await shots.take(page, 'audit-log-refused');
  const signIns = await filter(page, { route: 'POST /v1/session', outcome: 'refused' });
  check(signIns.length === 1 && signIns[0].targets.includes('user:chef') && signIns[0].actor === '', `the refused sign-in: ${JSON.stringify(signIns)}`);

  // A date range: today holds everything; the day before, nothing.
  const day = (offset) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
  };
  check((await filter(page, { user: 'chef', from: day(0), to: day(0) })).length > 5, 'today\'s entries');
  checkEqual((await filter(page, { user: 'chef', to: day(-1) })).length, 0, 'nothing before today');
  await page.getByTestId('audit-empty').waitFor();
  await filter(page, { from: '31/02/2026' }, { list: false });
  await page.getByTestId('error').waitFor();
  checkEqual(await page.getByTestId('error').textContent(), fr['audit.bad_from'], 'a date that does not exist');
  check(!(await page.getByTestId('audit-export').isVisible()), 'no export of a view the page cannot show');
  await shots.take(page, 'audit-log-bad-date');

  // Who touched this person: nobody here has touched a person; an unknown token finds nothing,
  // a malformed one is refused in the page.
  await page.getByTestId('nav-/audit/person').click();
  await page.getByTestId('person-form').waitFor();
  await shots.take(page, 'audit-person');
  await page.getByTestId('field-token').fill('0123456789ABCDEF0123456789abcdef');
  await page.getByTestId('person-search').click();
  await page.waitForURL((url) => url.searchParams.get('token') === '0123456789abcdef0123456789abcdef');
  checkEqual(await page.getByTestId('audit-empty').textContent(), fr['audit.person_none'], 'nobody touched this token');
  await shots.take(page, 'audit-person-none');
  await page.getByTestId('field-token').fill('pas un jeton');
  await page.getByTestId('person-search').click();
  // The page is drawn again for the new address: the form before it had its own error line,
  // empty and hidden, which must not be the one read.
  await page.waitForURL((url) => url.searchParams.get('token') === 'pas un jeton');
  await page.getByTestId('error').waitFor();
  checkEqual(await page.getByTestId('error').textContent(), fr['audit.bad_person'], 'a token that is not hex');

  // The chain: intact, its head; then against the head just read (met) and an altered one.
  await page.getByTestId('nav-/audit/verify').click();
  await page.getByTestId('verify-verdict').waitFor();
  checkEqual(await page.getByTestId('verify-verdict').textContent(), fr['audit.intact'], 'verdict');
  const count = Number(await page.getByTestId('head-count').textContent());
  const hash = await page.getByTestId('head-hash').textContent();
  check(count > 10 && /^[0-9a-f]{64}$/.test(hash), `head ${count}:${hash}`);
  checkEqual(await page.getByTestId('head-expect').textContent(), `${count}:${hash}`, 'head to write down');
  await shots.take(page, 'audit-verify');
  await page.getByTestId('field-expect').fill(`${count}:${hash}`);
  await page.getByTestId('verify-run').click();
  await page.getByTestId('verify-expectation').waitFor();
  checkEqual(await page.getByTestId('verify-expectation').textContent(), fr['audit.expect_met'], 'the head written down is in the chain');
  await shots.take(page, 'audit-verify-expected');
  const altered = `${count}:${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
  await page.getByTestId('field-expect').fill(altered);
  await page.getByTestId('verify-run').click();
  await page.waitForURL((url) => url.searchParams.get('expect') === altered);
  // The page is drawn again for the new address, and until it is the last verdict (met) stays.
  const expectation = page.getByTestId('verify-expectation');
  await waitFor('the verdict on the altered head: not met', async () =>
    (await expectation.count()) === 1 && (await expectation.textContent()) === fr['audit.expect_not_met']);
  checkEqual(await page.getByTestId('head-expect').count(), 0, 'no head offered to write down when the one written down is not found');
  await page.getByTestId('verify-no-head').waitFor();
  await shots.take(page, 'audit-verify-not-met');

  // The CSV export of a filtered view: chef's changes.
  await page.getByTestId('nav-/audit').click();
  // The unfiltered list drawn first (the verify page has none), so that filter() marks it old.
  await page.getByTestId('audit-shown').waitFor();
  const shown = await filter(page, { user: 'chef', outcome: 'ok' });
  check(await page.getByTestId('audit-export-semicolon').isChecked(), 'semicolons by default in French');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  checkEqual(download.suggestedFilename(), 'journal-audit.csv', 'export file name');
  // Kept beside the screenshots, for a person to open in a spreadsheet.
  const saved = join(shots.dir, 'journal-audit.csv');
  await download.saveAs(saved);
  const bytes = readFileSync(saved);
  check(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the export starts with the UTF-8 BOM');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  checkEqual(JSON.stringify(splitCsvLine(lines[0], ';')), JSON.stringify(FRENCH_HEADERS), 'French headers');
  const exported = lines.slice(1).map((line) => splitCsvLine(line, ';'));
  checkEqual(exported.length, shown.length, 'rows exported = rows of the filtered view');
  check(exported.every((f) => f.length === FRENCH_HEADERS.length && f[3] === 'chef' && f[12] === 'ok'), 'every row is one of chef\'s accepted actions');
  checkEqual(JSON.stringify(exported.map((f) => Number(f[0]))), JSON.stringify(shown.map((r) => r.seq)), 'same entries, same order');

  // The export is itself in the log, with its filters and its row count.
  const exports = await filter(page, { user: 'fatou', route: 'GET /v1/audit/export.csv' });
  checkEqual(exports.length, 1, 'the export\'s entry');
  checkEqual(exports[0].count, String(exported.length), 'rows exported, as recorded');
  checkEqual(exports[0].outcome, fr['outcome.ok'], 'export outcome');
  await shots.take(page, 'audit-log-export-entry');
}
