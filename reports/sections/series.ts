/**
 * Reading the series of a report (values per month of the period) for the charts over time.
 * With suppression on, a series of counts that has any suppressed month is left out whole: its
 * months add up to the period's total, which the report shows, so a single hidden month could be
 * recovered as the total minus the others (§4: no suppressed number recoverable from any output).
 */
import type { ReportContext } from '../../src/report/context.js';

export interface SeriesValue {
  /** First day of the month (quarter, year). */
  month: string;
  /** The group value of the breakdown (e.g. the ambito), or '' for the overall value. */
  group: string;
  value: number;
}

export interface SeriesRead {
  values: SeriesValue[];
  /** Groups left out because of suppression. */
  hidden: string[];
}

export function readSeries(ctx: ReportContext, id: string, field?: string): SeriesRead | null {
  const points = ctx.data.series;
  if (!points || !ctx.spec(id)) return null;
  const byGroup = new Map<string, { month: string; value: number | null; suppressed: boolean }[]>();
  for (const point of points) {
    for (const v of point.values) {
      if (v.id !== id) continue;
      const keys = Object.keys(v.group);
      if (field ? keys.length !== 1 || keys[0] !== field : keys.length !== 0) continue;
      const group = field ? v.group[field]! : '';
      (byGroup.get(group) ?? byGroup.set(group, []).get(group)!).push({ month: point.period.from, value: v.value, suppressed: v.suppressed });
    }
  }
  const isCount = ctx.spec(id)!.kind === 'count';
  const values: SeriesValue[] = [];
  const hidden: string[] = [];
  for (const [group, items] of byGroup) {
    if (isCount && items.some((i) => i.suppressed)) {
      hidden.push(group);
      continue;
    }
    for (const i of items) if (i.value !== null) values.push({ month: i.month, group, value: i.value });
  }
  return { values, hidden };
}
