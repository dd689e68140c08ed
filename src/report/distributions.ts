/**
 * Distributions a chart needs beyond single values: the Kaplan–Meier curve of length of stay
 * and the length-of-stay histogram. Both read the cohort exactly as the indicators do: the
 * curve runs the SQL of `length_of_stay_km_median` itself (its frequency table) through the same
 * estimator, so the median read off the curve is the indicator's; the histogram bins the paths
 * exiting in the period, whose count is `exits`. Counts shown in bins are suppressed with the
 * engine's rules when suppression is on.
 */
import type { Database } from '../db.js';
import { loadIndicators } from '../indicators/load.js';
import { indicatorSql, type IndicatorValue } from '../indicators/run.js';
import type { IndicatorSpec } from '../indicators/spec.js';
import { suppress } from '../indicators/suppress.js';
import { kaplanMeier, type SurvivalStep } from '../stats/index.js';

export const KM_INDICATOR = 'length_of_stay_km_median';

/** The Kaplan–Meier steps of the current period's entries (empty when the indicator file is missing). */
export async function kmCurve(db: Database): Promise<SurvivalStep[]> {
  const spec = loadIndicators().find((s) => s.id === KM_INDICATOR);
  if (!spec) return [];
  const rows = await db.all(indicatorSql(spec, undefined));
  const items: { time: number; event: boolean }[] = [];
  for (const r of rows) {
    if (r['period'] !== 'current') continue;
    for (let i = 0; i < Number(r['events']); i++) items.push({ time: Number(r['time']), event: true });
    for (let i = 0; i < Number(r['censored']); i++) items.push({ time: Number(r['time']), event: false });
  }
  return kaplanMeier(items);
}

/** Length-of-stay bands in days, upper bounds inclusive (the last is open). */
export const STAY_BANDS: readonly { code: string; max: number | null }[] = [
  { code: '0-90', max: 90 },
  { code: '91-180', max: 180 },
  { code: '181-365', max: 365 },
  { code: '366-730', max: 730 },
  { code: '731+', max: null },
];

export interface BandCount {
  band: string;
  /** Paths in the band; null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

/** Paths exiting in the current period by length-of-stay band (path exit − path entry, as length_of_stay_median). */
export async function stayLengthBands(db: Database, threshold: number | undefined): Promise<BandCount[]> {
  const cases = STAY_BANDS.map((b) => (b.max === null ? `ELSE '${b.code}'` : `WHEN giorni <= ${b.max} THEN '${b.code}'`)).join(' ');
  const rows = await db.all<{ band: string; n: number }>(
    `SELECT CASE ${cases} END AS band, count(*) AS n
     FROM paths x JOIN periods p ON p.period = 'current' AND x.data_uscita BETWEEN p.from_date AND p.end_date
     GROUP BY ALL`,
  );
  const counts = new Map(rows.map((r) => [r.band, Number(r.n)]));
  const id = 'length_of_stay_band';
  let values: IndicatorValue[] = STAY_BANDS.map((b) => {
    const n = counts.get(b.code) ?? 0;
    return { id, group: { band: b.code }, value: n, numerator: n, denominator: null, n, ci95: null, suppressed: false, label: id, unit: 'paths' };
  });
  if (threshold && threshold > 1) values = suppress(values, threshold, [{ id, kind: 'count' } as IndicatorSpec]);
  return values.map((v) => ({ band: v.group['band']!, count: v.value, suppressed: v.suppressed }));
}
