/**
 * Looking up catalogue values by id and group. A report takes every number from here, so that
 * it equals `mev indicators --format json` for the same period, as_of and suppression; an id that
 * is not in the catalogue (an indicator file not written yet) is `undefined`, and the sections
 * show a visible "not available" note instead of failing.
 */
import type { IndicatorValue } from '../indicators/run.js';

export type Group = Record<string, string>;

/** The key of a group: its entries sorted by name (the same group in any key order). */
export function groupKey(group: Group): string {
  return JSON.stringify(Object.entries(group).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The breakdown a report computed for some indicators only (the template's `needs.byIds`). */
export interface Breakdown {
  field: string;
  ids: ReadonlySet<string>;
}

export class ValueIndex {
  private readonly byKey = new Map<string, IndicatorValue>();
  private readonly byId = new Map<string, IndicatorValue[]>();

  /** `breakdown`: reading an indicator by that field when it was not computed so is a template error, not an empty table. */
  constructor(
    readonly values: readonly IndicatorValue[],
    private readonly breakdown?: Breakdown,
  ) {
    for (const v of values) {
      this.byKey.set(`${v.id}|${groupKey(v.group)}`, v);
      (this.byId.get(v.id) ?? this.byId.set(v.id, []).get(v.id)!).push(v);
    }
  }

  /** The value of `id` for exactly this group ({} = overall). */
  get(id: string, group: Group = {}): IndicatorValue | undefined {
    this.assertComputed(id, Object.keys(group));
    return this.byKey.get(`${id}|${groupKey(group)}`);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every value of `id` whose group has exactly these keys (e.g. ['ambito'], ['wave', 'org']). */
  list(id: string, keys: readonly string[] = []): IndicatorValue[] {
    this.assertComputed(id, keys);
    const want = [...keys].sort().join(',');
    return (this.byId.get(id) ?? []).filter((v) => Object.keys(v.group).sort().join(',') === want);
  }

  private assertComputed(id: string, keys: readonly string[]): void {
    const b = this.breakdown;
    if (b && keys.includes(b.field) && !b.ids.has(id) && this.byId.has(id)) {
      throw new Error(`${id} by ${b.field} was not computed for this report: add it to the template's needs.byIds`);
    }
  }

  /** Values of `id` whose group matches `fixed` on its keys and has exactly `keys` keys. */
  where(id: string, keys: readonly string[], fixed: Group): IndicatorValue[] {
    return this.list(id, keys).filter((v) => Object.entries(fixed).every(([k, x]) => v.group[k] === x));
  }
}

/** A field of a value as the JSON of §4 names it: `value`, `previous.change`, `ci95.0`, `detail.median`… */
export function fieldOf(v: IndicatorValue, path: string): unknown {
  let current: unknown = v;
  for (const step of path.split('.')) {
    if (current === null || current === undefined) return null;
    current = Array.isArray(current) ? current[Number(step)] : (current as Record<string, unknown>)[step];
  }
  return current ?? null;
}
