import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config.js';
import type { Database } from '../../src/db.js';
import { computeForPeriod } from '../../src/indicators/index.js';
import { parsePeriod, resolvePeriod } from '../../src/periods.js';
import { kmCurve, stayLengthBands } from '../../src/report/distributions.js';
import { kmMedian } from '../../src/stats/index.js';
import { reportBase, type ReportBase } from './dataset.js';

const period = resolvePeriod(parsePeriod('2025', undefined, '2025-12-31'), '2025-12-31');
let base: ReportBase;
let db: Database;
let project: Project;

beforeAll(async () => {
  base = await reportBase(period);
  ({ db, project } = base);
});
afterAll(() => base.cleanup());

describe('distributions', () => {
  it('draws the Kaplan–Meier curve of the paths entering in the period, computed by hand', async () => {
    // Entries in 2025 (days to exit, or censored at 31/12/2025):
    //   C08 01/02→15/03 = 28 + 14 = 42 (event)      C11 01/10, open: 30 + 30 + 31 = 91 (censored)
    //   C04 10/01→20/04 = 21 + 28 + 31 + 20 = 100   C09 05/03→01/07 = 26 + 30 + 31 + 30 + 1 = 118
    //   C10 01/09, open: 29 + 31 + 30 + 31 = 121 (censored)
    //   C05→C06 01/05→01/12 = 31 + 30 + 31 + 31 + 30 + 31 + 30 = 214     C03 01/03, open: 305 (censored)
    // S(42) = 6/7; S(100) = 6/7 × 4/5 = 24/35; S(118) = 24/35 × 3/4 = 18/35 ≈ 0.514;
    // S(214) = 18/35 × 1/2 = 9/35 ≤ 0.5 → median 214.
    const curve = await kmCurve(db);
    expect(curve.map((s) => [s.time, s.nRisk, s.events, s.censored])).toEqual([
      [42, 7, 1, 0], [91, 6, 0, 1], [100, 5, 1, 0], [118, 4, 1, 0], [121, 3, 0, 1], [214, 2, 1, 0], [305, 1, 0, 1],
    ]);
    expect(curve[3]!.survival).toBeCloseTo(18 / 35, 12);
    expect(curve[5]!.survival).toBeCloseTo(9 / 35, 12);
    const catalogue = await computeForPeriod(db, project, period, { ids: ['length_of_stay_km_median'], lang: 'it' });
    // The median read off the curve is the indicator's.
    expect(kmMedian(curve)).toBe(214);
    expect(catalogue.values[0]!.value).toBe(214);
  });

  it('bins the lengths of the paths exiting in the period; the bins add up to `exits`', async () => {
    // Exits in 2025: C08 42 | C04 100, C09 118 | C06 214, C02 10/11/2024→30/06/2025 = 232,
    // C01 01/03/2024→15/02/2025 = 365 − 14 = 351 | C07 01/07/2024→30/09/2025 = 365 + 91 = 456.
    const bands = await stayLengthBands(db, undefined);
    expect(bands.map((b) => [b.band, b.count])).toEqual([['0-90', 1], ['91-180', 2], ['181-365', 3], ['366-730', 1], ['731+', 0]]);
    const exits = await computeForPeriod(db, project, period, { ids: ['exits'], lang: 'it' });
    expect(bands.reduce((s, b) => s + b.count!, 0)).toBe(exits.values[0]!.value);
  });

  it('suppresses small bins with the engine’s rules', async () => {
    // N = 3: counts 1 and 2 are hidden (three cells, so no second cell needs hiding); 3 and 0 shown.
    const bands = await stayLengthBands(db, 3);
    expect(bands.map((b) => [b.count, b.suppressed])).toEqual([[null, true], [null, true], [3, false], [null, true], [0, false]]);
    // N = 2: only the two bins of 1 are hidden.
    expect((await stayLengthBands(db, 2)).map((b) => b.count)).toEqual([null, 2, 3, null, 0]);
  });
});
