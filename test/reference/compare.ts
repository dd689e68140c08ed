/**
 * Compares the SQL catalogue with the naive reference, value by value: numbers within 1e-9
 * (relative to their size), nulls equal, n, numerator and denominator (not for statistics, whose
 * value is the point), the previous period's value and every detail field the reference defines.
 * A group only one side lists is fine when it is empty there (0, null, n 0): zero-filling may
 * list more known values than the cohort holds.
 */
import type { IndicatorValue } from '../../src/indicators/run.js';
import type { Kind, NaiveValue } from './naive.js';

export interface Disagreement {
  id: string;
  group: Record<string, string>;
  field: string;
  sql: unknown;
  reference: unknown;
}

const keyOf = (id: string, group: Record<string, string>) => `${id}|${JSON.stringify(Object.entries(group).sort(([a], [b]) => a.localeCompare(b)))}`;

export function sameNumber(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** Nothing counted: a group zero-filling may list on one side only (a share 0 of k included). */
const isEmpty = (v: { value: number | null; numerator: number | null; n: number | null }, kind: Kind | undefined) =>
  (v.value === null || v.value === 0) && !v.numerator && (kind === 'proportion' || !v.n);

export function compareCatalogues(sql: IndicatorValue[], reference: NaiveValue[], kinds: Map<string, Kind>): Disagreement[] {
  const out: Disagreement[] = [];
  const sqlByKey = new Map(sql.map((v) => [keyOf(v.id, v.group), v]));
  const refByKey = new Map(reference.map((v) => [keyOf(v.id, v.group), v]));
  for (const [key, s] of sqlByKey) {
    if (!refByKey.has(key) && !isEmpty(s, kinds.get(s.id))) out.push({ id: s.id, group: s.group, field: 'group', sql: s.value, reference: 'absent' });
  }
  for (const [key, r] of refByKey) {
    const s = sqlByKey.get(key);
    if (!s) {
      if (!isEmpty(r, kinds.get(r.id))) out.push({ id: r.id, group: r.group, field: 'group', sql: 'absent', reference: r.value });
      continue;
    }
    const kind = kinds.get(r.id);
    const fields: (keyof NaiveValue & keyof IndicatorValue)[] = kind === 'statistic' ? ['value', 'n'] : kind === 'count' ? ['value', 'numerator', 'n'] : ['value', 'numerator', 'denominator', 'n'];
    for (const f of fields) if (!sameNumber(s[f], r[f])) out.push({ id: r.id, group: r.group, field: f, sql: s[f], reference: r[f] });
    if (!sameNumber(s.previous?.value ?? null, r.previous)) out.push({ id: r.id, group: r.group, field: 'previous.value', sql: s.previous?.value ?? null, reference: r.previous });
    // A zero-filled row carries no detail at all: fine where the reference's has nothing to say
    // (no count above 0), or where neither side has a unit (a dimension never assessed).
    const silent = Object.values(r.detail ?? {}).every((v) => typeof v !== 'number' || v === 0);
    if (!s.detail && (silent || (!s.n && !r.n))) continue;
    for (const [k, expected] of Object.entries(r.detail ?? {})) {
      const actual = s.detail?.[k];
      if (actual === undefined) out.push({ id: r.id, group: r.group, field: `detail.${k}`, sql: 'absent', reference: expected });
      else if (!sameNumber(typeof actual === 'bigint' ? Number(actual) : actual, expected)) out.push({ id: r.id, group: r.group, field: `detail.${k}`, sql: actual, reference: expected });
    }
  }
  return out;
}

export function describeDisagreement(d: Disagreement): string {
  return `${d.id} ${JSON.stringify(d.group)} ${d.field}: sql=${JSON.stringify(d.sql)} reference=${JSON.stringify(d.reference)}`;
}
