/**
 * Reading the series of a report (values per month of the period) for the charts over time.
 * With suppression on, a series that has any suppressed month is left out whole: a count's months
 * add up to the period's total, and a rate's month can be rebuilt from the period's value and the
 * other months (§4: no suppressed number recoverable from any output).
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
  const values: SeriesValue[] = [];
  const hidden: string[] = [];
  for (const [group, items] of byGroup) {
    // Any suppressed point hides the whole series: a count is the total minus the others, and a
    // rate can be rebuilt from the period's value and the other months' denominators.
    if (items.some((i) => i.suppressed)) {
      hidden.push(group);
      continue;
    }
    for (const i of items) if (i.value !== null) values.push({ month: i.month, group, value: i.value });
  }
  return { values, hidden };
}
