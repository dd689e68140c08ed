/**
 * CSV writers, in two dialects.
 *
 * `machine` (`mev sql --format csv`): for R, Python, DuckDB. `,` delimiter, `.` decimals, ISO
 * dates, a header row, no BOM, LF line ends, RFC 4180 quoting (a field is quoted when it holds
 * `,` `"` CR or LF, or is the empty string, so that '' and null stay apart), nothing altered:
 * numbers keep their digits (`1e-7`, DECIMAL `12.30`), NaN and ±Infinity are `NaN`, `Inf`,
 * `-Inf` (the spelling R, pandas and DuckDB all read), booleans `true`/`false`.
 *
 * `excel-it` (`mev export --format csv`, `mev indicators --format csv`): what Excel set to
 * Italian opens by double click. UTF-8 with BOM (without it Excel reads the file as Windows-1252),
 * `;` delimiter, decimal comma without thousands separator and without exponent (`1234,5`,
 * `0,0000001`), CRLF line ends, dates ISO `yyyy-mm-dd` (Excel in any locale turns them into real
 * dates, shown as dd/mm/yyyy in Italian; dd/mm/yyyy would be read month-first by an English Excel
 * and swap day and month up to the 12th), booleans `VERO`/`FALSO` (Excel-it's own words, which
 * `mev ingest` reads back), NaN/±Infinity as empty cells (Excel has no such numbers), and text
 * cells that look like formulas prefixed with `'` (see injection.ts). Numbers and dates are never
 * prefixed: only text (string and json) cells are.
 *
 * Streaming: `csvWriter(columns, dialect)` gives the header line and formats any chunk of rows to
 * a string, and `csvChunks` turns batches of rows into an async sequence of strings for
 * `stream.pipeline(Readable.from(...), file)`: a million-row export never becomes one string.
 */
import { booleanOf, headerOf, isNonFinite, isoDateOf, numericText, stringOf } from './cells.js';
import type { Column, Row } from './cells.js';
import { plainDecimal } from './decimal.js';
import { neutralizeFormula } from './injection.js';
import { compactJson } from './json.js';

export type CsvDialect = 'machine' | 'excel-it';

export const UTF8_BOM = '\ufeff';

export interface CsvWriter {
  /** The header line, with its line end; for excel-it it starts with the BOM. */
  readonly header: string;
  /** The rows formatted as CSV lines, each with its line end. */
  rows(rows: Iterable<Row>): string;
}

interface Dialect {
  delimiter: string;
  newline: string;
  bom: string;
  needsQuotes: RegExp;
  number(value: unknown): string;
  boolean(value: boolean): string;
  text(value: string): string;
}

const DIALECTS: Record<CsvDialect, Dialect> = {
  machine: {
    delimiter: ',',
    newline: '\n',
    bom: '',
    needsQuotes: /[",\r\n]/,
    number: (value) => {
      const text = typeof value === 'number' ? String(value) : numericText(value);
      return text === 'Infinity' ? 'Inf' : text === '-Infinity' ? '-Inf' : text;
    },
    boolean: (value) => (value ? 'true' : 'false'),
    text: (value) => value,
  },
  'excel-it': {
    delimiter: ';',
    newline: '\r\n',
    bom: UTF8_BOM,
    needsQuotes: /[";\r\n]/,
    number: (value) => {
      if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value, ',') : '';
      const text = numericText(value);
      return isNonFinite(text) ? '' : plainDecimal(text, ',');
    },
    boolean: (value) => (value ? 'VERO' : 'FALSO'),
    text: neutralizeFormula,
  },
};

export function csvWriter(columns: readonly Column[], dialect: CsvDialect): CsvWriter {
  const d = DIALECTS[dialect];
  const header = d.bom + columns.map((column) => quote(d.text(headerOf(column)), d)).join(d.delimiter) + d.newline;
  const formatters = columns.map((column) => cellFormatter(column, d));
  const keys = columns.map((column) => column.key);
  const formatRow = (row: Row): string => {
    const array = Array.isArray(row);
    let line = '';
    for (let i = 0; i < formatters.length; i++) {
      const value = array ? (row as readonly unknown[])[i] : (row as Record<string, unknown>)[keys[i]!];
      if (i > 0) line += d.delimiter;
      if (value !== null && value !== undefined) line += formatters[i]!(value);
    }
    return line + d.newline;
  };
  return {
    header,
    rows(rows) {
      let text = '';
      for (const row of rows) text += formatRow(row);
      return text;
    },
  };
}

/** Header and all rows as one string: for small outputs and tests. */
export function toCsv(rows: Iterable<Row>, columns: readonly Column[], dialect: CsvDialect): string {
  const writer = csvWriter(columns, dialect);
  return writer.header + writer.rows(rows);
}

/** The header, then one string per batch of rows (empty batches yield nothing). */
export async function* csvChunks(
  columns: readonly Column[],
  dialect: CsvDialect,
  batches: AsyncIterable<Iterable<Row>> | Iterable<Iterable<Row>>,
): AsyncGenerator<string> {
  const writer = csvWriter(columns, dialect);
  yield writer.header;
  for await (const batch of batches) {
    const text = writer.rows(batch);
    if (text.length > 0) yield text;
  }
}

/** The formatter of one column's present (non-null) cells, chosen once per column. */
function cellFormatter(column: Column, d: Dialect): (value: unknown) => string {
  const format = ((): ((value: unknown) => string) => {
    switch (column.type) {
      case 'number':
      case 'integer':
        return d.number;
      case 'date':
        return isoDateOf;
      case 'boolean':
        return (value) => d.boolean(booleanOf(value));
      case 'json':
        return (value) => quote(d.text(compactJson(value)), d);
      case 'string':
        return (value) => quote(d.text(stringOf(value)), d);
    }
  })();
  return (value) => {
    try {
      return format(value);
    } catch (error) {
      // A value of the wrong type is a bug in the caller's column list: name the column.
      throw new TypeError(`column ${column.key} (${column.type}): ${(error as Error).message}`);
    }
  };
}

function quote(text: string, d: Dialect): string {
  if (text.length > 0 && !d.needsQuotes.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}
