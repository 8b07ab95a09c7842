// server/web/assets/charts.js, its layout maths without a DOM: ticks, scales, bar lengths, label
// widths and cuts, the pyramid's two sides, shares that fill the bar exactly, columns stacked
// and grouped when the days outnumber the pixels; counts and shares in each language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  barsLayout, columnsLayout, daysPerColumn, fitText, formatCount, formatPercent, groupDays, groupLabels,
  labelled, niceTicks, pyramidLayout, scaleLength, seriesClass, sharesLayout, textWidth, topRows,
} from '../../../server/web/assets/charts.js';

const close = (actual, expected, what, epsilon = 1e-6) =>
  assert.ok(Math.abs(actual - expected) < epsilon, `${what}: ${actual} is not ${expected}`);

test('ticks: steps of 1, 2 or 5 times a power of ten, never under 1, the top at or above the maximum', () => {
  assert.deepEqual(niceTicks(3), { step: 1, top: 3, values: [0, 1, 2, 3] });
  assert.deepEqual(niceTicks(10), { step: 2, top: 10, values: [0, 2, 4, 6, 8, 10] });
  assert.deepEqual(niceTicks(117), { step: 50, top: 150, values: [0, 50, 100, 150] });
  assert.deepEqual(niceTicks(117, 3), { step: 50, top: 150, values: [0, 50, 100, 150] });
  assert.deepEqual(niceTicks(1298, 4), { step: 500, top: 1500, values: [0, 500, 1000, 1500] });
  assert.deepEqual(niceTicks(1).values, [0, 1]);
  // Nothing to draw: one unit of axis, no division by zero.
  assert.deepEqual(niceTicks(0), { step: 1, top: 1, values: [0, 1] });
  assert.deepEqual(niceTicks(-4), { step: 1, top: 1, values: [0, 1] });
  assert.deepEqual(niceTicks(Number.NaN), { step: 1, top: 1, values: [0, 1] });
  for (const max of [1, 2, 7, 19, 99, 101, 999, 12_345, 1_000_000]) {
    const { step, top, values } = niceTicks(max);
    assert.ok(top >= max && top - step < max, `${max}: top ${top}, step ${step}`);
    assert.ok(values.length >= 2 && values.length <= 11, `${max}: ${values.length} ticks`);
    assert.ok([1, 2, 5].includes(step / 10 ** Math.floor(Math.log10(step))), `${max}: step ${step}`);
  }
});

test('a length is proportional to the value; a count above 0 shows as at least 1 px', () => {
  assert.equal(scaleLength(50, 100, 300), 150);
  assert.equal(scaleLength('25', 100, 300), 75);
  assert.equal(scaleLength(100, 100, 300), 300);
  assert.equal(scaleLength(1, 10_000, 300), 1);
  assert.equal(scaleLength(0, 100, 300), 0);
  assert.equal(scaleLength(undefined, 100, 300), 0);
  assert.equal(scaleLength(5, 0, 300), 0);
  assert.equal(scaleLength(500, 100, 300), 300, 'never past the axis');
});

test('labels are given their width and cut with an ellipsis when too long', () => {
  assert.equal(textWidth('abcd', 10), 4 * 10 * 0.58);
  assert.equal(textWidth('Côte d’Ivoire', 13), 13 * 13 * 0.58, 'characters, not bytes');
  assert.equal(fitText('Sénégal', 200), 'Sénégal');
  const cut = fitText('République centrafricaine', 80);
  assert.ok(cut.endsWith('…') && cut.length < 'République centrafricaine'.length, cut);
  assert.ok(textWidth(cut) <= 80 + 13 * 0.58, `${cut} fits`);
  assert.equal(fitText('', 10), '');
});

test('the largest rows, the rest summed as one', () => {
  const rows = [['SEN', 117], ['MLI', 41], ['NGA', 38], ['BFA', 34], ['GIN', 30]].map(([label, value]) => ({ label, value }));
  assert.deepEqual(topRows(rows, 5, 'Autres'), rows);
  assert.deepEqual(topRows(rows, 3, 'Autres'), [rows[0], rows[1], { label: 'Autres', value: 38 + 34 + 30, others: true }]);
  assert.deepEqual(topRows([...rows].reverse(), 2, 'Autres').map((r) => r.label), ['SEN', 'Autres']);
});

