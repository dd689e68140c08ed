/**
 * SQL expressions that turn the raw text of a cell into a typed value, NULL when it cannot be
 * read. They run inside DuckDB over every row (set-based), so they avoid per-row regexes where a
 * cheaper test does the job.
 */

const BLANKS = "' \t\u00a0'";

/**
 * Empty strings and blanks are missing; surrounding spaces, tabs and no-break spaces go. Trimming
 * with a character list is slow in DuckDB, so it runs only on cells that need it.
 */
export function trimmedSql(x: string): string {
  return `(CASE WHEN ${x} = '' THEN NULL
    WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') OR contains(${x}, '\t') OR contains(${x}, '\u00a0') THEN nullif(trim(${x}, ${BLANKS}), '')
    ELSE ${x} END)`;
}

/**
 * Dates: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and ISO yyyy-mm-dd (also with a time part,
 * as Excel writes datetimes). Impossible dates (31/02) are NULL. Two-digit years read as years
 * 0–99 and are then rejected as implausible, never guessed.
 */
export function dateSql(x: string): string {
  return `CAST(coalesce(try_strptime(${x}, '%d/%m/%Y'), try_strptime(${x}, ['%Y-%m-%d', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y/%m/%d'])) AS DATE)`;
}

/**
 * Numbers, Italian first: `1.234,50`, `1234,5`, `1234.5`, `-3`, `€ 1.200`. With both separators
 * the last one is the decimal mark; a lone comma is decimal; a lone dot is a thousands mark only
 * in the exact `1.234` / `12.345.678` shape, otherwise decimal.
 */
export function numberSql(x: string): string {
  const s = `replace(replace(replace(${x}, '€', ''), ' ', ''), '\u00a0', '')`;
  // The common shapes first, with cheap patterns; the general rules run on what is left.
  return `(CASE
    WHEN regexp_full_match(${x}, '[+-]?[0-9]+') THEN TRY_CAST(${x} AS DOUBLE)
    WHEN regexp_full_match(${x}, '[+-]?[0-9]+,[0-9]+') THEN TRY_CAST(replace(${x}, ',', '.') AS DOUBLE)
    WHEN regexp_full_match(${s}, '[+-]?([0-9]{1,3}(\\.[0-9]{3})+|[0-9]+),[0-9]+') THEN TRY_CAST(replace(replace(${s}, '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(${s}, '[+-]?[0-9]{1,3}(\\.[0-9]{3})+') THEN TRY_CAST(replace(${s}, '.', '') AS DOUBLE)
    WHEN regexp_full_match(${s}, '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\\.[0-9]+') THEN TRY_CAST(replace(${s}, ',', '') AS DOUBLE)
    WHEN regexp_full_match(${s}, '[+-]?[0-9]+') THEN TRY_CAST(${s} AS DOUBLE)
  END)`;
}

/** Whole numbers: as numbers, and NULL when there is a fractional part (never rounded). */
export function integerSql(x: string): string {
  // The general parse runs only for cells that are not plain digits (CASE is lazy in DuckDB).
  const n = numberSql(x);
  return `(CASE WHEN regexp_full_match(${x}, '[+-]?[0-9]{1,9}') THEN TRY_CAST(${x} AS INTEGER)
    WHEN ${n} = floor(${n}) AND abs(${n}) < 2e9 THEN CAST(${n} AS INTEGER) END)`;
}

const TRUE_WORDS = ['si', 's', 'vero', '1', 'yes', 'y', 'true', 'x', 'v'];
const FALSE_WORDS = ['no', 'n', 'falso', 'f', '0', 'false'];

/** si/sì/no, vero/falso, 1/0, yes/no, true/false. */
export function booleanSql(x: string): string {
  const n = `lower(strip_accents(${x}))`;
  const list = (words: string[]) => words.map((w) => `'${w}'`).join(', ');
  return `(CASE WHEN ${n} IN (${list(TRUE_WORDS)}) THEN true WHEN ${n} IN (${list(FALSE_WORDS)}) THEN false END)`;
}

/** `2024|2025`, `2024; 2025`, `2024, 2025` → ['2024', '2025']; empty → NULL (every wave). */
export function wavesSql(x: string): string {
  return `nullif(list_filter(list_transform(string_split(regexp_replace(${x}, '[;,/ ]+', '|', 'g'), '|'), w -> trim(w)), w -> w <> ''), [])`;
}
