/**
 * Statistical disclosure control (§4 "Suppression"), for outputs that leave the evaluator's hands
 * (the funder report uses N = 5).
 *
 * Primary: counts from 1 to N−1 (0 is shown); rates whose numerator, denominator or
 * denominator − numerator is from 1 to N−1; any statistic over fewer than N units.
 * Secondary: within each family of cells (one indicator, the same group keys, all values but one
 * key fixed), never exactly one suppressed cell: the next smallest is suppressed too, so that no
 * cell can be recovered as total minus the others.
 * Previous period: a cell is suppressed when it is suppressed in either period (the union of both
 * patterns), so neither the value nor the change gives the other away.
 * A suppressed cell shows only its id, group, label, unit and `suppressed: true`. Details, which
 * hold counts of sub-groups, are removed from every cell when suppression is on.
 */
import type { IndicatorValue } from './run.js';
import type { IndicatorSpec, Kind } from './spec.js';

export interface Cell {
  numerator: number | null;
  denominator: number | null;
  n: number | null;
}

const small = (x: number | null, n: number) => x !== null && x >= 1 && x <= n - 1;

/** Units that count places, not people: the offer is public and is not protected. */
const CAPACITY_UNITS = new Set(['places', 'place_nights']);

export function primarySuppressed(kind: Kind, cell: Cell, threshold: number, unit = ''): boolean {
  if (CAPACITY_UNITS.has(unit)) return false;
  if (kind === 'count') return small(cell.numerator, threshold);
  if (kind === 'proportion' || kind === 'ratio') {
    const { numerator: a, denominator: b } = cell;
    return small(a, threshold) || small(b, threshold) || (a !== null && b !== null && small(b - a, threshold));
  }
  return small(cell.n, threshold);
}

/** Size of a cell for choosing the next smallest to suppress. */
const size = (v: IndicatorValue) => v.numerator ?? v.n ?? v.denominator ?? 0;

/**
 * Families: for each key of a value's group, the values that differ from it only in that key (their
 * total is shown, or can be). Waves are not a family: values of different waves do not add up.
 * Cells that carry an outcome class (destinations) also form a family per class, because the
 * class's total is shown through the class rate (positive exits × exits).
 */
function families(values: IndicatorValue[]): IndicatorValue[][] {
  const out = new Map<string, IndicatorValue[]>();
  const add = (key: string, v: IndicatorValue) => (out.get(key) ?? out.set(key, []).get(key)!).push(v);
  for (const v of values) {
    for (const free of Object.keys(v.group)) {
      if (free === 'wave') continue;
      const fixed = Object.entries(v.group).filter(([k]) => k !== free).sort(([a], [b]) => a.localeCompare(b));
      add(`${v.id}|${free}|${JSON.stringify(fixed)}`, v);
      const cls = (v.detail as { class?: unknown } | null | undefined)?.class;
      if (typeof cls === 'string') add(`${v.id}|${free}|class:${cls}|${JSON.stringify(fixed)}`, v);
    }
  }
  return [...out.values()];
}

export function suppress(values: IndicatorValue[], threshold: number, specs: IndicatorSpec[]): IndicatorValue[] {
  const kinds = new Map(specs.map((s) => [s.id, s.kind]));
  const hidden = new Set<IndicatorValue>();
  for (const v of values) {
    const kind = kinds.get(v.id) ?? 'statistic';
    const prev = v.previousCell;
    if (primarySuppressed(kind, v, threshold, v.unit) || (prev && primarySuppressed(kind, prev, threshold, v.unit))) hidden.add(v);
  }
  // Secondary suppression, repeated until no family has exactly one hidden cell.
  for (let changed = true; changed; ) {
    changed = false;
    for (const family of families(values)) {
      const hiddenHere = family.filter((v) => hidden.has(v));
      if (hiddenHere.length !== 1) continue;
      // The next smallest that is not zero: hiding a zero beside a hidden cell would give both away
      // (total − the shown cells = 0). A zero only when nothing else is left.
      const candidates = family.filter((v) => !hidden.has(v)).sort((a, b) => size(a) - size(b));
      const complement = candidates.find((v) => size(v) > 0) ?? candidates[0];
      if (complement) {
        hidden.add(complement);
        changed = true;
      }
    }
  }
  return values.map((v) => {
    const { previousCell: _p, ...rest } = v;
    if (!hidden.has(v)) {
      const { detail: _d, ...shown } = rest;
      return shown;
    }
    return {
      ...rest,
      value: null,
      numerator: null,
      denominator: null,
      n: null,
      ci95: null,
      detail: null,
      previous: null,
      suppressed: true,
      ...(rest.target ? { target: { ...rest.target, status: null } } : {}),
    };
  });
}
