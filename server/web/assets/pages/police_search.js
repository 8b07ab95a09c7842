// Border police: person search (GET /v1/police/persons, at /police). Nothing is searched before
// the officer states a reason and a case reference (the reason step, as the protection
// officers' case page asks for its reason): both go with every search and every history opened
// from here (Minegate-Reason, Minegate-Case-Reference) and are written to the audit log with the
// search terms and the number of results, until the officer changes them. Then one criterion a
// search — bracelet UID, name, identity document, nationality and arrival dates, site and dates
// — and the persons found with what tells them apart, page by page, each opening the history.
import { fill, formValues, h } from '../dom.js';
import { csvFormat, date, dateTime, language, t } from '../i18n.js';
import { NATIONALITIES } from '../format.js';
import { countryLabel } from '../languages.js';
import { csvButton, errorLine, field, labelCells, section, table } from '../ui.js';
import {
  inquiryOf, knownSites, rememberSite, rememberSiteList, saveSearch, savedSearch, sitesListed, startInquiry,
} from './police_inquiry.js';
import { nationalityText, personHref, personName, policeReasonStep } from './police_parts.js';
import { CRITERIA, SEX, dayInput, searchParams, wordKey } from './police_words.js';

/// A page of results; the API allows 1 to 200.
const PAGE_SIZE = 50;
/// The date range a dated search starts with: the last 30 days.
const DEFAULT_DAYS = 30;

/// The stated reason and case reference above the police pages, with a way to change them.
function inquiryBar(inquiry, onChange) {
  return h('section', { class: 'card police-inquiry', testid: 'police-inquiry' },
    h('dl', { class: 'facts' },
      h('dt', {}, t('police.reason_label')), h('dd', { testid: 'police-inquiry-reason' }, inquiry.reason),
      h('dt', {}, t('police.case_reference')), h('dd', { testid: 'police-inquiry-reference' }, inquiry.caseReference)),
    h('p', { class: 'muted' }, t('police.inquiry_audited')),
    onChange
      ? h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'small', testid: 'police-inquiry-change', onclick: onChange }, t('police.inquiry_change')))
      : null);
}

/// "1990", "vers 1990" / "about 1990", "non déclarée".
function birthYearText(year, estimated) {
  if (!year) return t('police.not_declared');
  return estimated ? t('police.born_about', { year }) : String(year);
}

export function policeSearchView(ctx) {
  const root = h('div', { class: 'stack police', testid: 'police-search' });

  const draw = () => {
    const inquiry = inquiryOf(ctx.session);
    if (!inquiry) {
      root.replaceChildren(policeReasonStep({
        open: (reason, caseReference) => {
          startInquiry(ctx.session, reason, caseReference);
          draw();
        },
      }));
      return;
    }
    root.replaceChildren(
      inquiryBar(inquiry, () => root.replaceChildren(policeReasonStep({
        lead: t('police.reason_change_lead'),
        values: inquiry,
        cancel: { label: t('action.cancel'), onclick: draw },
        open: (reason, caseReference) => {
          startInquiry(ctx.session, reason, caseReference);
          draw();
        },
      }))),
      ...searchPart(ctx, inquiry));
  };
  draw();
  return root;
}

