/**
 * Steps 2–3 of ingest, in one DuckDB statement per file: read the CSV (every column as text,
 * identifier columns never selected), parse every cell into its type, pseudonymise or redact
 * identifier-shaped values, and list the problems of each row. The result is a TEMP table: raw
 * rows never reach a persistent table or the disk.
 */
import type { ColumnSpec, EntitySpec } from '../../schemas/entities.js';
import { literal } from '../db.js';
import { identifierSql, redactSql } from '../privacy.js';
import type { DetectedFile } from './detect.js';
import type { ReasonCode } from './reasons.js';
import { booleanSql, dateSql, integerSql, numberSql, trimmedSql, wavesSql } from './values.js';

export interface StageContext {
  /** The day of the ingest (ISO): event dates after it are rejected. */
  today: string;
  /** Inclusive bounds of each score scale. */
  scales: Record<NonNullable<ColumnSpec['scale']>, [number, number]>;
}

/** A kept column of the file, with its canonical spec and position. */
export interface StagedColumn {
  spec: ColumnSpec;
  index: number;
  /** Read from a full birth date: only the year is kept. */
  fromBirthDate: boolean;
}

export function stagedColumns(detected: DetectedFile, spec: EntitySpec): StagedColumn[] {
  return detected.columns
    .filter((c) => c.role === 'keep' || c.role === 'birthdate')
    .map((c) => ({ spec: spec.columns.find((s) => s.name === c.canonical)!, index: c.index, fromBirthDate: c.role === 'birthdate' }));
}

/** Column types whose raw text is kept beside the parsed value (to report what could not be read). */
const PARSED_TYPES = new Set(['integer', 'decimal', 'score', 'date', 'boolean']);
export const hasRaw = (c: StagedColumn) => PARSED_TYPES.has(c.spec.type) && !c.fromBirthDate;

const q = (name: string) => `"${name}"`;
const rawName = (c: StagedColumn) => q(`${c.spec.name}__raw`);
const idName = (c: StagedColumn) => q(`${c.spec.name}__id`);

/** Code columns: identifier-shaped values become a keyed hash (consistently, so references still match). */
const isCode = (c: StagedColumn) => c.spec.type === 'code';
/** Free text and vocabulary columns: identifier-shaped substrings are redacted. */
const isText = (c: StagedColumn) => ['text', 'vocab', 'territory'].includes(c.spec.type);

function parsedSql(c: StagedColumn, x: string): string {
  if (c.fromBirthDate) return `CAST(year(${dateSql(x)}) AS INTEGER)`;
  switch (c.spec.type) {
    case 'integer':
      return integerSql(x);
    case 'decimal':
    case 'score':
      return numberSql(x);
    case 'date':
      return dateSql(x);
    case 'boolean':
      return booleanSql(x);
    case 'waves':
      return wavesSql(x);
    default:
      return x;
  }
}

interface Check {
  column: string;
  reason: ReasonCode;
  when: string;
  detail?: string;
}

const shown = (x: string) => `'«' || left(${redactSql(`CAST(${x} AS VARCHAR)`)}, 60) || '»'`;

function columnChecks(c: StagedColumn, ctx: StageContext): Check[] {
  const s = c.spec;
  const v = q(s.name);
  const raw = hasRaw(c) ? rawName(c) : v;
  const checks: Check[] = [];
  if (s.required) checks.push({ column: s.name, reason: 'missing_required', when: `${raw} IS NULL` });
  if (c.fromBirthDate) {
    checks.push({ column: 'anno_nascita', reason: 'invalid_date', when: `${q('__birth_raw')} IS NOT NULL AND ${v} IS NULL` });
  }
  if (hasRaw(c)) {
    const reason: ReasonCode =
      s.type === 'date' ? 'invalid_date' : s.type === 'boolean' ? 'invalid_boolean' : s.type === 'integer' ? 'invalid_integer' : 'invalid_number';
    checks.push({ column: s.name, reason, when: `${raw} IS NOT NULL AND ${v} IS NULL`, detail: shown(raw) });
  }
  if (s.type === 'integer' || s.type === 'decimal') {
    if (s.min !== undefined && s.min >= 1 && /posti/.test(s.name)) {
      checks.push({ column: s.name, reason: 'places_below_one', when: `${v} < 1`, detail: shown(raw) });
    }
    const bounds = [s.min !== undefined ? `${v} < ${s.min}` : null, s.max !== undefined ? `${v} > ${s.max}` : null].filter(Boolean);
    if (bounds.length) {
      const notPlaces = /posti/.test(s.name) ? ` AND ${v} >= 1` : '';
      checks.push({ column: s.name, reason: 'out_of_range', when: `(${bounds.join(' OR ')})${notPlaces}`, detail: `${shown(raw)} || ' (ammesso ${s.min ?? '…'}–${s.max ?? '…'})'` });
    }
  }
  if (s.type === 'score') {
    const [min, max] = s.scale ? ctx.scales[s.scale] : [s.min ?? -Infinity, s.max ?? Infinity];
    checks.push({ column: s.name, reason: 'score_out_of_scale', when: `(${v} < ${min} OR ${v} > ${max})`, detail: `${shown(raw)} || ' (scala ${min}–${max})'` });
  }
  if (s.type === 'date') {
    checks.push({ column: s.name, reason: 'implausible_date', when: `(${v} < DATE '1900-01-01' OR ${v} > DATE '2100-12-31')`, detail: shown(raw) });
    if (s.event) checks.push({ column: s.name, reason: 'future_date', when: `${v} > DATE '${ctx.today}' AND ${v} <= DATE '2100-12-31'`, detail: shown(raw) });
  }
  return checks;
}