test('bars: label column, bars on one scale from the same origin, the value after each', () => {
  const rows = [{ label: 'Sénégal', value: 117, note: '117 (40 %)' }, { label: 'Mali', value: 41, note: '41 (14 %)' }, { label: 'Ghana', value: 0, note: '0' }];
  const l = barsLayout(rows, { width: 600 });
  assert.equal(l.ticks.top, 150);
  assert.ok(l.barX >= textWidth('Sénégal'), 'the longest label fits');
  close(l.rows[0].barWidth, (117 / 150) * l.barMax, 'Sénégal');
  close(l.rows[1].barWidth, (41 / 150) * l.barMax, 'Mali');
  assert.equal(l.rows[2].barWidth, 0);
  assert.ok(l.barX + l.barMax + textWidth('117 (40 %)') <= 600 + 1e-9, 'the value text stays inside');
  assert.deepEqual(l.rows.map((r) => r.y), [4, 30, 56]);
  assert.equal(l.tickX[0], l.barX);
  close(l.tickX[l.tickX.length - 1], l.barX + l.barMax, 'last tick at the end of the axis');
  assert.equal(l.height, 4 + 3 * 26 + 13 + 12);
  // On a phone a long label is cut, not the bars.
  const narrow = barsLayout([{ label: 'République centrafricaine', value: 3 }], { width: 300 });
  assert.ok(narrow.labelWidth <= 300 * 0.38 + 1e-9);
  assert.ok(narrow.rows[0].text.endsWith('…'));
  assert.ok(narrow.barMax >= 20);
});

test('pyramid: oldest band on top, men left and women right of the labels, one scale', () => {
  const rows = [
    { label: '0-14 ans', male: 5, female: 15 },
    { label: '15-17 ans', male: 4, female: 1 },
    { label: '18-25 ans', male: 56, female: 49 },
    { label: '51 ans et plus', male: 0, female: 10 },
  ];
  const l = pyramidLayout(rows, { width: 600 });
  assert.deepEqual(l.rows.map((r) => r.label), ['51 ans et plus', '18-25 ans', '15-17 ans', '0-14 ans']);
  assert.equal(l.ticks.top, 60);
  const young = l.rows[3];
  close(young.maleWidth, (5 / 60) * l.side, 'men 0-14');
  close(young.maleX + young.maleWidth, l.centreLeft, 'men grow left from the labels');
  close(young.femaleWidth, (15 / 60) * l.side, 'women 0-14');
  assert.equal(young.femaleX, l.centreRight, 'women grow right from the labels');
  close(l.centreRight - l.centreLeft, l.labelWidth, 'the label column between');
  assert.equal(l.rows[0].maleWidth, 0);
  assert.ok(l.rows[1].maleX >= 0 && l.rows[1].femaleX + l.rows[1].femaleWidth <= 600, 'inside the width');
  close(l.maleTickX[0], l.centreLeft, 'men 0');
  close(l.femaleTickX[l.femaleTickX.length - 1], l.centreRight + l.side, 'women top');
  assert.equal(l.height, l.headHeight + 4 * 28 + 13 + 12);
  // Both sides the same length, whatever the widths of the values.
  close(l.centreLeft - l.side, 600 - (l.centreRight + l.side), 'symmetric');
});

test('shares fill the bar exactly; a share is written inside its segment only when it fits', () => {
  const l = sharesLayout([{ label: 'avec', value: 88 }, { label: 'sans', value: 177 }], { width: 500, language: 'fr' });
  assert.equal(l.total, 265);
  close(l.segments[0].width, (88 / 265) * 500, 'with');
  close(l.segments[0].width + l.segments[1].width, 500, 'the whole bar', 1e-9);
  assert.equal(l.segments[1].x, l.segments[0].width);
  assert.equal(l.segments[0].percent, '33\u202f%');
  assert.ok(l.segments[0].inside && l.segments[1].inside);
  const thin = sharesLayout([{ label: 'avec', value: 1 }, { label: 'sans', value: 199 }], { width: 300, language: 'en' });
  assert.equal(thin.segments[0].percent, '0.5%');
  assert.equal(thin.segments[0].inside, false);
  const none = sharesLayout([{ label: 'avec', value: 0 }, { label: 'sans', value: 0 }], { width: 300 });
  assert.deepEqual(none.segments.map((s) => s.width), [0, 0]);
  assert.equal(none.segments[0].percent, '–');
});

