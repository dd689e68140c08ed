/**
 * Runs indicator files against the base relations and turns their rows into the values of §4:
 * one SQL run per grouping (overall, and the --by field when the indicator allows it); every known
 * group listed (zero counts shown as 0); value, Wilson interval, n; the previous period (or wave);
 * targets from the logical framework. Suppression is applied afterwards (suppress.ts).
 */
import type { Project } from '../config.js';
import { plainValue, type Database, type Row } from '../db.js';
import { wilsonInterval } from '../stats/index.js';
import { NOT_STATED, UNCLASSIFIED, loadVocabularies } from '../vocabulary.js';
import { COMPUTE } from './compute.js';
import type { ByField, IndicatorSpec } from './spec.js';

export type Lang = 'it' | 'en';

export interface IndicatorValue {
  id: string;
  group: Record<string, string>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  ci95: [number, number] | null;
  suppressed: boolean;
  label: string;
  unit: string;
  detail?: Record<string, unknown> | null;
  target?: { value: number; direction: 'higher' | 'lower'; status: 'reached' | 'close' | 'far' | null };
  previous?: { value: number | null; change: number | null } | null;
  /** The previous period's counts, for suppression only (never output). */
  previousCell?: { numerator: number | null; denominator: number | null; n: number | null };
}

/** A raw result row of an indicator, before it becomes a value. */
export interface ResultRow {
  period: string;
  group: Record<string, string>;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  n: number | null;
  detail: Record<string, unknown> | null;
}

export interface RunContext {
  db: Database;
  project: Project;
  lang: Lang;
  by?: ByField | undefined;
  /** Only these indicators run by `by` (undefined: every one with that breakdown). */
  byIds?: readonly string[] | undefined;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const ALL = "'*'";

/** Values of each group field that must always be listed (zero counts shown). */
async function domain(ctx: RunContext, field: string): Promise<string[] | null> {
  const vocab = (name: string) => [...(loadVocabularies().get(name)?.file.codes.map((c) => c.code) ?? [])];
  switch (field) {
    case 'ambito':
    case 'comune':
      return (await ctx.db.all<{ v: string }>(`SELECT DISTINCT ${field} AS v FROM unit_info WHERE ${field} IS NOT NULL ORDER BY 1`)).map((r) => r.v);
    case 'alloggio':
      return (await ctx.db.all<{ v: string }>(`SELECT DISTINCT alloggio AS v FROM units ORDER BY 1`)).map((r) => r.v);
    case 'target':
      return vocab('target');
    case 'cittadinanza':
      return vocab('cittadinanza');
    case 'destination':
      return vocab('destinazione');
    case 'destination_class':
      return ['positiva', 'neutra', 'negativa', 'ignota'];
    case 'dimension':
      return ctx.project.instrument.dimensions.map((d) => d.code);
    case 'age_band':
      return ['<25', '25-34', '35-44', '45+'];
    case 'level':
      return ['0', '1', '2', '3', '4', '5'];
    case 'factor':
      return ctx.project.factors.factors.map((f) => f.code);
    default:
      return null;
  }
}

/** Turns SQL rows into result rows with their group object. */
function toResultRows(spec: IndicatorSpec, rows: Row[], by: ByField | undefined): ResultRow[] {
  return rows.map((r) => {
    const group: Record<string, string> = {};
    if (by) group[by] = groupValue(r['grp']);
    for (const g of spec.groups) {
      if (g === 'profile') group[String(r['profile'])] = groupValue(r['category']);
      else group[g] = groupValue(r[g]);
    }
    return {
      period: String(r['period'] ?? 'current'),
      group,
      numerator: num(r['numerator']),
      denominator: num(r['denominator']),
      value: num(r['value']),
      n: num(r['n']),
      detail: (r['detail'] as Record<string, unknown> | null | undefined) ?? null,
    };
  });
}

function groupValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return NOT_STATED;
  return String(v);
}

const keyOf = (group: Record<string, string>) => JSON.stringify(Object.entries(group).sort(([a], [b]) => a.localeCompare(b)));

