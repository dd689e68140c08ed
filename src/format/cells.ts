/**
 * Columns with a declared type, and the reading of one cell as that type. Every writer (table,
 * CSV, XLSX) takes the type from the column list, never from guessing at values, so that a code
 * like `00123` stays a string and a DuckDB DECIMAL stays a number.
 */
import { isDecimalLiteral } from './decimal.js';

export type ColumnType = 'number' | 'integer' | 'date' | 'string' | 'boolean' | 'json';

export interface Column {
  /** Property name in object rows (array rows are read by position). */
  key: string;
  /** Header text; the key when absent. */
  label?: string;
  type: ColumnType;
}

/** A row as DuckDB gives it: an object keyed by column name, or an array in column order. */
export type Row = Readonly<Record<string, unknown>> | readonly unknown[];

export function cellOf(row: Row, column: { key: string }, index: number): unknown {
  return isArrayRow(row) ? row[index] : row[column.key];
}

export function headerOf(column: { key: string; label?: string }): string {
  return column.label ?? column.key;
}

export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/**
 * A numeric cell as text: a finite value as a decimal literal (possibly with exponent, as
 * `String(x)` writes it; DECIMAL values keep their scale, `12.30`), or 'NaN' / 'Infinity' /
 * '-Infinity'. Accepts numbers, bigints, decimal strings and objects whose `toString` is a
 * decimal literal (DuckDB's DECIMAL and HUGEINT values).
 */
export function numericText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string' || (typeof value === 'object' && value !== null)) {
    const text = String(value).trim();
    if (isDecimalLiteral(text) || /^[+-]?(NaN|Infinity)$/.test(text)) return text.replace(/^\+/, '');
  }
  throw new TypeError(`expected a number, got ${describe(value)}`);
}

export function isNonFinite(text: string): boolean {
  return text === 'NaN' || text === 'Infinity' || text === '-Infinity';
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

/**
 * A date cell as a calendar date. Accepts `yyyy-mm-dd` (a time part after it is ignored), a JS
 * Date read in UTC (DuckDB hands dates over as UTC midnight), or an object printing as either.
 */
export function calendarDate(value: unknown): CalendarDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('expected a date, got an invalid Date');
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  const text = typeof value === 'string' || (typeof value === 'object' && value !== null) ? String(value) : '';
  const match = ISO_DATE.exec(text);
  if (match === null) throw new TypeError(`expected a yyyy-mm-dd date, got ${describe(value)}`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    throw new TypeError(`not a calendar date: ${text.slice(0, 10)}`);
  }
  return date;
}

/** A date cell as `yyyy-mm-dd` (calendarDate, with a fast path for values already in that form). */
export function isoDateOf(value: unknown): string {
  if (typeof value === 'string' && value.length === 10 && isValidIsoDay(value)) return value;
  return isoDate(calendarDate(value));
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];

/** `yyyy-mm-dd` naming a real day, checked without regex or allocation (exports call it per cell). */
function isValidIsoDay(text: string): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of DIGIT_POSITIONS) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A boolean cell: a boolean, or the strings 'true' / 'false' (how some drivers print them). */
export function booleanOf(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new TypeError(`expected a boolean, got ${describe(value)}`);
}

/** A string cell: strings as they are; Dates as ISO instants; anything else through String(). */
export function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function isArrayRow(row: Row): row is readonly unknown[] {
  return Array.isArray(row);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 50));
  if (value instanceof Date) return 'a Date';
  return typeof value === 'object' ? String(value).slice(0, 50) : `${typeof value} ${String(value)}`;
}
