/**
 * Indicator values for many periods at once (the months of a year, for the charts "over time").
 * `computeForPeriod` runs every indicator once per period; a year of months would run each SQL
 * 12 times. Indicator SQL is written against the `periods` relation and groups by its `period`
 * column, so here `periods` holds every month and the day-matched period before it (named
 * `c<i>` and `p<i>`) and each indicator runs ONCE. The rows then go through the same steps as in
 * src/indicators/run.ts — zero-fill of the groups, value by kind, Wilson interval, previous
 * period, targets — and the engine's own suppression, per period. test/report/series.test.ts checks that
 * every value equals `computeForPeriod` for the same month.
 *
 * Scope: indicators with no intrinsic groups (period basis); a --by breakdown is allowed.
 */
import type { Project } from '../config.js';
import { literal, type Database, type Row } from '../db.js';
import { COMPUTE } from '../indicators/compute.js';
import { loadIndicators } from '../indicators/load.js';
import { compareGroups, finish, groupingsOf, indicatorSql, withPrevious, type IndicatorValue, type Lang, type ResultRow } from '../indicators/run.js';
import type { ByField, IndicatorSpec } from '../indicators/spec.js';
import { suppress } from '../indicators/suppress.js';
import { attachTargets } from '../indicators/targets.js';
import { loadVocabularies, NOT_STATED } from '../vocabulary.js';
import { addDays, daysBetween, lastDayOfMonth, minDate } from '../dates.js';
import type { ResolvedPeriod } from '../periods.js';

export interface SeriesOptions {
  ids: string[];
  by?: ByField | undefined;
  /** The ids broken down by `by` (default all): each breakdown is one more run of the indicator's SQL. */
  byIds?: string[] | undefined;
  suppress?: number | undefined;
  lang: Lang;
  /**
   * Compute each period's previous period too (default true). Without it `previous` is null: half
   * the work, for charts that show values only. Suppression always computes it, since a cell is
   * suppressed when it is small in either period.
   */
  previous?: boolean;
}

export interface SeriesPoint {
  period: ResolvedPeriod;
  values: IndicatorValue[];
}

/** Granularity of a series over [from, end]: months up to two years, quarters up to eight, else years. */
export type Step = 'month' | 'quarter' | 'year';

export function seriesStep(from: string, end: string): Step {
  const days = daysBetween(from, end) + 1;
  return days <= 731 ? 'month' : days <= 2923 ? 'quarter' : 'year';
}

/**
 * The calendar months (quarters, years) of a period, clipped to [from, end]; each resolved as
 * `resolvePeriod` would (end = min(to, as_of), previous period of as many days).
 */
