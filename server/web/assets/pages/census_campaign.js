// EMAPE officials: one campaign's results (/census/campaign?id=…, GET /v1/census/campaigns/{id}/
// results). Each breakdown as a table with its total — sex, age band, nationality, occupation,
// month of installation at the site, miner's card — and, where officials would rather look than
// read, a chart beside its table: the age-sex pyramid, the nationalities, the card coverage of
// the adults. Then the minors observed (census data for the protection follow-up, each marked
// "no gold miner's card") and the card issuance list (adults without a card). Both lists are
// person-level reads the audit log records with the persons shown, so they load only when the
// official asks, a page at a time.
import { fill, h } from '../dom.js';
import { date, dateTime, language, t } from '../i18n.js';
import { toNumber } from '../format.js';
import { countryLabel } from '../languages.js';
import { pathOf } from '../api.js';
import { barsChart, pyramidChart, sharesChart, topRows } from '../charts.js';
import { errorLine, labelCells, loading, section, table } from '../ui.js';
import {
  ageWords, breakdownTable, campaignName, capitalised, count, countTable, csvLink, periodOf, rowLabel, share, sexWord,
  statusBadge,
} from './census_tables.js';

const LIST_PAGE = 50;
/// Bars the nationality chart draws; the others are summed in one bar (all are in the table).
const NATIONALITY_BARS = 8;