/** Adds a zero row for every known group value missing from the results. */
async function zeroFill(ctx: RunContext, spec: IndicatorSpec, rows: ResultRow[], by: ByField | undefined, periods: string[]): Promise<ResultRow[]> {
  const fields: string[] = [...(by ? [by] : []), ...spec.groups.filter((g) => g !== 'profile')];
  const values: Record<string, string[]> = {};
  for (const f of fields) {
    const known = (await domain(ctx, f)) ?? [];
    const present = rows.map((r) => r.group[f]).filter((v): v is string => v !== undefined);
    values[f] = [...new Set([...known, ...present])];
  }
  let combos: Record<string, string>[] = [{}];
  for (const f of fields) combos = combos.flatMap((c) => values[f]!.map((v) => ({ ...c, [f]: v })));
  if (spec.groups.includes('profile')) {
    const profiles = new Map<string, Set<string>>();
    for (const r of rows) for (const [k, v] of Object.entries(r.group)) if (!fields.includes(k)) (profiles.get(k) ?? profiles.set(k, new Set()).get(k)!).add(v);
    for (const p of ['target', 'cittadinanza', 'age_band']) for (const v of (await domain(ctx, p)) ?? []) (profiles.get(p) ?? profiles.set(p, new Set()).get(p)!).add(v);
    combos = combos.flatMap((c) => [...profiles].flatMap(([p, vs]) => [...vs].map((v) => ({ ...c, [p]: v }))));
  }
  const have = new Set(rows.map((r) => `${r.period}|${keyOf(r.group)}`));
  const out = [...rows];
  for (const period of periods) {
    for (const group of combos) {
      if (!have.has(`${period}|${keyOf(group)}`)) out.push({ period, group, numerator: 0, denominator: spec.kind === 'count' ? null : 0, value: null, n: 0, detail: null });
    }
  }
  return out;
}

/** A result row as a value: the arithmetic of each kind, the Wilson interval, n, detail. */
export function finish(spec: IndicatorSpec, row: ResultRow, lang: Lang): IndicatorValue {
  let value = row.value;
  const { numerator, denominator } = row;
  if (spec.kind === 'count') value = numerator ?? 0;
  if (spec.kind === 'proportion' || spec.kind === 'ratio') value = denominator && denominator > 0 && numerator !== null ? numerator / denominator : null;
  const ci95 = spec.kind === 'proportion' && denominator && denominator > 0 && numerator !== null ? wilsonInterval(numerator, denominator) : null;
  const n = row.n ?? (spec.kind === 'count' ? numerator : denominator);
  const out: IndicatorValue = {
    id: spec.id,
    group: row.group,
    value: stable(value),
    numerator: spec.kind === 'statistic' && row.numerator === null ? null : numerator,
    denominator,
    n,
    ci95,
    suppressed: false,
    label: spec.label[lang],
    unit: spec.unit,
  };
  if (row.detail !== null) out.detail = plainValue(row.detail) as Record<string, unknown>;
  return out;
}

/**
 * Values rounded to 15 significant digits: DuckDB sums doubles in thread order, so a mean can
 * differ in its last bits between runs; outputs must not.
 */
