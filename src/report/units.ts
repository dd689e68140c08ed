/**
 * The occupancy of each unit over the period (§5 "occupancy timeline of each unit"), in the form
 * that stays readable at its size:
 *   - up to GANTT_MAX_UNITS units: a Gantt of the stays (bars from entry to exit, no person or
 *     case code), over the unit's availability;
 *   - up to HEATMAP_MAX_UNITS units, or whenever suppression is on (a Gantt shows single stays):
 *     a unit × month heatmap of `occupancy_rate` by alloggio, from the series runner;
 *   - up to BANDS_MAX_UNITS: how many units fall in each occupancy band, month by month, computed
 *     by the `occupancy_rate` SQL itself grouped by unit;
 *   - beyond: no chart per unit (a note says where to read occupancy by unit).
 */
import type { Project } from '../config.js';
import { literal, type Database } from '../db.js';
import { addDays } from '../dates.js';
import { loadIndicators } from '../indicators/load.js';
import { indicatorSql, type IndicatorValue, type Lang } from '../indicators/run.js';
import type { IndicatorSpec } from '../indicators/spec.js';
import { suppress } from '../indicators/suppress.js';
import type { ResolvedPeriod } from '../periods.js';
import { computeSeries, withPeriods } from './series.js';

export const GANTT_MAX_UNITS = 60;
export const HEATMAP_MAX_UNITS = 250;
/** Beyond this, no chart per unit: one more pass over every stay by unit costs seconds at a million stays. */
export const BANDS_MAX_UNITS = 5000;

export interface GanttBar {
  unit: string;
  ambito: string;
  /** Row within the unit, so that overlapping stays (several places) do not hide each other. */
  lane: number;
  start: string;
  /** Exclusive end (the exit day, or the day after the period end for stays still open). */
  end: string;
}

export interface HeatCell {
  unit: string;
  ambito: string;
  month: string;
  /** Occupancy rate of the unit in the month; null when not available or suppressed. */
  rate: number | null;
  suppressed: boolean;
}

export interface BandCell {
  month: string;
  band: string;
  units: number | null;
  suppressed: boolean;
}

export type UnitTimeline =
  | { kind: 'gantt'; units: number; availability: GanttBar[]; stays: GanttBar[] }
  | { kind: 'heatmap'; units: number; cells: HeatCell[] }
  | { kind: 'bands'; units: number; cells: BandCell[] }
  | { kind: 'none'; units: number };

/** Occupancy bands of a unit-month, in order. */
export const OCCUPANCY_BANDS = ['0', '1-49', '50-79', '80-99', '100'] as const;

export interface UnitTimelineOptions {
  project: Project;
  period: ResolvedPeriod;
  months: ResolvedPeriod[];
  suppress: number | undefined;
  lang: Lang;
}

export async function unitTimeline(db: Database, options: UnitTimelineOptions): Promise<UnitTimeline> {
  const { period } = options;
  const from = `DATE ${literal(period.from)}`;
  const end = `DATE ${literal(period.end)}`;
  const available = `u.data_apertura <= ${end} AND (u.data_chiusura IS NULL OR u.data_chiusura >= ${from})`;
  const units = Number(await db.value(`SELECT count(DISTINCT alloggio) FROM units u WHERE ${available}`));
  if (units === 0 || period.days === 0) return { kind: 'none', units: 0 };
  const suppressing = (options.suppress ?? 0) > 1;
  if (units <= GANTT_MAX_UNITS && !suppressing) return gantt(db, period, units, available);
  if (units <= HEATMAP_MAX_UNITS) return heatmap(db, options, units);
  if (units <= BANDS_MAX_UNITS) return bands(db, options, units);
  return { kind: 'none', units };
}