function rowChecks(spec: EntitySpec, present: Set<string>): Check[] {
  const checks: Check[] = [];
  if (spec.rules.includes('exit_after_entry') && present.has('data_uscita')) {
    checks.push({ column: 'data_uscita', reason: 'exit_before_entry', when: `"data_uscita" < "data_ingresso"`, detail: `'uscita ' || strftime("data_uscita", '%d/%m/%Y') || ', ingresso ' || strftime("data_ingresso", '%d/%m/%Y')` });
  }
  if (spec.rules.includes('no_self_rating')) checks.push({ column: 'partner', reason: 'self_rating', when: `"ente" = "partner"` });
  if (spec.rules.includes('decision_after_request') && present.has('data_esito')) {
    checks.push({ column: 'data_esito', reason: 'decision_before_request', when: `"data_esito" < "data_segnalazione"`, detail: `'esito ' || strftime("data_esito", '%d/%m/%Y') || ', segnalazione ' || strftime("data_segnalazione", '%d/%m/%Y')` });
  }
  return checks;
}

export interface StageSql {
  sql: string;
  columns: StagedColumn[];
}

/** The CREATE TEMP TABLE statement that reads, parses and checks one file. */
export function stageSql(table: string, source: string, detected: DetectedFile, spec: EntitySpec, ctx: StageContext): StageSql {
  const columns = stagedColumns(detected, spec);
  const present = new Set(columns.map((c) => c.spec.name));
  const cell = (c: StagedColumn) => trimmedSql(q(`c${c.index}`));

  // Innermost: trimmed text of each kept cell, and whether it looks like an identifier.
  const inner = columns.flatMap((c) => {
    const items = [`${cell(c)} AS ${c.fromBirthDate ? q('__birth_raw') : rawName(c)}`];
    // Codes are mostly short: the pattern only runs where an identifier could fit (an e-mail has 6+
    // characters). Text and vocabulary columns are scanned later on their distinct values (write.ts).
    if (isCode(c)) items.push(`(CASE WHEN length(${cell(c)}) >= 6 THEN ${identifierSql(cell(c))} ELSE false END) AS ${idName(c)}`);
    return items;
  });
  // Middle: typed values; identifier-shaped codes hashed, identifier-shaped text redacted.
  const middle = columns.flatMap((c) => {
    const raw = c.fromBirthDate ? q('__birth_raw') : rawName(c);
    let value: string;
    if (isCode(c)) value = `CASE WHEN ${idName(c)} THEN mev_pseudonym(${raw}) ELSE ${raw} END`;
    else if (isText(c)) value = raw;
    else value = parsedSql(c, raw);
    const items = [`${value} AS ${q(c.spec.name)}`];
    if (hasRaw(c)) items.push(raw);
    if (c.fromBirthDate) items.push(q('__birth_raw'));
    if (isCode(c)) items.push(idName(c));
    return items;
  });
  const checks = [...columns.flatMap((c) => columnChecks(c, ctx)), ...rowChecks(spec, present)];
  const problem = (k: Check) =>
    `CASE WHEN ${k.when} THEN {'column_name': ${literal(k.column)}, 'reason_code': ${literal(k.reason)}, 'detail': ${k.detail ? `CAST(${k.detail} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'}} END`;
  const errors = checks.length
    ? `CASE WHEN ${checks.map((k) => `coalesce(${k.when}, false)`).join(' OR ')} THEN list_filter([${checks.map(problem).join(', ')}], e -> e IS NOT NULL) END`
    : 'NULL';
  const codes = columns.filter(isCode);
  const hashed = codes.length ? `(${codes.map(idName).join(' OR ')})` : 'false';
  const keep = columns.map((c) => q(c.spec.name));
  // The raw text of a rejected row is kept (redacted) to show it; the other rows keep only typed values.
  const rawLine = `left(concat_ws(${literal(detected.delimiter)}, ${[...columns]
    .sort((a, b) => a.index - b.index)
    .map((c) => (c.fromBirthDate ? `'[omesso]'` : `coalesce(${redactSql(hasRaw(c) ? rawName(c) : `CAST(${q(c.spec.name)} AS VARCHAR)`)}, '')`))
    .join(', ')}), 1000)`;
  const sql = `CREATE TEMP TABLE ${q(table)} AS
SELECT ${keep.join(', ')}, __errors, CASE WHEN __errors IS NOT NULL THEN ${rawLine} END AS __raw_line, __hashed,
  CAST(NULL AS BOOLEAN) AS __bad
FROM (
  SELECT *, ${errors} AS __errors, ${hashed} AS __hashed
  FROM (SELECT ${middle.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${source}))
)`;
  return { sql, columns };
}

/** The read_csv call for a file whose text DuckDB can read as UTF-8 (a file, or a pipe we feed). */
export function readCsvSql(path: string, detected: DetectedFile, rejectsTable: string, rejectsScan: string): string {
  const columns = detected.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${literal(path)}, delim = ${literal(detected.delimiter)}, quote = '"', escape = '"', header = true,
    auto_detect = false, columns = {${columns}}, store_rejects = true, rejects_table = ${literal(rejectsTable)},
    rejects_scan = ${literal(rejectsScan)}, max_line_size = 2097152, encoding = 'utf-8')`;
}