export function stable(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

/**
 * The runs of an indicator: overall, then by `by` when it has that breakdown and is among `byIds`
 * (undefined: every indicator). Shared by the catalogue and the report's series.
 */
export function groupingsOf(spec: IndicatorSpec, by: ByField | undefined, byIds: readonly string[] | undefined): (ByField | undefined)[] {
  return by && spec.breakdowns[by] && (!byIds || byIds.includes(spec.id)) ? [undefined, by] : [undefined];
}

/** The indicator's SQL for one run: `{{by}}` is its breakdown column as text, or '*' overall. */
export function indicatorSql(spec: IndicatorSpec, by: ByField | undefined): string {
  return spec.sql.replaceAll('{{by}}', by ? `CAST(${spec.breakdowns[by]} AS VARCHAR)` : ALL);
}

/** Runs one indicator for the overall value and the --by breakdown. */
export async function runIndicator(ctx: RunContext, spec: IndicatorSpec): Promise<IndicatorValue[]> {
  const values: IndicatorValue[] = [];
  for (const by of groupingsOf(spec, ctx.by, ctx.byIds)) {
    const sql = indicatorSql(spec, by);
    const raw = await ctx.db.all(sql);
    let rows = spec.compute ? await computeRows(ctx, spec, raw, by) : toResultRows(spec, raw, by);
    if (spec.basis === 'period') rows = await zeroFill(ctx, spec, rows, by, ['current', 'previous']);
    values.push(...pairWithPrevious(spec, rows, ctx.lang));
  }
  return values;
}

async function computeRows(ctx: RunContext, spec: IndicatorSpec, raw: Row[], by: ByField | undefined): Promise<ResultRow[]> {
  const step = COMPUTE[spec.compute!];
  if (!step) throw new Error(`${spec.file}: compute «${spec.compute}» sconosciuto`);
  return step(raw, { spec, by, project: ctx.project });
}

/** Current values with the previous period's (or wave's) value of the same group. */
function pairWithPrevious(spec: IndicatorSpec, rows: ResultRow[], lang: Lang): IndicatorValue[] {
  if (spec.basis === 'wave') return pairWaves(spec, rows, lang);
  const previous = new Map(rows.filter((r) => r.period === 'previous').map((r) => [keyOf(r.group), finish(spec, r, lang)]));
  return rows
    .filter((r) => r.period === 'current')
    .map((r) => {
      return withPrevious(finish(spec, r, lang), previous.get(keyOf(r.group)));
    })
    .sort(compareGroups);
}

/** Adds the previous period's (or wave's) value, the change, and its counts for suppression. */
export function withPrevious(v: IndicatorValue, p: IndicatorValue | undefined): IndicatorValue {
  v.previous = p ? { value: p.value, change: v.value !== null && p.value !== null ? v.value - p.value : null } : null;
  if (p) v.previousCell = { numerator: p.numerator, denominator: p.denominator, n: p.n };
  return v;
}

/** Network values: the previous value is the previous wave's, for the same group. */
function pairWaves(spec: IndicatorSpec, rows: ResultRow[], lang: Lang): IndicatorValue[] {
  const waves = [...new Set(rows.map((r) => r.group['wave']!))].sort();
  const byKey = new Map(rows.map((r) => [keyOf(r.group), r]));
  return rows
    .map((r) => {
      const v = finish(spec, r, lang);
      const i = waves.indexOf(r.group['wave']!);
      if (i > 0) {
        const prevRow = byKey.get(keyOf({ ...r.group, wave: waves[i - 1]! }));
        return withPrevious(v, prevRow ? finish(spec, prevRow, lang) : undefined);
      }
      v.previous = null;
      return v;
    })
    .sort(compareGroups);
}

/** Italian order with numbers by value; one collator (localeCompare with a locale builds one per call). */
const ITALIAN = new Intl.Collator('it', { numeric: true });

/** Overall first, then groups in a stable order (not stated and unclassified last). */
export function compareGroups(a: IndicatorValue, b: IndicatorValue): number {
  const ka = Object.keys(a.group).length;
  const kb = Object.keys(b.group).length;
  if (ka !== kb) return ka - kb;
  const rank = (v: string) => (v === NOT_STATED ? 2 : v === UNCLASSIFIED ? 1 : 0);
  // The wave comes first, so that network values read wave by wave.
  const keys = [...new Set([...Object.keys(a.group), ...Object.keys(b.group)])].sort((x, y) => (x === 'wave' ? -1 : y === 'wave' ? 1 : x.localeCompare(y)));
  for (const k of keys) {
    const va = a.group[k] ?? '';
    const vb = b.group[k] ?? '';
    if (va !== vb) return rank(va) - rank(vb) || ITALIAN.compare(va, vb);
  }
  return 0;
}
