/**
 * Step 5 of ingest, inside the transaction: map vocabulary values to codes, upsert the loading
 * rows into the entity table (counting inserted / updated / unchanged), and record what was
 * rejected or redacted in rejected_rows.
 */
import { basename } from 'node:path';
import type { ColumnSpec } from '../../schemas/entities.js';
import type { Project } from '../config.js';
import { ident, literal, type Database } from '../db.js';
import { originalColumn, tableColumns } from '../ddl.js';
import { normaliseName } from '../normalise.js';
import { looksLikeIdentifier, redactSql, redactText, REDACTED } from '../privacy.js';
import { matchCode, UNCLASSIFIED, vocabulary } from '../vocabulary.js';
import type { DetectedFile } from './detect.js';
import type { Mapping } from './mapping.js';
import { CSV_ERROR_REASONS, REASONS } from './reasons.js';
import { loadsSql, type StagedFile } from './resolve.js';

/** Files are recorded by name, without their directory (a path can name a person's home folder). */
export function storedFileName(file: string): string {
  return basename(file);
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ValueMaps {
  /** column → raw value → stored value (vocabulary code, territory label) */
  maps: Map<string, Map<string, string>>;
  /** column → raw values outside the vocabulary */
  unclassified: Map<string, string[]>;
  /** column → raw value holding an identifier → the same text with the identifier redacted */
  redactions: Map<string, Map<string, string>>;
}

/**
 * Text, vocabulary and territory columns have few distinct values and many rows: their values are
 * mapped in Node once each (vocabulary codes, territory labels, identifier redaction) and applied
 * in SQL with MAP literals. One scan collects the distinct values of every such column.
 */
export async function buildValueMaps(db: Database, staged: StagedFile, project: Project, mapping: Mapping | undefined): Promise<ValueMaps> {
  const maps = new Map<string, Map<string, string>>();
  const unclassified = new Map<string, string[]>();
  const redactions = new Map<string, Map<string, string>>();
  const columns = staged.columns.filter((c) => ['vocab', 'territory', 'text'].includes(c.spec.type) && !c.fromBirthDate);
  if (!columns.length) return { maps, unclassified, redactions };
  const distinct = (await db.one<Record<string, string[] | null>>(
    `SELECT ${columns.map((c) => `list(DISTINCT ${ident(c.spec.name)}) FILTER (WHERE ${ident(c.spec.name)} IS NOT NULL) AS ${ident(c.spec.name)}`).join(', ')} FROM ${ident(staged.table)}`,
  ))!;
  for (const c of columns) {
    const map = new Map<string, string>();
    const redacted = new Map<string, string>();
    const misses: string[] = [];
    for (const v of distinct[c.spec.name] ?? []) {
      if (looksLikeIdentifier(v)) {
        redacted.set(v, redactText(v));
        if (c.spec.type === 'vocab') misses.push(redactText(v));
        continue;
      }
      if (c.spec.type === 'text') continue;
      const code = mapValue(c.spec, v, project, mapping);
      if (code !== null) map.set(v, code);
      else if (c.spec.type === 'vocab') misses.push(v);
    }
    maps.set(c.spec.name, map);
    if (redacted.size) redactions.set(c.spec.name, redacted);
    if (misses.length) unclassified.set(c.spec.name, misses.sort());
  }
  return { maps, unclassified, redactions };
}

function mapValue(spec: ColumnSpec, raw: string, project: Project, mapping: Mapping | undefined): string | null {
  const extra = mapping?.values[spec.name];
  if (spec.type === 'territory') {
    const key = normaliseName(raw);
    const viaMapping = extra ? Object.entries(extra).find(([label]) => normaliseName(label) === key)?.[1] : undefined;
    const lookup = spec.territory === 'comune' ? project.territory.comuneLookup : project.territory.ambitoLookup;
    return viaMapping ?? lookup.get(key) ?? null;
  }
  return matchCode(vocabulary(spec.vocabulary!), raw, extra);
}

function mapLiteral(map: Map<string, string>): string {
  return `MAP {${[...map].map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')}}`;
}

/** The stored value of each table column, from the staged row `s`. */
function finalExpressions(staged: StagedFile, maps: ValueMaps): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of staged.columns) {
    const v = `s.${ident(c.spec.name)}`;
    const map = maps.maps.get(c.spec.name);
    const redacted = maps.redactions.get(c.spec.name);
    // The text as stored: with any identifier redacted.
    const text = redacted ? `coalesce(map_extract_value(${mapLiteral(redacted)}, ${v}), ${v})` : v;
    const lookup = map && map.size ? `map_extract_value(${mapLiteral(map)}, ${v})` : 'CAST(NULL AS VARCHAR)';
    if (c.spec.type === 'vocab') {
      out.set(c.spec.name, `CASE WHEN ${v} IS NOT NULL THEN coalesce(${lookup}, ${literal(UNCLASSIFIED)}) END`);
      out.set(originalColumn(c.spec), `CASE WHEN ${v} IS NOT NULL AND ${lookup} IS NULL THEN ${text} END`);
    } else if (c.spec.type === 'territory') {
      out.set(c.spec.name, `coalesce(${lookup}, ${text})`);
    } else {
      out.set(c.spec.name, text);
    }
  }
  return out;
}

