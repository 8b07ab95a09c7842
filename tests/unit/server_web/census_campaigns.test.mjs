// server/web/assets/pages/census_campaigns.js: what a new campaign's form offers from its site
// and month — an id the server accepts (a-z, 0-9, "-", accents dropped) and its names in both
// languages. Run with TZ=UTC (CMakeLists.txt): the month is the local one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignIdOf, campaignNamesOf } from '../../../server/web/assets/pages/census_campaigns.js';

const december = Date.UTC(2026, 11, 7, 9, 5);

test('a campaign id from its site and month, as the server accepts it', () => {
  assert.equal(campaignIdOf('Kharakhéna', december), 'kharakhena-2026-12');
  assert.equal(campaignIdOf("  Sabodala — Porte d'Est  ", Date.UTC(2027, 0, 3)), 'sabodala-porte-d-est-2027-01');
  assert.equal(campaignIdOf('', december), 'site-2026-12');
  assert.equal(campaignIdOf('«»', december), 'site-2026-12');
  const long = campaignIdOf('a'.repeat(80), december);
  assert.equal(long, `${'a'.repeat(48)}-2026-12`);
  for (const name of ['Kharakhéna', 'Île à Morphil', 'x'.repeat(100)]) {
    assert.match(campaignIdOf(name, december), /^[a-z0-9-]{3,64}$/, name);
  }
});

test('its names in French and English, whatever the page\'s language', () => {
  assert.deepEqual(campaignNamesOf('Bantako', december), {
    nameFr: 'Recensement de Bantako, décembre 2026', nameEn: 'Bantako census, December 2026',
  });
});