export function censusCampaignView(ctx) {
  const id = ctx.query.get('id') ?? '';
  const error = errorLine();
  error.el.dataset.testid = 'campaign-error';
  const body = h('div', { class: 'stack' }, loading());
  const back = h('p', { class: 'back' }, h('a', { href: '/census', 'data-nav': '', testid: 'back-to-campaigns' }, t('census.back')));

  const resultsCsv = pathOf('/v1/census/campaigns/{id}/results.csv', { id });
  /// The CSV of one results table (`table`: its JSON name).
  const tableCsv = (table, label) => csvLink(resultsCsv, { table }, `csv-${table}`, label);

  const tableOf = (results, name) => (results.tables ?? []).find((x) => x.name === name) ?? { name, rows: [], total: '0' };

  const head = (r) => {
    const c = r.campaign ?? {};
    return h('section', { class: 'card campaign-head', testid: 'campaign-head' },
      h('div', { class: 'section-head' },
        h('h1', { testid: 'campaign-title' }, campaignName(c)),
        statusBadge(c)),
      h('dl', { class: 'facts' },
        h('dt', {}, t('census.site')), h('dd', { testid: 'campaign-site' }, c.siteName || `#${c.siteId ?? ''}`),
        h('dt', {}, t('census.period')), h('dd', {}, periodOf(c)),
        h('dt', {}, t('census.campaign_id')), h('dd', {}, h('code', {}, c.campaignId ?? id)),
        h('dt', {}, t('census.age_reference')), h('dd', {}, t('census.age_reference_text', { date: date(r.ageReferenceMs) }))));
  };

  const figures = (r) => {
    const cover = r.cardCoverage ?? {};
    const tile = (label, value, testid, note, kind) =>
      h('div', { class: ['figure-tile', kind], testid }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label),
        note ? h('span', { class: 'figure-note' }, note) : null);
    return h('section', { class: 'figure-tiles', testid: 'census-figures', 'aria-label': t('census.key_figures') },
      tile(t('census.observed_persons'), count(r.observed), 'figure-observed'),
      tile(t('census.minors'), count(r.minors), 'figure-minors', t('census.minors_note'), toNumber(r.minors) ? 'warn' : null),
      tile(t('census.adults_with_card'), count(cover.withCard), 'figure-with-card',
        t('census.of_adults', { share: share(cover.withCard, cover.adults), adults: count(cover.adults) })),
      tile(t('census.cards_to_issue'), count(cover.withoutCard), 'figure-without-card', t('census.cards_to_issue_note')));
  };

  // ------------------------------------------------------------ sex and age

  const ageSex = (r) => {
    const s = section(t('census.age_sex_title'), 'census-age-sex',
      tableCsv('sex', t('census.csv_sex')), tableCsv('age_sex', t('census.csv_age_sex')));
    const pyramid = r.pyramid ?? [];
    const label = (row) => capitalised((language() === 'en' ? row.labelEn : row.labelFr) || row.ageBand);
    const charted = pyramid.filter((row) => row.ageBand !== 'unknown');
    const unknownAge = pyramid.filter((row) => row.ageBand === 'unknown')
      .reduce((sum, row) => sum + toNumber(row.female) + toNumber(row.male) + toNumber(row.unspecified), 0);
    const unspecified = charted.reduce((sum, row) => sum + toNumber(row.unspecified), 0);
    const male = pyramid.reduce((sum, row) => sum + toNumber(row.male), 0);
    const female = pyramid.reduce((sum, row) => sum + toNumber(row.female), 0);
    const chart = pyramidChart({
      testid: 'chart-pyramid',
      rows: charted.map((row) => ({ label: label(row), male: toNumber(row.male), female: toNumber(row.female) })),
      labels: {
        title: t('census.pyramid_title'),
        summary: t('census.pyramid_summary', { male: count(male), female: count(female) }),
        male: t('chart.men'), female: t('chart.women'), format: count, language: language(),
        note: unknownAge || unspecified ? t('census.pyramid_note', { age: count(unknownAge), sex: count(unspecified) }) : '',
      },
    });
    const total = toNumber(r.observed);
    const ageTable = countTable({
      testid: 'table-age-sex',
      columns: [
        { label: t('census.age_band'), cell: label },
        { label: t('chart.men'), num: true, cell: (row) => count(row.male) },
        { label: t('chart.women'), num: true, cell: (row) => count(row.female) },
        { label: t('person.sex_not_stated'), num: true, cell: (row) => count(row.unspecified) },
        { label: t('census.total'), num: true, cell: (row) => count(toNumber(row.male) + toNumber(row.female) + toNumber(row.unspecified)) },
        { label: t('census.share'), num: true, optional: true, cell: (row) => share(toNumber(row.male) + toNumber(row.female) + toNumber(row.unspecified), total) },
      ],
      rows: pyramid.map((row) => ({ ...row, key: row.ageBand })),
      totals: [t('census.total'), count(male), count(female),
        count(pyramid.reduce((sum, row) => sum + toNumber(row.unspecified), 0)), count(total), share(total, total)],
    });
    s.body.append(
      h('div', { class: 'chart-pair' },
        chart,
        h('div', { class: 'stack-tight-tables' },
          h('h3', {}, t('census.table_sex')),
          breakdownTable(tableOf(r, 'sex'), 'table-sex', t('census.sex')))),
      h('h3', {}, t('census.table_age')),
      h('p', { class: 'muted small-print' }, t('census.age_hint')),
      h('div', { class: 'table-medium' }, ageTable));
    return s.el;
  };

  // ------------------------------------------------------------ nationality

  const nationality = (r) => {
    const s = section(t('census.nationality_title'), 'census-nationality', tableCsv('nationality'));
    const tableData = tableOf(r, 'nationality');
    const total = toNumber(tableData.total);
    const rows = (tableData.rows ?? []).filter((row) => toNumber(row.count) > 0)
      .map((row) => ({ label: row.key && /^[A-Z]{3}$/.test(row.key) ? countryLabel(row.key) : rowLabel('nationality', row), value: toNumber(row.count) }));
    const bars = topRows(rows, NATIONALITY_BARS, t('chart.others'))
      .map((row) => ({ ...row, note: `${count(row.value)} (${share(row.value, total)})` }));
    s.body.append(h('div', { class: 'chart-pair' },
      bars.length
        ? barsChart({
            testid: 'chart-nationality', rows: bars,
            labels: {
              title: t('census.nationality_chart'), language: language(), format: count,
              summary: t('census.nationality_summary', { count: rows.length, first: bars[0]?.label ?? '', share: share(bars[0]?.value, total) }),
              note: rows.length > NATIONALITY_BARS ? t('census.others_note', { count: rows.length - NATIONALITY_BARS + 1 }) : '',
            },
          })
        : h('p', { class: 'muted' }, t('census.no_one')),
      breakdownTable(tableData, 'table-nationality', t('census.nationality'))));
    return s.el;
  };

  // ------------------------------------------------------------ occupation, installation

  const occupation = (r) => {
    const s = section(t('census.occupation_title'), 'census-occupation', tableCsv('occupation'));
    s.body.append(h('div', { class: 'table-narrow' }, breakdownTable(tableOf(r, 'occupation'), 'table-occupation', t('census.occupation'))));
    return s.el;
  };

  const installation = (r) => {
    const s = section(t('census.installation_title'), 'census-installation', tableCsv('installation_month'));
    s.body.append(
      h('p', { class: 'muted small-print' }, t('census.installation_hint')),
      h('div', { class: 'table-narrow' }, breakdownTable(tableOf(r, 'installation_month'), 'table-installation', t('census.installation_month'))));
    return s.el;
  };

  // ------------------------------------------------------------ miner's card

  const cards = (r) => {
    const s = section(t('census.card_title'), 'census-card', tableCsv('miner_card'));
    const cover = r.cardCoverage ?? {};
    const adults = toNumber(cover.adults);
    const coverTable = countTable({
      testid: 'table-card-coverage',
      columns: [
        { label: t('census.adults'), cell: (row) => row.label },
        { label: t('census.persons'), num: true, cell: (row) => count(row.value) },
        { label: t('census.share'), num: true, cell: (row) => share(row.value, adults) },
      ],
      rows: [
        { key: 'with_card', label: t('chart.with_card'), value: toNumber(cover.withCard) },
        { key: 'without_card', label: t('chart.without_card'), value: toNumber(cover.withoutCard) },
      ],
      totals: [t('census.adults_total'), count(adults), share(adults, adults)],
    });
    s.body.append(
      h('div', { class: 'chart-pair' },
        adults
          ? sharesChart({
              testid: 'chart-card-coverage',
              parts: [
                { label: t('chart.with_card'), value: toNumber(cover.withCard), className: 'chart-with' },
                { label: t('chart.without_card'), value: toNumber(cover.withoutCard), className: 'chart-without' },
              ],
              labels: {
                title: t('census.card_chart'), language: language(),
                summary: t('census.card_summary', { share: share(cover.withCard, adults), adults: count(adults) }),
                note: t('census.card_note', { minors: count(r.minors) }),
              },
            })
          : h('p', { class: 'muted' }, t('census.no_adult')),
        coverTable),
      h('h3', {}, t('census.table_card')),
      h('div', { class: 'table-narrow' }, breakdownTable(tableOf(r, 'miner_card'), 'table-card', t('census.card_held'))));
    return s.el;
  };

  // ------------------------------------------------------------ the two lists

  /// A list section: its count, a button that loads it, then pages of `columns`.
  const personList = ({ testid, title, intro, total, route, columns, empty, notice }) => {
    const s = section(title, testid, total ? csvLink(pathOf(`${route}.csv`, { id }), {}, `${testid}-csv`) : null);
    const listError = errorLine();
    listError.el.dataset.testid = `${testid}-error`;
    const show = h('button', { type: 'button', class: 'primary', testid: `${testid}-show` }, t('census.show_list'));
    const more = h('button', { type: 'button', testid: `${testid}-more`, hidden: true }, t('common.more'));
    const shown = h('p', { class: 'muted', testid: `${testid}-shown`, hidden: true });
    const holder = h('div', {});
    let persons = [];
    let cursor = '';
    const load = async (next) => {
      listError.clear();
      show.disabled = true;
      more.disabled = true;
      try {
        const page = await ctx.api.get(pathOf(route, { id }), { limit: LIST_PAGE, cursor: next ? cursor : '' });
        if (!ctx.isCurrent()) return;
        persons = next ? [...persons, ...(page.persons ?? [])] : (page.persons ?? []);
        cursor = page.nextCursor ?? '';
        show.hidden = true;
        holder.replaceChildren(persons.length
          ? labelCells(table(columns, persons, { testid: `${testid}-table` }), 'census-cards')
          : h('p', { class: 'muted' }, empty));
        shown.textContent = `${t('census.shown', { shown: count(persons.length), total: count(total) })} ${t('census.age_about_hint')}`;
        shown.hidden = !persons.length;
        more.hidden = !cursor;
      } catch (e) {
        if (ctx.isCurrent()) listError.show(e);
      } finally {
        show.disabled = false;
        more.disabled = false;
      }
    };
    show.addEventListener('click', () => load(false));
    more.addEventListener('click', () => load(true));
    s.body.append(
      h('p', { class: 'list-count', testid: `${testid}-count` }, intro),
      notice,
      total ? h('p', { class: 'row-actions' }, show, h('small', { class: 'muted' }, t('census.list_audited'))) : null,
      listError.el, shown, holder, more);
    return s.el;
  };

  const nameOf = (p) => h('span', { class: 'person-name' },
    h('strong', {}, (p.familyName ?? '').toLocaleUpperCase()), ' ', p.givenName ?? '');
  const countryOf = (p) => (p.nationality ? countryLabel(p.nationality) : h('span', { class: 'muted' }, t('census.not_stated')));

  const minors = (r) => personList({
    testid: 'census-minors',
    title: t('census.minors_title'),
    intro: t(toNumber(r.minors) === 1 ? 'census.minors_count_one' : 'census.minors_count', { count: count(r.minors) }),
    notice: h('p', { class: 'notice' }, t('census.minors_notice')),
    total: toNumber(r.minors),
    route: '/v1/census/campaigns/{id}/minors',
    empty: t('census.minors_none'),
    columns: [
      { label: t('census.name'), cell: nameOf },
      { label: t('census.age'), cell: (p) => ageWords(p) },
      { label: t('census.sex'), cell: (p) => sexWord(p.sex) },
      { label: t('census.nationality'), cell: countryOf },
      { label: t('census.observed_at'), cell: (p) => dateTime(p.observedAtMs) },
      { label: t('census.note'), cell: (p) => h('span', { class: 'badge warn minor-note', testid: 'minor-note' }, (language() === 'en' ? p.noteEn : p.noteFr) || t('census.minor_note')) },
    ],
  });

  const candidates = (r, occupations) => personList({
    testid: 'census-candidates',
    title: t('census.candidates_title'),
    intro: t(toNumber(r.cardCoverage?.withoutCard) === 1 ? 'census.candidates_count_one' : 'census.candidates_count', { count: count(r.cardCoverage?.withoutCard) }),
    notice: h('p', { class: 'muted' }, t('census.candidates_notice')),
    total: toNumber(r.cardCoverage?.withoutCard),
    route: '/v1/census/campaigns/{id}/card-candidates',
    empty: t('census.candidates_none'),
    columns: [
      { label: t('census.name'), cell: nameOf },
      { label: t('census.age'), cell: (p) => ageWords(p) },
      { label: t('census.sex'), cell: (p) => sexWord(p.sex) },
      { label: t('census.nationality'), cell: countryOf },
      { label: t('census.occupation'), cell: (p) => occupations.get(p.occupation) ?? p.occupation ?? '' },
      { label: t('census.observed_at'), cell: (p) => dateTime(p.observedAtMs) },
    ],
  });

  const draw = (r) => {
    const occupations = new Map((tableOf(r, 'occupation').rows ?? []).map((row) => [row.key, rowLabel('occupation', row)]));
    const observed = toNumber(r.observed);
    const unregistered = toNumber(r.unregistered);
    fill(body,
      head(r),
      figures(r),
      observed === 0 ? h('p', { class: 'notice', testid: 'census-empty' }, t('census.nobody_yet')) : null,
      unregistered ? h('p', { class: 'notice', testid: 'census-unregistered' },
        t(unregistered === 1 ? 'census.unregistered_one' : 'census.unregistered', { count: count(unregistered) })) : null,
      ageSex(r), nationality(r), occupation(r), installation(r), cards(r),
      minors(r), candidates(r, occupations),
      h('p', { class: 'muted small-print', testid: 'census-read-at' }, t('census.read_at', { date: dateTime(Date.now()) })));
  };

  const load = async () => {
    error.clear();
    if (!id) {
      body.replaceChildren(h('p', { class: 'notice', testid: 'campaign-missing' }, t('census.no_campaign')));
      return;
    }
    try {
      const results = await ctx.api.get(pathOf('/v1/census/campaigns/{id}/results', { id }));
      if (!ctx.isCurrent()) return;
      draw(results);
    } catch (e) {
      if (!ctx.isCurrent()) return;
      body.replaceChildren();
      error.show(e);
    }
  };

  load();
  return h('div', { class: 'stack census-results' }, back, error.el, body);
}