async function count(db: Database, sql: string): Promise<number> {
  return Number(await db.value(sql));
}

/**
 * Upsert on the entity key. Columns the file does not have are left as they are on existing rows
 * (an export without an optional column does not erase it) and NULL on new rows.
 */
export async function upsert(db: Database, staged: StagedFile, maps: ValueMaps, tableIsEmpty: boolean): Promise<WriteCounts> {
  const table = ident(staged.spec.name);
  const expressions = finalExpressions(staged, maps);
  const names = tableColumns(staged.spec).map((c) => c.name).filter((n) => expressions.has(n));
  const select = `SELECT ${names.map((n) => `${expressions.get(n)} AS ${ident(n)}`).join(', ')} FROM ${ident(staged.table)} s WHERE ${loadsSql(staged)}`;
  const insertColumns = names.map(ident).join(', ');
  if (tableIsEmpty) {
    const inserted = await db.changes(`INSERT INTO ${table} (${insertColumns}) ${select}`);
    return { inserted, updated: 0, unchanged: 0 };
  }
  const fresh = ident(`${staged.table}_final`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${fresh} AS ${select}`);
  const key = staged.spec.key.map(ident);
  const sameKey = key.map((k) => `t.${k} = f.${k}`).join(' AND ');
  const valueColumns = names.filter((n) => !staged.spec.key.includes(n)).map(ident);
  const differs = valueColumns.length ? valueColumns.map((c) => `t.${c} IS DISTINCT FROM f.${c}`).join(' OR ') : 'false';
  const updated = valueColumns.length
    ? await db.changes(`UPDATE ${table} AS t SET ${valueColumns.map((c) => `${c} = f.${c}`).join(', ')} FROM ${fresh} f WHERE ${sameKey} AND (${differs})`)
    : 0;
  const inserted = await db.changes(`INSERT INTO ${table} (${insertColumns}) SELECT * FROM ${fresh} f WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${sameKey})`);
  const total = await count(db, `SELECT count(*) FROM ${fresh}`);
  await db.run(`DROP TABLE ${fresh}`);
  return { inserted, updated, unchanged: total - inserted - updated };
}

/**
 * The line of a row rejected across rows (duplicate, reference), rebuilt from its parsed values in
 * file order (dates as dd/mm/yyyy); identifiers are already hashed or redacted in them.
 */
function rebuiltLineSql(staged: StagedFile, detected: DetectedFile): string {
  const parts = [...staged.columns]
    .sort((a, b) => a.index - b.index)
    .map((c) => {
      if (c.fromBirthDate) return `'${REDACTED}'`;
      const v = `s.${ident(c.spec.name)}`;
      const text = c.spec.type === 'date' ? `strftime(${v}, '%d/%m/%Y')` : c.spec.type === 'waves' ? `array_to_string(${v}, '|')` : `CAST(${v} AS VARCHAR)`;
      return `coalesce(${redactSql(text)}, '')`;
    });
  return `left(concat_ws(${literal(detected.delimiter)}, ${parts.join(', ')}), 1000)`;
}

const reasonText = (code: string, detail: string | null = null) =>
  `map_extract_value(MAP {${Object.entries(REASONS).map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')}}, ${code})${detail ? ` || coalesce(': ' || ${detail}, '')` : ''}`;

/**
 * Lines as in a spreadsheet (header = 1). Staged rows are numbered by DuckDB's insertion order;
 * rows DuckDB's CSV reader rejected are not staged, so each rejected line before a row shifts it.
 */
async function createLineThresholds(db: Database, staged: StagedFile): Promise<string> {
  const thresholds = ident(`${staged.table}_lines`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${thresholds} AS
SELECT line - 1 - row_number() OVER (ORDER BY line) AS t, row_number() OVER (ORDER BY line) AS j
FROM (SELECT DISTINCT line FROM ${ident(staged.rejectsTable)})`);
  return thresholds;
}

const lineOf = (rid: string, thresholds: string) => `(${rid} + 2 + coalesce((SELECT max(j) FROM ${thresholds} WHERE t <= ${rid}), 0))`;

/** `hiddenPositions`: 0-based positions of the columns not kept (identifiers, birth dates, ignored columns). */
export async function recordRejected(db: Database, staged: StagedFile, detected: DetectedFile, maps: ValueMaps, ingestId: number, hiddenPositions: number[]): Promise<void> {
  const thresholds = await createLineThresholds(db, staged);
  const common = `${ingestId}, ${literal(storedFileName(detected.file))}, ${literal(staged.spec.name)}`;
  const stage = ident(staged.table);
  const raw = rebuiltLineSql(staged, detected);
  // Problems of single rows.
  await db.run(`INSERT INTO rejected_rows
SELECT ${common}, ${lineOf('rid', thresholds)}, e.column_name, e.reason_code, ${reasonText('e.reason_code', 'e.detail')}, raw_line
FROM (SELECT s.rowid AS rid, unnest(s.__errors) AS e, s.__raw_line AS raw_line FROM ${stage} s WHERE s.__errors IS NOT NULL)`);
  // Problems across rows (duplicates, references).
  await db.run(`INSERT INTO rejected_rows
SELECT ${common}, ${lineOf('b.rid', thresholds)}, b.column_name, b.reason_code,
  ${reasonText('b.reason_code')} || CASE WHEN b.other_rid IS NOT NULL THEN ' (come la riga ' || ${lineOf('b.other_rid', thresholds)} || ')'
    WHEN b.value IS NOT NULL THEN ': «' || left(${redactSql('b.value')}, 60) || '»' ELSE '' END,
  ${raw}
FROM ${ident(staged.badTable)} b JOIN ${stage} s ON s.rowid = b.rid`);
  // Redacted identifiers in rows that loaded: a note, not a rejection.
  for (const [column, values] of maps.redactions) {
    await db.run(`INSERT INTO rejected_rows
SELECT ${common}, ${lineOf('s.rowid', thresholds)}, ${literal(column)}, 'identifier_redacted', ${reasonText("'identifier_redacted'")}, ${raw}
FROM ${stage} s WHERE s.${ident(column)} IN (${[...values.keys()].map(literal).join(', ')}) AND ${loadsSql(staged)}`);
  }
  // Lines DuckDB's CSV reader could not split into the header's columns. Fields of columns that are
  // not kept are never shown; when there are such columns and the fields do not line up with the
  // header, no field can be shown safely.
  const fields = `string_split(csv_line, ${literal(detected.delimiter)})`;
  const csvReasonLookup = `map_extract_value(MAP {${Object.entries(CSV_ERROR_REASONS).map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')}}, CAST(error_type AS VARCHAR))`;
  const identifiers = hiddenPositions.map((i) => i + 1).join(', ') || 'NULL';
  const expected = detected.header.length;
  const shownLine = `CASE WHEN len(${fields}) <> ${expected} AND ${hiddenPositions.length > 0}
      THEN '[riga non mostrata: può contenere dati identificativi fuori posto]'
      ELSE left(array_to_string(list_transform(${fields}, (x, i) -> CASE WHEN i IN (${identifiers}) THEN '${REDACTED}' ELSE ${redactSql('x')} END), ${literal(detected.delimiter)}), 1000) END`;
  await db.run(`INSERT INTO rejected_rows
SELECT ${common}, line, NULL, reason_code,
  ${reasonText('reason_code')} || CASE WHEN reason_code = 'wrong_field_count' THEN ' (' || len(${fields}) || ' campi invece di ${expected})' ELSE '' END,
  ${shownLine}
FROM (SELECT line, any_value(csv_line) AS csv_line, min(coalesce(${csvReasonLookup}, 'malformed_line')) AS reason_code
      FROM ${ident(staged.rejectsTable)} GROUP BY line)`);
}
