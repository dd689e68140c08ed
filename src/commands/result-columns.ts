/**
 * The columns of a DuckDB result and how each output shows their cells. The output type of a
 * column comes from its DuckDB type, never from looking at values: an INTEGER year stays an integer
 * without thousands separators, a VARCHAR code `00123` stays text, a DATE stays a date.
 *
 * Cells arrive as raw DuckDB values (`yieldRows`), converted once per output:
 *   kind        machine CSV   Excel CSV        JSON              terminal table
 *   integer     integer       integer          number*           integer (grouping: see below)
 *   float       number        number           number (NaN null) number, decimals per column
 *   decimal     number        number           number            number, the column's scale
 *   boolean     true/false    VERO/FALSO       boolean           sì/no
 *   date        yyyy-mm-dd    date             "yyyy-mm-dd"      dd/mm/yyyy
 *   timestamp   DuckDB text   DuckDB text      DuckDB text       dd/mm/yyyy hh:mm:ss
 *   text        as is         as is (formula-  string            as is
 *                             like neutralised)
 *   text_list   JSON array    a|b (ingest's    array             a, b
 *                             own list syntax)
 *   nested      JSON          JSON             JSON              DuckDB text
 * (* beyond ±2^53 the decimal string, so that no count is rounded: see format/json.ts.)
 */
import { DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Column } from '../format/cells.js';
import type { CsvDialect } from '../format/csv.js';
import { formatDate } from '../format/locale.js';
import type { TableColumn } from '../format/table.js';

export type ValueKind = 'integer' | 'float' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'text' | 'text_list' | 'nested';

export interface ResultColumn {
  name: string;
  type: DuckDBType;
  kind: ValueKind;
}

const INTEGER_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
]);
/** Integers that fit in 32 bits: stored attributes (years, places, children), not computed counts. */
const NARROW_INTEGER_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT,
]);
const TIMESTAMP_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS, DuckDBTypeId.TIMESTAMP_TZ,
]);
const NESTED_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST, DuckDBTypeId.ARRAY, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP, DuckDBTypeId.UNION, DuckDBTypeId.VARIANT,
]);

export function kindOf(type: DuckDBType): ValueKind {
  const id = type.typeId;
  if (INTEGER_IDS.has(id)) return 'integer';
  if (id === DuckDBTypeId.FLOAT || id === DuckDBTypeId.DOUBLE) return 'float';
  if (id === DuckDBTypeId.DECIMAL) return 'decimal';
  if (id === DuckDBTypeId.BOOLEAN) return 'boolean';
  if (id === DuckDBTypeId.DATE) return 'date';
  if (TIMESTAMP_IDS.has(id)) return 'timestamp';
  if ((id === DuckDBTypeId.LIST || id === DuckDBTypeId.ARRAY) && 'valueType' in type && type.valueType.typeId === DuckDBTypeId.VARCHAR) return 'text_list';
  if (NESTED_IDS.has(id)) return 'nested';
  return 'text';
}

export function resultColumns(names: readonly string[], types: readonly DuckDBType[]): ResultColumn[] {
  return names.map((name, i) => ({ name, type: types[i]!, kind: kindOf(types[i]!) }));
}

type Cell = (value: DuckDBValue) => unknown;

/** DuckDB's own text of a value (DECIMAL `12.30`, DATE `2025-12-31`, INTERVAL `1 day`, …). */
const text = (value: DuckDBValue): string => (typeof value === 'string' ? value : String(value));
/**
 * A DATE's text, remembered per day: exports repeat the same few thousand days over millions of
 * rows, and DuckDB's own conversion is the costliest step of a date cell.
 */
const dateTexts = new Map<number, string>();
const dateText = (value: DuckDBValue): string => {
  const days = (value as { days?: unknown }).days;
  if (typeof days !== 'number') return text(value);
  let cached = dateTexts.get(days);
  if (cached === undefined) {
    if (dateTexts.size >= 100_000) dateTexts.clear();
    cached = text(value);
    dateTexts.set(days, cached);
  }
  return cached;
};
const items = (value: DuckDBValue): (string | null)[] =>
  ((value as { items?: readonly DuckDBValue[] }).items ?? []).map((item) => (item === null ? null : text(item)));
const json = (column: ResultColumn): Cell => (value) => JsonDuckDBValueConverter(value, column.type, JsonDuckDBValueConverter);
const asIs: Cell = (value) => value;

/** Applies per-column cell converters to a row of raw values; nulls stay null. */
export function convertRow(row: readonly DuckDBValue[], cells: readonly Cell[]): unknown[] {
  const out = new Array<unknown>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const value = row[i];
    out[i] = value === null || value === undefined ? null : cells[i]!(value);
  }
  return out;
}

export interface OutputColumns<C> {
  columns: C[];
  cells: Cell[];
}

