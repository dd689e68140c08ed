/**
 * An attacker of the funder report: from the numbers a report shows (its sourced numbers, each
 * with indicator, group and field), try to recover the value of a suppressed cell. The attacks
 * are the ones §4 names:
 *
 *   totals minus groups   in each family (one indicator, one breakdown), the total less the groups
 *                         shown is the sum of the hidden ones: exact when one is hidden, and each
 *                         is 0 when the remainder is 0 (counts are never negative)
 *   rates × denominators  a rate times the count that is its denominator is its numerator
 *                         (exits for the exit rates, due − pending for follow-up completion); then
 *                         totals minus groups on numerators: one hidden, or all hidden at 0, or all
 *                         hidden at their denominator (every one a success)
 *   Wilson intervals      an interval shown gives away the numerator and denominator behind it
 *   previous and change   a value is the previous one plus the change
 *
 * A recovery is a leak when the cell is suppressed in the report's JSON and the recovered number
 * equals its true value (computed without suppression).
 */
import { wilsonInterval } from '../../src/stats/index.js';

export interface JsonCell {
  id: string;
  group: Record<string, string>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  ci95: [number, number] | null;
  suppressed: boolean;
  previous?: { value: number | null; change: number | null } | null;
}

/** A number the attacker reads: indicator, group, field (`value`, `previous.value`, `ci95.0`…). */
export interface Known {
  id: string;
  group: Record<string, string>;
  field: string;
  value: number;
}

export interface Recovery {
  id: string;
  group: Record<string, string>;
  field: 'value' | 'numerator' | 'denominator' | 'previous.value';
  value: number;
  how: string;
}

const groupKey = (g: Record<string, string>) => JSON.stringify(Object.entries(g).sort(([a], [b]) => a.localeCompare(b)));
const cellKey = (id: string, g: Record<string, string>) => `${id}|${groupKey(g)}`;
const near = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-6;

/** What the attacker knows of each cell: value, numerator, denominator (directly or derived). */
class Knowledge {
  private readonly cells = new Map<string, { id: string; group: Record<string, string>; fields: Map<string, number> }>();

  constructor(known: readonly Known[]) {
    for (const k of known) this.set(k.id, k.group, k.field, k.value);
  }

  set(id: string, group: Record<string, string>, field: string, value: number): boolean {
    const key = cellKey(id, group);
    const cell = this.cells.get(key) ?? this.cells.set(key, { id, group, fields: new Map() }).get(key)!;
    if (cell.fields.has(field)) return false;
    cell.fields.set(field, value);
    return true;
  }

  get(id: string, group: Record<string, string>, field: string): number | undefined {
    return this.cells.get(cellKey(id, group))?.fields.get(field);
  }
}

/**
 * Numerator and denominator behind a Wilson interval: the (k, n), n ≤ maxN, whose interval is the
 * one shown and whose k/n is the value shown (unique for the sizes of a report; null otherwise).
 */
export function solveWilson(value: number, ci: [number, number], maxN = 2000): { k: number; n: number } | null {
  const found: { k: number; n: number }[] = [];
  for (let n = 1; n <= maxN; n++) {
    const k = Math.round(value * n);
    if (k < 0 || k > n || !near(k / n, value)) continue;
    const w = wilsonInterval(k, n)!;
    if (near(w[0], ci[0]) && near(w[1], ci[1])) found.push({ k, n });
  }
  return found.length === 1 ? found[0]! : null;
}

export interface AttackModel {
  /** Every cell of the report's catalogue (the JSON with suppression): ids, groups and kinds the attacker knows exist. */
  cells: readonly JsonCell[];
  kinds: ReadonlyMap<string, string>;
  /** Rate id → the count indicators whose value is its denominator: one id, or [minuend, subtrahend]. */
  denominators: Readonly<Record<string, readonly string[]>>;
}

/** The default denominators of the catalogue's path rates. */
export const DENOMINATORS: Record<string, readonly string[]> = {
  positive_exit_rate: ['exits'],
  negative_exit_rate: ['exits'],
  planned_exit_rate: ['exits'],
  followup_completion_rate: ['followup_due', 'followup_pending'],
};

