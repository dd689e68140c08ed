import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config.js';
import type { Database } from '../../src/db.js';
import { buildBase } from '../../src/indicators/base.js';
import { computeForPeriod } from '../../src/indicators/index.js';
import { loadIndicators } from '../../src/indicators/load.js';
import type { IndicatorValue } from '../../src/indicators/run.js';
import { parsePeriod, resolvePeriod, type ResolvedPeriod } from '../../src/periods.js';
import { computeSeries, periodSteps, seriesStep } from '../../src/report/series.js';
import { reportBase, type ReportBase } from './dataset.js';

const year = (asOf: string): ResolvedPeriod => resolvePeriod(parsePeriod('2025', undefined, asOf), asOf);

describe('series', () => {
  it('steps a year by calendar month, clipped to as_of, each with its day-matched previous period', () => {
    const months = periodSteps(year('2025-03-15'));
    expect(months.map((m) => [m.label, m.from, m.end, m.days])).toEqual([
      ['2025-01', '2025-01-01', '2025-01-31', 31],
      ['2025-02', '2025-02-01', '2025-02-28', 28],
      // March ends at as_of: 1–15 March is 15 days.
      ['2025-03', '2025-03-01', '2025-03-15', 15],
    ]);
    // The previous period of February: 28 days ending 31/01 → 04/01–31/01.
    expect(months[1]!.previous).toEqual({ from: '2025-01-04', end: '2025-01-31', days: 28 });
    // As resolvePeriod would give for --period 2025-02.
    expect(months[1]).toEqual(resolvePeriod(parsePeriod('2025-02', undefined, '2025-03-15'), '2025-03-15'));
  });

  it('uses quarters beyond two years and years beyond eight', () => {
    expect(seriesStep('2025-01-01', '2025-12-31')).toBe('month');
    expect(seriesStep('2023-01-01', '2024-12-31')).toBe('month'); // 731 days
    expect(seriesStep('2023-01-01', '2025-06-30')).toBe('quarter');
    expect(seriesStep('2010-01-01', '2025-12-31')).toBe('year');
    const period = resolvePeriod({ label: 'progetto', from: '2023-02-15', to: '2025-06-30' }, '2025-06-30');
    const quarters = periodSteps(period);
    // Q1 2023 starts at the period's start; 10 quarters to Q2 2025.
    expect(quarters.length).toBe(10);
    expect([quarters[0]!.label, quarters[0]!.from, quarters[0]!.end]).toEqual(['2023-Q1', '2023-02-15', '2023-03-31']);
    expect([quarters[9]!.label, quarters[9]!.from, quarters[9]!.end]).toEqual(['2025-Q2', '2025-04-01', '2025-06-30']);
  });

  describe('on the report dataset', () => {
    const period = year('2025-12-31');
    const months = periodSteps(period);
    let base: ReportBase;
    let db: Database;
    let project: Project;
    beforeAll(async () => {
      base = await reportBase(period);
      ({ db, project } = base);
    });
    afterAll(() => base.cleanup());

    it('gives the occupancy of March 2025 by ambito, computed by hand', async () => {
      const [march] = await computeSeries(db, project, [months[2]!], { ids: ['occupancy_rate', 'places_available_avg'], by: 'ambito', lang: 'it' });
      const v = (id: string, ambito: string) => march!.values.find((x) => x.id === id && x.group['ambito'] === ambito)!;
      // Monza: A1 (2 places) and A2 (1) × 31 days = 93 place-nights; occupied: C02 31, C03 31 (enters 01/03),
      // C04 31 = 93 → 100 %.
      expect([v('occupancy_rate', 'Monza').numerator, v('occupancy_rate', 'Monza').denominator, v('occupancy_rate', 'Monza').value]).toEqual([93, 93, 1]);
      // Desio: B1 (2) × 31 + B2 (1, opens 01/03) × 31 = 93; occupied: C07 31, C08 1–14 March 14, C09 5–31
      // March 27 = 72 → 72/93; on average 93/31 = 3 places.
      expect([v('occupancy_rate', 'Desio').numerator, v('occupancy_rate', 'Desio').denominator]).toEqual([72, 93]);
      expect(v('occupancy_rate', 'Desio').value).toBeCloseTo(72 / 93, 12);
      expect(v('places_available_avg', 'Desio').value).toBe(3);
    });

    /** Every period indicator without intrinsic groups, as the series runner serves them. */
    const seriesIds = () => loadIndicators().filter((s) => s.basis === 'period' && s.groups.length === 0).map((s) => s.id);
    const strip = (values: IndicatorValue[]) => values.map(({ label: _l, ...v }) => v);

    for (const suppress of [undefined, 3]) {
      it(`equals computeForPeriod month by month, for every indicator, overall and by ambito (suppress ${suppress ?? 'off'})`, async () => {
        const ids = seriesIds();
        expect(ids.length).toBeGreaterThan(20);
        const series = await computeSeries(db, project, months, { ids, by: 'ambito', suppress, lang: 'it' });
        expect(series.length).toBe(12);
        // The caller's periods relation is back: the whole year and its previous period.
        const rows = await db.all<{ period: string; from_date: string }>(`SELECT period, CAST(from_date AS VARCHAR) AS from_date FROM periods ORDER BY period`);
        expect(rows).toEqual([{ period: 'current', from_date: '2025-01-01' }, { period: 'previous', from_date: '2024-01-02' }]);
        for (const point of series) {
          const single = await computeForPeriod(db, project, point.period, { ids, by: 'ambito', suppress, lang: 'it' });
          expect(strip(point.values), point.period.label).toEqual(strip(single.values));
        }
        await buildBase(db, period, project);
      });
    }

    it('without previous periods gives the same values, with `previous` null', async () => {
      const ids = ['occupancy_rate', 'requests_received', 'length_of_stay_median'];
      const full = await computeSeries(db, project, months, { ids, by: 'ambito', lang: 'it' });
      const lean = await computeSeries(db, project, months, { ids, by: 'ambito', lang: 'it', previous: false });
      const drop = (values: IndicatorValue[]) => values.map(({ previous: _p, ...v }) => v);
      expect(lean.map((p) => drop(p.values))).toEqual(full.map((p) => drop(p.values)));
      expect(lean.every((p) => p.values.every((v) => v.previous === null))).toBe(true);
      // With suppression the previous periods are computed anyway: a small previous cell hides a value.
      const suppressed = await computeSeries(db, project, months, { ids, by: 'ambito', lang: 'it', previous: false, suppress: 3 });
      const single = await computeForPeriod(db, project, months[5]!, { ids, by: 'ambito', lang: 'it', suppress: 3 });
      await buildBase(db, period, project);
      expect(strip(suppressed[5]!.values)).toEqual(strip(single.values));
    });

    it('refuses indicators with intrinsic groups (their zero-fill is not the series runner’s)', async () => {
      await expect(computeSeries(db, project, months, { ids: ['exits_by_destination'], lang: 'it' })).rejects.toThrow(/intrinsic groups/);
    });
  });
});
