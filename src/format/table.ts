/**
 * Plain-text tables for the terminal (`mev sql`, `mev indicators`, `mev check`).
 *
 *   ambito   posti  occupazione
 *   -------  -----  -----------
 *   Monza    1.234       65,9 %
 *   Desio        —       50,0 %
 *
 * Numbers are right-aligned and formatted by locale.ts; text is left-aligned and cut to
 * `maxWidth` display columns with `…` (numbers are never cut: a cut number is a wrong number).
 * Missing values show as `—`. Because cells come from user files, control characters (ANSI
 * escapes could rewrite the terminal) and bidirectional overrides (could reorder what is shown)
 * are replaced by `�`, line breaks by `↵`, tabs by a space. Widths count East Asian wide
 * characters as two columns and combining marks as none.
 */
import { cellOf, headerOf, isMissing, isNonFinite, numericText } from './cells.js';
import type { ColumnType, Row } from './cells.js';
import { compactJson } from './json.js';
import { NULL_MARK, formatDate, formatNumber, formatPercent } from './locale.js';
import type { Lang } from './locale.js';

export interface TableColumn {
  key: string;
  label?: string;
  /** How to format cells; when absent, from each value's JS type (number, bigint, Date, boolean, …). */
  type?: ColumnType | 'percent';
  /** Default: right for number, integer and percent columns (and untyped all-numeric ones). */
  align?: 'left' | 'right';
  /** Fixed decimals for number and percent cells (default: locale.ts's rule; 1 for percent). */
  decimals?: number;
  /** Thousands separators in number cells (default true; false for years and codes). */
  grouping?: boolean;
}

export interface TableOptions {
  lang: Lang;
  /** Widest text cell, in display columns (default 40). */
  maxWidth?: number;
}

const GAP = '  ';

/** The table as lines joined by `\n`, without a trailing newline. Columns default to the first row's keys. */
export function renderTable(
  rows: readonly Row[],
  columns: readonly (TableColumn | string)[] | undefined,
  options: TableOptions,
): string {
  const maxWidth = Math.max(options.maxWidth ?? 40, 2);
  const specs = (columns ?? defaultColumns(rows)).map((c) => (typeof c === 'string' ? { key: c } : c));
  if (specs.length === 0) return '';
  const body = rows.map((row) =>
    specs.map((column, index) => formatTableCell(cellOf(row, column, index), column, options.lang)),
  );
  const aligns = specs.map((column, index) => column.align ?? defaultAlign(column, rows, index));
  const header = specs.map((column) => fit(clean(headerOf(column)), maxWidth));
  const cells = body.map((line) =>
    line.map((cell) => (cell.numeric ? cell.text : fit(clean(cell.text), maxWidth))),
  );
  const widths = specs.map((_, index) =>
    Math.max(displayWidth(header[index] ?? ''), ...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((text, index) => pad(text, widths[index] ?? 0, aligns[index] ?? 'left'))
      .join(GAP)
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)].join('\n');
}

export interface TableCell {
  text: string;
  numeric: boolean;
}

/** One cell as the table shows it (exported for report tables that want the same text). */
export function formatTableCell(value: unknown, column: TableColumn, lang: Lang): TableCell {
  if (isMissing(value)) return { text: NULL_MARK, numeric: false };
  const type = column.type ?? inferType(value);
  const numberOptions = { decimals: column.decimals, grouping: column.grouping };
  switch (type) {
    case 'number':
    case 'integer':
      return { text: formatNumber(numericOrNaN(value), lang, numberOptions), numeric: true };
    case 'percent':
      return { text: formatPercent(numericOrNaN(value), lang, column.decimals ?? 1), numeric: true };
    case 'date':
      return { text: formatDate(value instanceof Date ? value : String(value), lang), numeric: false };
    case 'boolean':
      return { text: value === true || value === 'true' ? (lang === 'it' ? 'sì' : 'yes') : 'no', numeric: false };
    case 'json':
      return { text: compactJson(value), numeric: false };
    case 'string':
      return { text: typeof value === 'string' ? value : String(value), numeric: false };
  }
}

/** Display columns taken by `text` in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.normalize('NFC')) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function numericOrNaN(value: unknown): string | number {
  const text = numericText(value);
  return isNonFinite(text) ? Number.NaN : text;
}

function inferType(value: unknown): ColumnType {
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return 'json';
  if (Array.isArray(value)) return 'json';
  return 'string';
}

function defaultAlign(column: TableColumn, rows: readonly Row[], index: number): 'left' | 'right' {
  const { type } = column;
  if (type !== undefined) return type === 'number' || type === 'integer' || type === 'percent' ? 'right' : 'left';
  const values = rows.map((row) => cellOf(row, column, index)).filter((value) => !isMissing(value));
  const numeric = values.length > 0 && values.every((v) => typeof v === 'number' || typeof v === 'bigint');
  return numeric ? 'right' : 'left';
}

function defaultColumns(rows: readonly Row[]): TableColumn[] {
  const first = rows[0];
  if (first === undefined) return [];
  if (Array.isArray(first)) return first.map((_, index) => ({ key: String(index) }));
  return Object.keys(first).map((key) => ({ key }));
}

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function clean(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' ').replace(UNSAFE, '\ufffd');
}

function fit(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  let out = '';
  let width = 0;
  for (const char of text.normalize('NFC')) {
    const w = charWidth(char.codePointAt(0) ?? 0);
    if (width + w > maxWidth - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

function charWidth(code: number): number {
  if (/\p{M}/u.test(String.fromCodePoint(code)) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) return 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}