export function periodSteps(period: ResolvedPeriod, step: Step = seriesStep(period.from, period.end)): ResolvedPeriod[] {
  const out: ResolvedPeriod[] = [];
  const months = step === 'month' ? 1 : step === 'quarter' ? 3 : 12;
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  month -= (month - 1) % months; // align quarters and years to the calendar
  if (step === 'year') month = 1;
  while (period.days > 0) {
    const start = `${year}-${String(month).padStart(2, '0')}-01`;
    if (start > period.end) break;
    const lastMonth = month + months - 1;
    const from = start < period.from ? period.from : start;
    const to = minDate(lastDayOfMonth(year, lastMonth), period.to);
    const end = minDate(to, period.asOf);
    const days = daysBetween(from, end) + 1;
    const label = step === 'month' ? start.slice(0, 7) : step === 'quarter' ? `${year}-Q${(month + 2) / 3}` : String(year);
    out.push({ label, from, to, asOf: period.asOf, end, days, previous: { from: addDays(from, -days), end: addDays(from, -1), days } });
    month += months;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return out;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string => (v === null || v === undefined || v === '' ? NOT_STATED : String(v));
const d = (iso: string) => `DATE ${literal(iso)}`;

/** Values of `ids` for each period of `periods`, on base relations already built for their as_of. */
export async function computeSeries(db: Database, project: Project, periods: ResolvedPeriod[], options: SeriesOptions): Promise<SeriesPoint[]> {
  const specs = loadIndicators().filter((s) => options.ids.includes(s.id));
  for (const s of specs) {
    if (s.groups.length || s.basis !== 'period') throw new Error(`computeSeries: ${s.id} has intrinsic groups or a wave basis`);
  }
  if (!periods.length || !specs.length) return periods.map((period) => ({ period, values: [] }));
  const previous = options.previous !== false || (options.suppress ?? 0) > 1;
  return withPeriods(db, periods, { previous }, async () => {
    const domains = await groupDomains(db, options.by);
    const perPeriod: IndicatorValue[][] = periods.map(() => []);
    for (const spec of specs) {
      for (const by of groupingsOf(spec, options.by, options.byIds)) {
        const raw = await db.all(indicatorSql(spec, by));
        const resultRows = spec.compute ? COMPUTE[spec.compute]!(raw, { spec, by, project }) : raw.map((r) => toResultRow(r, by));
        const groups = by ? domains : [{}];
        const index = new Map(resultRows.map((r) => [`${r.period}|${JSON.stringify(r.group)}`, r]));
        periods.forEach((_, i) => {
          // As run.ts: every known group, plus any other group seen in this period or its previous one.
          const listed = [...groups];
          const seen = new Set(listed.map((g) => JSON.stringify(g)));
          for (const r of resultRows) {
            const key = JSON.stringify(r.group);
            if ((r.period === `c${i}` || r.period === `p${i}`) && !seen.has(key)) {
              seen.add(key);
              listed.push(r.group);
            }
          }
          for (const group of listed) {
            const key = JSON.stringify(group);
            const current = index.get(`c${i}|${key}`) ?? zero(spec, `c${i}`, group);
            if (previous) perPeriod[i]!.push(withPreviousRow(spec, current, index.get(`p${i}|${key}`) ?? zero(spec, `p${i}`, group), options.lang));
            else perPeriod[i]!.push({ ...finish(spec, current, options.lang), previous: null });
          }
        });
      }
    }
    return periods.map((period, i) => {
      let values = perPeriod[i]!.sort((a, b) => specs.findIndex((s) => s.id === a.id) - specs.findIndex((s) => s.id === b.id) || compareGroups(a, b));
      values = attachTargets(values, project, specs);
      if (options.suppress && options.suppress > 1) values = suppress(values, options.suppress, specs);
      else values = values.map(({ previousCell: _internal, ...v }) => v);
      return { period, values };
    });
  });
}

/**
 * Runs `work` with `periods` holding `c<i>` (each period) and, unless `previous` is false,
 * `p<i>` (the period before it); then puts the caller's `periods` back (other readers expect
 * 'current' and 'previous').
 */
export async function withPeriods<T>(db: Database, periods: ResolvedPeriod[], options: { previous: boolean }, work: () => Promise<T>): Promise<T> {
  await db.run(`CREATE OR REPLACE TEMP TABLE report_saved_periods AS SELECT * FROM periods`);
  try {
    const rows = periods.flatMap((p, i) => [
      `('c${i}', ${d(p.from)}, ${d(p.end)}, ${p.days})`,
      ...(options.previous ? [`('p${i}', ${d(p.previous.from)}, ${d(p.previous.end)}, ${p.previous.days})`] : []),
    ]);
    const values = rows.length ? rows.join(', ') : `('c0', DATE '2000-01-01', DATE '2000-01-01', 0)`;
    await db.run(`CREATE OR REPLACE TEMP TABLE periods AS SELECT * FROM (VALUES ${values}) t(period, from_date, end_date, days)${rows.length ? '' : ' WHERE false'}`);
    return await work();
  } finally {
    await db.run(`CREATE OR REPLACE TEMP TABLE periods AS SELECT * FROM report_saved_periods`);
    await db.run(`DROP TABLE IF EXISTS report_saved_periods`);
  }
}

/** Every known value of the --by field, as run.ts lists them (ambito and comune from unit_info, units from units). */
async function groupDomains(db: Database, by: ByField | undefined): Promise<Record<string, string>[]> {
  if (!by) return [];
  let sql: string | null = null;
  if (by === 'ambito' || by === 'comune') sql = `SELECT DISTINCT ${by} AS v FROM unit_info WHERE ${by} IS NOT NULL ORDER BY 1`;
  if (by === 'alloggio') sql = `SELECT DISTINCT alloggio AS v FROM units ORDER BY 1`;
  if (sql) return (await db.all<{ v: string }>(sql)).map((r) => ({ [by]: r.v }));
  return (loadVocabularies().get(by)?.file.codes ?? []).map((c) => ({ [by]: c.code }));
}

function toResultRow(r: Row, by: ByField | undefined): ResultRow {
  return {
    period: String(r['period'] ?? 'c0'),
    group: by ? { [by]: text(r['grp']) } : {},
    numerator: num(r['numerator']),
    denominator: num(r['denominator']),
    value: num(r['value']),
    n: num(r['n']),
    detail: (r['detail'] as Record<string, unknown> | null | undefined) ?? null,
  };
}

function zero(spec: IndicatorSpec, period: string, group: Record<string, string>): ResultRow {
  return { period, group, numerator: 0, denominator: spec.kind === 'count' ? null : 0, value: null, n: 0, detail: null };
}

function withPreviousRow(spec: IndicatorSpec, current: ResultRow, previous: ResultRow, lang: Lang): IndicatorValue {
  return withPrevious(finish(spec, current, lang), finish(spec, previous, lang));
}
