/**
 * JSON output that any reader can parse and that is the same for the same data: NaN and
 * ±Infinity become null (JSON has no such numbers, and a zero denominator is "undefined" in the
 * product's terms anyway), bigints become numbers, Dates become ISO dates. Key order is the order
 * the object was built in (the contract's `id, group, value, …` reads better than sorted keys),
 * so output is stable as long as construction is.
 */
import { isoDate } from './cells.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The value as plain JSON data.
 * - bigint → number; beyond ±2^53 → its decimal string, because a rounded count is a wrong count
 * - Date at UTC midnight → `yyyy-mm-dd`; any other Date → full ISO instant; invalid Date → null
 * - objects with toJSON (DuckDB values, Dates) → their toJSON(), then normalised
 * - undefined, functions and symbols: dropped from objects, null in arrays (as JSON.stringify)
 * - -0 → 0; cycles → TypeError
 */
export function toJsonValue(value: unknown): JsonValue {
  return normalize(value, new Set());
}

/** `toJsonValue` printed with `indent` spaces (default 2), ending in a newline. */
export function formatJson(value: unknown, options: { indent?: number } = {}): string {
  return `${JSON.stringify(toJsonValue(value), null, options.indent ?? 2)}\n`;
}

/** One line of JSON without a trailing newline (JSON cells in CSV, JSON Lines). */
export function compactJson(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}

function normalize(value: unknown, seen: Set<object>): JsonValue {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'bigint':
      return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return dateJson(value);
  if (seen.has(value)) throw new TypeError('cannot write a cyclic structure as JSON');
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => normalize(item, seen));
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === 'function') {
      return normalize((withToJson.toJSON as () => unknown).call(value), seen);
    }
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[key] = normalize(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function dateJson(date: Date): string | null {
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  if (time % 86_400_000 !== 0) return date.toISOString();
  return isoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}