function searchPart(ctx, inquiry) {
  const saved = savedSearch(ctx.session);
  const values = saved?.values ?? {};
  let kind = saved?.kind ?? 'name';

  // ------------------------------------------------------------ the form
  const form = h('form', { class: 'stack police-form', novalidate: true, testid: 'police-search-form' });
  const error = errorLine(form);
  error.el.dataset.testid = 'police-search-error';
  const criteria = h('fieldset', { class: 'police-criteria', testid: 'police-criteria' },
    h('legend', {}, t('police.search_by')),
    CRITERIA.map(([value, key]) => {
      const id = `police-by-${value}`;
      return h('span', { class: 'police-criterion' },
        h('input', { type: 'radio', name: 'kind', id, value, checked: value === kind, testid: `police-by-${value}`,
          onchange: () => choose(value) }),
        h('label', { for: id }, t(key)));
    }));

  const input = (name, label, props) => field(name, label, { autocomplete: 'off', spellcheck: 'false', value: values[name], ...props });
  const siteField = field('site', t('police.site'), { options: [['', t('police.site_pick')]] });
  const siteSelect = siteField.querySelector('select');
  /// The registry's sites (GET /v1/sites: names and numbers, no person), by name.
  const refreshSites = () => {
    const chosen = siteSelect.value || values.site || '';
    siteSelect.replaceChildren(h('option', { value: '' }, t('police.site_pick')),
      ...knownSites().map(([id, name]) => h('option', { value: id }, name)));
    siteSelect.value = chosen;
  };
  refreshSites();
  // Read once (police_inquiry keeps it), not at each redraw.
  if (!sitesListed()) {
    ctx.api.get('/v1/sites').then((list) => {
      rememberSiteList(list.sites);
      if (ctx.isCurrent()) refreshSites();
    }).catch((e) => { if (ctx.isCurrent()) error.show(e); });
  }
  const nationalityOptions = [...NATIONALITIES]
    .map((code) => [code, countryLabel(code, { withCode: true })])
    .sort((a, b) => a[1].localeCompare(b[1], language()));
  const nationality = field('nationality', t('police.nationality'), {
    options: [['', t('police.nationality_pick')], ...nationalityOptions, ['other', t('police.nationality_other')]],
  });
  const nationalitySelect = nationality.querySelector('select');
  nationalitySelect.value = values.nationality ?? '';
  const other = input('nationalityOther', t('police.nationality_code'), { maxlength: 3, class: 'short upper', hint: t('police.nationality_code_hint') });
  const showOther = () => { other.hidden = nationalitySelect.value !== 'other'; };
  nationalitySelect.addEventListener('change', showOther);
  showOther();

  const groups = {
    uid: [input('uid', t('police.uid'), { hint: t('police.uid_hint'), class: 'mono', placeholder: '04A1B2C3D4E5F6' })],
    name: [input('name', t('police.name'), { hint: t('police.name_hint'), maxlength: 100 })],
    document: [input('document', t('police.document_number'), { hint: t('police.document_hint'), maxlength: 100 })],
    nationality: [nationality, other],
    site: [siteField],
  };
  const from = input('from', t('police.from'), { placeholder: t('common.date_placeholder'), value: values.from ?? dayInput(Date.now(), DEFAULT_DAYS), class: 'short' });
  const to = input('to', t('police.to'), { placeholder: t('common.date_placeholder'), value: values.to ?? dayInput(Date.now()), class: 'short' });
  const dates = h('div', { class: 'police-dates' },
    h('p', { class: 'muted police-dates-note', testid: 'police-dates-note' }),
    h('div', { class: 'pair' }, from, to));
  const slots = Object.fromEntries(Object.entries(groups).map(([name, fields]) =>
    [name, h('div', { class: 'police-fields', testid: `police-fields-${name}`, hidden: name !== kind }, fields)]));
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'police-search-submit' }, t('police.search'));
  form.append(criteria, ...Object.values(slots), dates, error.el, h('div', { class: 'actions' }, submit));

  function choose(value) {
    kind = value;
    error.clear();
    for (const [name, slot] of Object.entries(slots)) slot.hidden = name !== kind;
    const dated = kind === 'nationality' || kind === 'site';
    dates.hidden = !dated;
    dates.querySelector('p').textContent = kind === 'site' ? t('police.dates_site') : t('police.dates_arrival');
  }
  choose(kind);

  // ------------------------------------------------------------ the results
  const results = section(t('police.results'), 'police-results');
  results.el.hidden = !saved;
  let persons = saved?.persons ?? [];
  let nextCursor = saved?.nextCursor ?? '';
  let params = saved?.params ?? {};
  let shownKind = saved?.kind ?? kind;
  let shownValues = saved?.values ?? {};
  const moreError = errorLine();
  moreError.el.dataset.testid = 'police-more-error';
  const more = h('button', { type: 'button', testid: 'police-more', onclick: () => fetchPage(true) }, t('police.more'));

  /// What the results are for, in words: "Nom : ndeye diop", "Site et dates : Sabodala (n° 2), du … au …".
  const describe = () => {
    const range = () => t('police.range', { from: shownValues.from ?? '', to: shownValues.to ?? '' });
    const site = () => {
      const name = knownSites().find(([number]) => number === params.site)?.[1];
      return name ? t('police.site_named', { name, number: params.site }) : t('police.site_numbered', { number: params.site });
    };
    const terms = {
      uid: () => params.uid,
      name: () => t('police.quoted', { text: params.name }),
      document: () => params.document,
      nationality: () => `${nationalityText(params.nationality)}, ${range()}`,
      site: () => `${site()}, ${range()}`,
    }[shownKind]?.() ?? '';
    return `${t(CRITERIA.find(([k]) => k === shownKind)?.[1] ?? 'police.results')} : ${terms}`;
  };

  const drawResults = () => {
    results.el.hidden = false;
    const bySite = shownKind === 'site';
    const seen = (siteName, siteId, atMs) => h('span', {}, siteName || `#${siteId}`, h('br'), h('small', { class: 'muted' }, date(atMs)));
    const columns = [
      { label: t('police.col_name'), cell: (p) => h('a', { href: personHref(p.personId), 'data-nav': '', class: 'police-person', testid: 'police-result-name' }, personName(p)) },
      { label: t('police.col_sex'), cell: (p) => t(wordKey(SEX, p.sex)) },
      { label: t('police.col_birth'), cell: (p) => birthYearText(p.birthYear, p.birthEstimated) },
      { label: t('police.col_nationality'), cell: (p) => nationalityText(p.nationality) },
      { label: t('police.col_first_seen'), cell: (p) => seen(p.firstSiteName, p.firstSiteId, p.firstSeenAtMs) },
      { label: t('police.col_last_seen'), cell: (p) => seen(p.lastSiteName, p.lastSiteId, p.lastSeenAtMs) },
      bySite ? { label: t('police.col_matched'), cell: (p) => dateTime(p.matchedAtMs) } : null,
      { label: '', class: 'actions-cell', cell: (p) => h('a', { href: personHref(p.personId), 'data-nav': '', class: 'button small', testid: 'police-open-history' }, t('police.open_history')) },
    ].filter(Boolean);
    fill(results.body,
      h('p', { class: 'police-results-for', testid: 'police-results-for' }, describe()),
      h('p', { class: 'muted', testid: 'police-result-count', role: 'status' },
        persons.length === 0 ? t('police.none_found')
          : nextCursor ? t('police.count_more', { count: persons.length })
            : t(persons.length === 1 ? 'police.count_one' : 'police.count', { count: persons.length }),
        persons.length ? ' ' : null,
        // The whole result, every page, with the same reason and case reference.
        persons.length
          ? csvButton(() => ctx.api.file('/v1/police/persons.csv', { ...params, ...csvFormat() }, inquiry),
              'personnes.csv', moreError, 'police-results-csv')
          : null),
      persons.length
        ? labelCells(table(columns, persons, { testid: 'police-results-table', rowTestid: (p) => `police-result-${p.personId}` }))
        : null,
      moreError.el,
      nextCursor ? h('div', { class: 'actions police-more' }, more) : null);
  };

  async function fetchPage(next) {
    (next ? moreError : error).clear();
    const button = next ? more : submit;
    button.disabled = true;
    try {
      const page = await ctx.api.get('/v1/police/persons',
        { ...params, limit: PAGE_SIZE, cursor: next ? nextCursor : undefined }, inquiry);
      if (!ctx.isCurrent()) return;
      const rows = page.persons ?? [];
      for (const p of rows) {
        rememberSite(p.firstSiteId, p.firstSiteName);
        rememberSite(p.lastSiteId, p.lastSiteName);
      }
      persons = next ? [...persons, ...rows] : rows;
      nextCursor = page.nextCursor ?? '';
      saveSearch(ctx.session, { kind: shownKind, values: shownValues, params, persons, nextCursor });
      drawResults();
      refreshSites();
      if (!next) results.el.scrollIntoView?.({ block: 'nearest' });
    } catch (e) {
      (next ? moreError : error).show(e);
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.clear();
    results.el.hidden = true;
    const typed = formValues(form);
    const built = searchParams(kind, typed);
    if (built.error) {
      error.show({ title: t(built.error), field: built.field });
      return;
    }
    params = built.params;
    shownKind = kind;
    shownValues = typed;
    fetchPage(false);
  });

  if (saved) drawResults();
  const card = h('section', { class: 'card', testid: 'police-search-card' },
    h('h1', {}, t('police.search_title')), form);
  if (!saved) queueMicrotask(() => slots[kind].querySelector('input, select')?.focus());
  return [card, results.el];
}
