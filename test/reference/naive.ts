/**
 * The naive reference implementation of the indicator catalogue (areas offerta, persone,
 * ingresso, uscita, follow_up), from the definitions of product.md §3 and never from the SQL of
 * the indicator files: every indicator is a loop over the expanded world of world.ts. Where the
 * contract leaves a choice open it mirrors the decision stated in the indicator file's
 * description (see the comments). Returns the values §4 describes, with the previous period's.
 */
import { dayNumber, type Network } from './random-network.js';
import { buildWorld, followUps, NOT_STATED, DEFAULT_SETTINGS, type Settings, type World } from './world.js';
import { INDICATORS } from './catalogue.js';
import { text, type ByField, type Cell, type Ctx, type Kind, type Match, type Window } from './cohorts.js';

export { INDICATORS } from './catalogue.js';
export { kmMedian, median, type ByField, type Kind } from './cohorts.js';

export interface NaiveValue {
  id: string;
  group: Record<string, string>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  detail?: Record<string, unknown>;
  previous: number | null;
}

// ---- running ---------------------------------------------------------------------------------

function finish(kind: Kind, cell: Cell): Omit<NaiveValue, 'id' | 'group' | 'previous'> {
  const numerator = cell.numerator ?? null;
  const denominator = cell.denominator ?? null;
  let value = cell.value ?? null;
  if (kind === 'count') value = numerator ?? 0;
  if (kind === 'proportion' || kind === 'ratio') value = denominator && denominator > 0 && numerator !== null ? numerator / denominator : null;
  const n = cell.n ?? (kind === 'count' ? numerator : kind === 'statistic' ? null : denominator);
  return { value, numerator, denominator, n, ...(cell.detail ? { detail: cell.detail } : {}) };
}

export interface NaiveOptions {
  from: string;
  to: string;
  asOf: string;
  by?: ByField | undefined;
  ids?: string[];
  dimensions: string[];
  settings?: Settings;
}

export interface Periods {
  current: Window;
  previous: Window;
}

/**
 * [from, end] with end = min(to, as_of); the previous period as long (at least a day), ending the
 * day before from, and also cut at as_of (events after as_of have not happened in any period).
 */
export function periods(from: string, to: string, asOf: string): Periods {
  const f = dayNumber(from);
  const end = Math.min(dayNumber(to), dayNumber(asOf));
  const days = Math.max(0, end - f + 1);
  const prevFrom = f - Math.max(days, 1);
  const prevEnd = Math.min(f - 1, dayNumber(asOf));
  return { current: { from: f, end, days }, previous: { from: prevFrom, end: prevEnd, days: Math.max(0, prevEnd - prevFrom + 1) } };
}

const KNOWN: Record<ByField, (w: World) => string[]> = {
  ambito: (w) => [...w.unitInfo.values()].map((u) => text(u.ambito)),
  comune: (w) => [...w.unitInfo.values()].map((u) => text(u.comune)),
  alloggio: (w) => [...w.unitInfo.keys()],
  target: () => ['madre_con_figli', 'vittima_violenza', 'altro'],
  cittadinanza: () => ['italiana', 'ue', 'extra_ue'],
};

export function naiveCatalogue(net: Network, o: NaiveOptions): NaiveValue[] {
  const w = buildWorld(net, o.asOf, o.settings ?? DEFAULT_SETTINGS);
  const fus = followUps(w);
  const { current, previous } = periods(o.from, o.to, o.asOf);
  const ctx = (win: Window): Ctx => ({ w, win, fus, dimensions: o.dimensions });
  const out: NaiveValue[] = [];
  for (const ind of INDICATORS) {
    if (o.ids && !o.ids.includes(ind.id)) continue;
    const groupings: (ByField | undefined)[] = [undefined];
    if (o.by && ind.breakdowns.includes(o.by)) groupings.push(o.by);
    for (const by of groupings) {
      const groupValues = by ? [...new Set([...KNOWN[by](w), ...ind.present(ctx(current)).map((k) => k[by] ?? NOT_STATED)])] : [null];
      for (const g of groupValues) {
        const match: Match = by ? (k) => (k[by] ?? NOT_STATED) === g : () => true;
        const now = ind.cells(ctx(current), match);
        const before = ind.cells(ctx(previous), match);
        now.forEach((cell, i) => {
          const group = { ...(by ? { [by]: g! } : {}), ...(cell.group ?? {}) };
          out.push({ id: ind.id, group, ...finish(ind.kind, cell), previous: finish(ind.kind, before[i]!).value });
        });
      }
    }
  }
  return out;
}