async function gantt(db: Database, period: ResolvedPeriod, units: number, available: string): Promise<UnitTimeline> {
  const from = `DATE ${literal(period.from)}`;
  const stop = `DATE ${literal(addDays(period.end, 1))}`;
  const availability = await db.all<{ unit: string; ambito: string | null; start: string; end: string }>(
    `SELECT u.alloggio AS unit, i.ambito, CAST(greatest(u.data_apertura, ${from}) AS VARCHAR) AS start,
       CAST(least(coalesce(u.data_chiusura + 1, ${stop}), ${stop}) AS VARCHAR) AS "end"
     FROM units u JOIN unit_info i USING (alloggio) WHERE ${available}
     ORDER BY i.ambito, u.alloggio, start`,
  );
  // Stays occupy nights [entry, exit): clipped to the period, open stays run to its end.
  const stays = await db.all<{ unit: string; ambito: string | null; start: string; end: string }>(
    `SELECT s.alloggio AS unit, i.ambito, CAST(greatest(s.data_ingresso, ${from}) AS VARCHAR) AS start,
       CAST(least(coalesce(s.data_uscita, ${stop}), ${stop}) AS VARCHAR) AS "end"
     FROM stays s JOIN unit_info i USING (alloggio)
     WHERE s.data_ingresso < ${stop} AND (s.data_uscita IS NULL OR s.data_uscita > ${from})
     ORDER BY i.ambito, s.alloggio, s.data_ingresso, s.data_uscita NULLS LAST`,
  );
  const lanesOf = new Map<string, string[]>();
  const laid = stays.map((s) => {
    // Greedy interval partitioning: the first lane free by this stay's start.
    const lanes = lanesOf.get(s.unit) ?? lanesOf.set(s.unit, []).get(s.unit)!;
    let lane = lanes.findIndex((busyUntil) => busyUntil <= s.start);
    if (lane < 0) lane = lanes.push(s.end) - 1;
    else lanes[lane] = s.end;
    return { unit: s.unit, ambito: s.ambito ?? '', lane, start: s.start, end: s.end };
  });
  return {
    kind: 'gantt',
    units,
    availability: availability.map((a) => ({ unit: a.unit, ambito: a.ambito ?? '', lane: 0, start: a.start, end: a.end })),
    stays: laid,
  };
}

async function heatmap(db: Database, options: UnitTimelineOptions, units: number): Promise<UnitTimeline> {
  const ambitoOf = new Map((await db.all<{ alloggio: string; ambito: string | null }>(`SELECT alloggio, ambito FROM unit_info`)).map((r) => [r.alloggio, r.ambito ?? '']));
  const series = await computeSeries(db, options.project, options.months, { ids: ['occupancy_rate'], by: 'alloggio', suppress: options.suppress, lang: options.lang, previous: false });
  const cells: HeatCell[] = [];
  for (const point of series) {
    for (const v of point.values) {
      const unit = v.group['alloggio'];
      // Units with no available night in the month have no rate: left blank.
      if (unit === undefined || (!v.suppressed && !v.denominator)) continue;
      cells.push({ unit, ambito: ambitoOf.get(unit) ?? '', month: point.period.from, rate: v.value, suppressed: v.suppressed });
    }
  }
  return { kind: 'heatmap', units: new Set(cells.map((c) => c.unit)).size || units, cells };
}

async function bands(db: Database, options: UnitTimelineOptions, units: number): Promise<UnitTimeline> {
  const spec = loadIndicators().find((s) => s.id === 'occupancy_rate');
  if (!spec?.breakdowns.alloggio) return { kind: 'none', units: 0 };
  const sql = indicatorSql(spec, 'alloggio');
  const rows = await withPeriods(db, options.months, { previous: false }, () =>
    db.all<{ period: string; band: string; n: number }>(
      `WITH r AS (${sql})
       SELECT period, CASE WHEN numerator = 0 THEN '0' WHEN numerator < 0.5 * denominator THEN '1-49'
         WHEN numerator < 0.8 * denominator THEN '50-79' WHEN numerator < denominator THEN '80-99' ELSE '100' END AS band,
         count(*) AS n
       FROM r WHERE period LIKE 'c%' AND denominator > 0 GROUP BY ALL`,
    ),
  );
  const counts = new Map(rows.map((r) => [`${r.period}|${r.band}`, Number(r.n)]));
  const id = 'units_by_occupancy_band';
  const cells: BandCell[] = [];
  options.months.forEach((month, i) => {
    let values: IndicatorValue[] = OCCUPANCY_BANDS.map((band) => {
      const n = counts.get(`c${i}|${band}`) ?? 0;
      return { id, group: { band }, value: n, numerator: n, denominator: null, n, ci95: null, suppressed: false, label: id, unit: 'count' };
    });
    if (options.suppress && options.suppress > 1) values = suppress(values, options.suppress, [{ id, kind: 'count' } as IndicatorSpec]);
    for (const v of values) cells.push({ month: month.from, band: v.group['band']!, units: v.value, suppressed: v.suppressed });
  });
  return { kind: 'bands', units, cells };
}