/** Column types and cell converters for one CSV dialect (format/csv.ts does the writing). */
export function csvColumns(columns: readonly ResultColumn[], dialect: CsvDialect): OutputColumns<Column> {
  const excel = dialect === 'excel-it';
  const pairs = columns.map((column): [Column['type'], Cell] => {
    switch (column.kind) {
      case 'integer':
        return ['integer', asIs];
      case 'float':
      case 'decimal':
        return ['number', asIs];
      case 'boolean':
        return ['boolean', asIs];
      case 'date':
        // Machine CSV writes DuckDB's text, which is ISO for every real date and never fails on
        // DuckDB's infinite dates; the Excel CSV declares a date so its writer checks it.
        return excel ? ['date', dateText] : ['string', dateText];
      case 'timestamp':
      case 'text':
        return ['string', text];
      case 'text_list':
        return excel ? ['string', (value) => items(value).map((item) => item ?? '').join('|')] : ['json', items];
      case 'nested':
        return ['json', json(column)];
    }
  });
  return {
    columns: columns.map((column, i) => ({ key: column.name, label: column.name, type: pairs[i]![0] })),
    cells: pairs.map((pair) => pair[1]),
  };
}

/** Cell converters for JSON output (format/json.ts normalises bigints, NaN and the rest). */
export function jsonCells(columns: readonly ResultColumn[]): Cell[] {
  return columns.map((column): Cell => {
    switch (column.kind) {
      case 'integer':
      case 'float':
      case 'boolean':
        return asIs;
      case 'decimal':
        return (value) => Number(text(value));
      case 'date':
        return dateText;
      case 'timestamp':
      case 'text':
        return text;
      case 'text_list':
        return items;
      case 'nested':
        return json(column);
    }
  });
}

/** Most decimals a DOUBLE column shows in a table (beyond that, float noise like 0.30000000000000004). */
export const MAX_TABLE_DECIMALS = 6;

/** Names of integer columns that are years, codes or identifiers: never grouped (`2025`, not `2.025`). */
const UNGROUPED_NAME = /(^|[^a-z])(anno|year|isoyear|codice|code|id|ondata|wave|istat)([^a-z]|$)/i;

/**
 * Table columns and cell converters. Integers show without decimals; they are grouped (`1.234`)
 * when they are computed counts or sums (BIGINT, HUGEINT) and not when they are stored 32-bit
 * attributes (INTEGER: anno_nascita, posti) or when the name says year, code or id
 * (`year(data_ingresso)` is a BIGINT). DOUBLE columns show as many decimals as their values
 * need, up to 6, the same for the whole column; DECIMAL columns their scale.
 */
export function tableColumns(columns: readonly ResultColumn[]): OutputColumns<TableColumn> {
  const specs = columns.map((column): [TableColumn, Cell] => {
    const base = { key: column.name, label: column.name };
    switch (column.kind) {
      case 'integer':
        return [{ ...base, type: 'integer', grouping: !NARROW_INTEGER_IDS.has(column.type.typeId) && !UNGROUPED_NAME.test(column.name) }, asIs];
      case 'float':
        return [{ ...base, type: 'number' }, asIs];
      case 'decimal':
        return [{ ...base, type: 'number', decimals: 'scale' in column.type ? column.type.scale : undefined }, text];
      case 'boolean':
        return [{ ...base, type: 'boolean' }, asIs];
      case 'date':
        return [{ ...base, type: 'string' }, (value) => italianDateTime(dateText(value))];
      case 'timestamp':
        return [{ ...base, type: 'string' }, (value) => italianDateTime(text(value))];
      case 'text_list':
        return [{ ...base, type: 'string' }, (value) => items(value).map((item) => item ?? 'NULL').join(', ')];
      case 'text':
      case 'nested':
        return [{ ...base, type: 'string' }, text];
    }
  });
  return { columns: specs.map((s) => s[0]), cells: specs.map((s) => s[1]) };
}

/** Fixes the decimals of float columns from the rows to be shown (one count per column, so it aligns). */
export function fitFloatDecimals(columns: TableColumn[], kinds: readonly ValueKind[], rows: readonly (readonly unknown[])[]): TableColumn[] {
  return columns.map((column, i) => {
    if (kinds[i] !== 'float') return column;
    let decimals = 0;
    for (const row of rows) {
      const value = row[i];
      if (typeof value === 'number' && Number.isFinite(value)) decimals = Math.max(decimals, decimalsNeeded(value));
    }
    return { ...column, decimals };
  });
}

/** Decimals of `value` rounded to MAX_TABLE_DECIMALS, trailing zeros dropped: 0.8532 → 4, 2.5 → 1, 3 → 0. */
export function decimalsNeeded(value: number): number {
  const fixed = Math.abs(value).toFixed(MAX_TABLE_DECIMALS);
  const fraction = fixed.slice(fixed.indexOf('.') + 1).replace(/0+$/, '');
  return fraction.length;
}

/** `2025-12-31` → `31/12/2025`, `2025-12-31 10:00:00` → `31/12/2025 10:00:00`; anything else as DuckDB wrote it. */
export function italianDateTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(value);
  if (!match) return value;
  try {
    return formatDate(match[1]!, 'it') + match[2]!;
  } catch {
    return value;
  }
}