test('columns: stacked by series on one scale, one label every few columns so that none touch', () => {
  const labels = ['01/12', '02/12', '03/12', '04/12'];
  const series = [{ values: [1, 0, 2, 5] }, { values: [3, 0, 0, 1] }];
  const l = columnsLayout(labels, series, { width: 400, height: 200 });
  assert.deepEqual(l.columns.map((c) => c.total), [4, 0, 2, 6]);
  assert.equal(l.ticks.top, 6);
  const plotHeight = l.plotBottom - l.plotTop;
  const first = l.columns[0];
  assert.deepEqual(first.segments.map((s) => s.series), [0, 1]);
  close(first.segments[0].height, (1 / 6) * plotHeight, 'first series');
  close(first.segments[0].y, l.plotBottom - first.segments[0].height, 'from the axis up');
  close(first.segments[1].y, first.segments[0].y - first.segments[1].height, 'stacked on it');
  assert.deepEqual(l.columns[1].segments, [], 'nothing drawn for 0');
  close(l.columns[3].segments.reduce((sum, s) => sum + s.height, 0), plotHeight, 'the tallest reaches the top');
  assert.ok(l.columns.every((c) => c.labelled), 'four wide columns: every day labelled');
  // Sixty days on a phone: a label every few columns, never closer than the text needs.
  const days = Array.from({ length: 60 }, (_, i) => `${String(i + 1).padStart(2, '0')}/10`);
  const phone = columnsLayout(days, [{ values: days.map(() => 1) }], { width: 330 });
  const slot = phone.plotWidth / 60;
  assert.ok(phone.labelEvery > 1);
  assert.ok(phone.labelEvery * slot >= textWidth('00/00') + 10, 'labels apart');
  assert.equal(phone.columns.filter((c) => c.labelled).length, Math.ceil(60 / phone.labelEvery));
  for (const c of phone.columns) assert.ok(c.x >= phone.plotLeft - 1e-9 && c.x + c.width <= phone.plotLeft + phone.plotWidth + 1e-9);
  close(phone.tickY[0], phone.plotBottom, 'tick 0 on the axis');
});

test('more days than the width allows: several days a column, summed or the last of them', () => {
  assert.equal(daysPerColumn(30, 600, 5), 1);
  assert.equal(daysPerColumn(366, 290, 5), 7);
  assert.equal(daysPerColumn(0, 290), 1);
  assert.deepEqual(groupDays([1, 2, 3, 4, 5], 2), [3, 7, 5]);
  assert.deepEqual(groupDays([10, 12, 11, 9, 8], 2, 'last'), [12, 9, 8]);
  assert.deepEqual(groupDays(['1', '2'], 1), [1, 2]);
  assert.deepEqual(groupLabels(['1', '2', '3'], ['a', 'b', 'c'], 1), { axis: ['1', '2', '3'], titles: ['a', 'b', 'c'] });
  assert.deepEqual(groupLabels(['1', '2', '3'], ['a', 'b', 'c'], 2), { axis: ['1', '3'], titles: ['a – b', 'c'] });
});

test('counts and shares in the language of the page', () => {
  assert.equal(formatCount(1298, 'fr'), '1\u202f298');
  assert.equal(formatCount('1298', 'en'), '1,298');
  assert.equal(formatCount(undefined, 'fr'), '0');
  assert.equal(formatPercent(117, 293, 'fr'), '40\u202f%');
  assert.equal(formatPercent(117, 293, 'en'), '40%');
  assert.equal(formatPercent(6, 293, 'fr'), '2,0\u202f%');
  assert.equal(formatPercent(0, 293, 'en'), '0%');
  assert.equal(formatPercent(293, 293, 'en'), '100%');
  assert.equal(formatPercent(1, 0, 'fr'), '–');
  assert.equal(labelled('Hommes', 5, 'fr'), 'Hommes\u00a0: 5');
  assert.equal(labelled('Men', 5, 'en'), 'Men: 5');
  assert.equal(seriesClass(0), 'chart-s0');
  assert.equal(seriesClass(9), 'chart-s1');
});
