/**
 * Compute steps: statistics SQL does not have (paired Wilcoxon test, Kaplan–Meier median). The
 * indicator's SQL returns small frequency tables (one row per distinct difference or time, with
 * a count), never one row per person, and the step turns them into result rows.
 */
import type { Project } from '../config.js';
import type { Row } from '../db.js';
import { kaplanMeier, kmMedian, mean, median, wilcoxonSignedRank } from '../stats/index.js';
import { NOT_STATED } from '../vocabulary.js';
import { NETWORK_COMPUTE } from './compute-network.js';
import type { ResultRow } from './run.js';
import type { ByField, IndicatorSpec } from './spec.js';

export interface ComputeContext {
  spec: IndicatorSpec;
  by: ByField | undefined;
  project: Project;
}

export type ComputeStep = (rows: Row[], ctx: ComputeContext) => ResultRow[];

const text = (v: unknown) => (v === null || v === undefined || v === '' ? NOT_STATED : String(v));

/** Rows grouped by period, --by group and intrinsic groups. */
function groupRows(rows: Row[], ctx: ComputeContext): Map<string, { period: string; group: Record<string, string>; rows: Row[] }> {
  const out = new Map<string, { period: string; group: Record<string, string>; rows: Row[] }>();
  for (const r of rows) {
    const group: Record<string, string> = {};
    if (ctx.by) group[ctx.by] = text(r['grp']);
    for (const g of ctx.spec.groups) group[g] = text(r[g]);
    const period = String(r['period'] ?? 'current');
    const key = `${period}|${JSON.stringify(group)}`;
    (out.get(key) ?? out.set(key, { period, group, rows: [] }).get(key)!).rows.push(r);
  }
  return out;
}

/** Expands (value, weight) rows into a list of values. */
function expand(rows: Row[], value: string, weight: string): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const v = r[value];
    if (v === null || v === undefined) continue;
    // Rounded to 9 decimals: 0.5 − 0.3 and 0.3 − 0.1 are the same change, not two (no spurious ties broken).
    const x = Math.round(Number(v) * 1e9) / 1e9;
    for (let i = 0; i < Number(r[weight]); i++) out.push(x);
  }
  return out;
}

/**
 * Paired change (exit − entry, follow-up − exit): rows (period, grp, <groups>, diff, weight); a row
 * with diff NULL carries the size of the cohort in `weight`, so that `missing` = cohort − pairs.
 */
const pairedChange: ComputeStep = (rows, ctx) => {
  return [...groupRows(rows, ctx).values()].map(({ period, group, rows: rs }) => {
    const diffs = expand(rs, 'diff', 'weight');
    const cohort = rs.filter((r) => r['diff'] === null).reduce((s, r) => s + Number(r['weight']), 0);
    const n = diffs.length;
    const test = n > 0 ? wilcoxonSignedRank(diffs) : null;
    const share = (f: (d: number) => boolean) => (n > 0 ? diffs.filter(f).length / n : null);
    return {
      period,
      group,
      numerator: null,
      denominator: null,
      value: mean(diffs),
      n,
      detail: {
        median: median(diffs),
        improved: share((d) => d > 0),
        unchanged: share((d) => d === 0),
        worsened: share((d) => d < 0),
        p_value: test?.pValue ?? null,
        effect_r: test?.effectR ?? null,
        method: test ? test.method : null,
        missing: Math.max(0, cohort - n),
      },
    };
  });
};

/** Kaplan–Meier median: rows (period, grp, time, events, censored). */
const kmMedianStep: ComputeStep = (rows, ctx) => {
  return [...groupRows(rows, ctx).values()].map(({ period, group, rows: rs }) => {
    const items: { time: number; event: boolean }[] = [];
    for (const r of rs) {
      for (let i = 0; i < Number(r['events']); i++) items.push({ time: Number(r['time']), event: true });
      for (let i = 0; i < Number(r['censored']); i++) items.push({ time: Number(r['time']), event: false });
    }
    const events = items.filter((i) => i.event).length;
    return {
      period,
      group,
      numerator: null,
      denominator: null,
      value: items.length ? kmMedian(kaplanMeier(items)) : null,
      n: items.length,
      detail: { events, censored: items.length - events },
    };
  });
};

export const COMPUTE: Record<string, ComputeStep> = {
  paired_change: pairedChange,
  km_median: kmMedianStep,
  ...NETWORK_COMPUTE,
};