/** Runs every attack to a fixed point and returns what it recovered (not yet compared with the truth). */
export function attack(known: readonly Known[], model: AttackModel): Recovery[] {
  const kb = new Knowledge(known);
  const recoveries: Recovery[] = [];
  const learn = (id: string, group: Record<string, string>, field: Recovery['field'], value: number, how: string) => {
    if (kb.set(id, group, field, value)) recoveries.push({ id, group, field, value, how });
  };
  const byId = new Map<string, JsonCell[]>();
  for (const c of model.cells) (byId.get(c.id) ?? byId.set(c.id, []).get(c.id)!).push(c);

  for (let round = 0; round < 10; round++) {
    const before = recoveries.length;
    for (const c of model.cells) {
      const kind = model.kinds.get(c.id);
      const value = kb.get(c.id, c.group, 'value');
      // previous and change
      const prev = kb.get(c.id, c.group, 'previous.value');
      const change = kb.get(c.id, c.group, 'previous.change');
      if (value === undefined && prev !== undefined && change !== undefined) learn(c.id, c.group, 'value', prev + change, 'previous + change');
      // counts: the value is the numerator
      if (kind === 'count' && value !== undefined) learn(c.id, c.group, 'numerator', value, 'count');
      // Wilson
      const lo = kb.get(c.id, c.group, 'ci95.0');
      const hi = kb.get(c.id, c.group, 'ci95.1');
      if (kind === 'proportion' && value !== undefined && lo !== undefined && hi !== undefined) {
        const solved = solveWilson(value, [lo, hi]);
        if (solved) {
          learn(c.id, c.group, 'numerator', solved.k, 'Wilson interval');
          learn(c.id, c.group, 'denominator', solved.n, 'Wilson interval');
        }
      }
      // rates × denominators
      const parts = model.denominators[c.id];
      if (parts) {
        const counts = parts.map((p) => kb.get(p, c.group, 'value'));
        if (counts.every((x) => x !== undefined)) learn(c.id, c.group, 'denominator', counts.length === 1 ? counts[0]! : counts[0]! - counts[1]!, `denominator from ${parts.join(' − ')}`);
      }
      const den = kb.get(c.id, c.group, 'denominator');
      const num = kb.get(c.id, c.group, 'numerator');
      if ((kind === 'proportion' || kind === 'ratio') && den !== undefined) {
        if (value !== undefined && num === undefined && isWhole(value * den)) learn(c.id, c.group, 'numerator', Math.round(value * den), 'rate × denominator');
        if (num !== undefined && value === undefined && den > 0) learn(c.id, c.group, 'value', num / den, 'numerator ÷ denominator');
      }
    }
    // totals minus groups, on values of counts and on numerators and denominators of rates
    for (const [id, cells] of byId) {
      const kind = model.kinds.get(id);
      const fields = kind === 'count' ? ['value', 'previous.value'] : kind === 'proportion' || kind === 'ratio' ? ['numerator', 'denominator'] : [];
      const total = cells.find((c) => Object.keys(c.group).length === 0);
      if (!total) continue;
      const keys = new Set(cells.filter((c) => Object.keys(c.group).length === 1).map((c) => Object.keys(c.group)[0]!));
      for (const key of keys) {
        const family = cells.filter((c) => Object.keys(c.group).length === 1 && key in c.group);
        for (const field of fields) {
          const whole = kb.get(id, {}, field);
          if (whole === undefined) continue;
          const unknown = family.filter((c) => kb.get(id, c.group, field) === undefined);
          const rest = whole - family.reduce((s, c) => s + (kb.get(id, c.group, field) ?? 0), 0);
          if (unknown.length === 1) learn(id, unknown[0]!.group, field as Recovery['field'], rest, `total − other ${key} (${field})`);
          else if (unknown.length > 1 && near(rest, 0)) for (const c of unknown) learn(id, c.group, field as Recovery['field'], 0, `total − other ${key} = 0 (${field})`);
          else if (unknown.length > 1 && field === 'numerator') {
            // Every hidden rate at its maximum: the remainder equals the sum of their denominators.
            const dens = unknown.map((c) => kb.get(id, c.group, 'denominator'));
            if (dens.every((d) => d !== undefined) && near(rest, dens.reduce((s, d) => s + d!, 0))) {
              for (const [i, c] of unknown.entries()) learn(id, c.group, 'numerator', dens[i]!, `total − other ${key} = Σ denominators`);
            }
          }
        }
      }
    }
    if (recoveries.length === before) break;
  }
  return recoveries;
}

/** Recoveries that give away a suppressed cell's true value. */
export function leaks(recoveries: readonly Recovery[], shown: readonly JsonCell[], truth: readonly JsonCell[]): Recovery[] {
  const suppressed = new Set(shown.filter((c) => c.suppressed).map((c) => cellKey(c.id, c.group)));
  const real = new Map(truth.map((c) => [cellKey(c.id, c.group), c]));
  return recoveries.filter((r) => {
    if (!suppressed.has(cellKey(r.id, r.group))) return false;
    const cell = real.get(cellKey(r.id, r.group));
    const t = r.field === 'previous.value' ? cell?.previous?.value : cell?.[r.field];
    return typeof t === 'number' && near(t, r.value);
  });
}
