/**
 * `mev sql [QUERY]`: ad-hoc SQL on the database, read-only (what is refused and why: sql-guard.ts).
 * Without QUERY it lists the tables and views with their row counts and COMMENTs.
 *
 * Several statements in one QUERY are all checked before any runs, then run in order, and the
 * last one's result is printed (as `psql -c` and `duckdb -c` do).
 *
 * Output is streamed chunk by chunk from DuckDB for csv and json, so a million rows never become
 * one string. The terminal table shows at most TABLE_MAX_ROWS rows (and says how many there are).
 */
import { resolve } from 'node:path';
import { StatementType } from '@duckdb/node-api';
import type { DuckDBResult } from '@duckdb/node-api';
import type { CliEffects } from '../../cli.js';
import { Database, ident, literal, resolveDbPath } from '../db.js';
import { UserError } from '../errors.js';
import { csvChunks } from '../format/csv.js';
import { compactJson } from '../format/json.js';
import { formatNumber } from '../format/locale.js';
import { renderTable } from '../format/table.js';
import * as msg from '../messages.js';
import { listRelations } from './catalog.js';
import { convertRow, csvColumns, fitFloatDecimals, jsonCells, resultColumns, tableColumns } from './result-columns.js';
import { assertAllowed, assertExplainAnalyzeOfQuery, sqlUserError } from './sql-guard.js';

export type SqlFormat = 'table' | 'json' | 'csv';

export interface SqlOptions {
  db?: string;
  format: SqlFormat;
}

export const TABLE_MAX_ROWS = 1000;

export async function runSql(query: string | undefined, opts: SqlOptions, effects: CliEffects): Promise<void> {
  const db = await Database.open(resolve(effects.cwd, resolveDbPath(opts.db, effects.env)), { readOnly: true, locked: true });
  try {
    if (query === undefined) {
      const result = await db.connection.stream(await catalogSql(db));
      await printResult(result, opts.format, effects, { maxWidth: 200 });
    } else {
      const { result, explain } = await runStatements(db, query);
      await printResult(result, opts.format, effects, { explain });
    }
  } catch (error) {
    throw sqlUserError(error);
  } finally {
    db.close();
  }
}

/** Checks every statement, runs them in order, and returns the last one's streaming result. */
async function runStatements(db: Database, query: string): Promise<{ result: DuckDBResult; explain: boolean }> {
  assertExplainAnalyzeOfQuery(query);
  const extracted = await extractStatements(db, query);
  const count = extracted.count;
  if (count === 0) throw new UserError(msg.sqlEmpty());
  const prepared = [];
  for (let i = 0; i < count; i++) {
    const statement = await extracted.prepare(i);
    assertAllowed(statement.statementType, i + 1, count);
    prepared.push(statement);
  }
  const last = prepared.pop()!;
  for (const statement of prepared) await statement.run();
  return { result: await last.stream(), explain: last.statementType === StatementType.EXPLAIN };
}

async function extractStatements(db: Database, query: string) {
  try {
    return await db.connection.extractStatements(query);
  } catch (error) {
    // The bindings fail with this bare message when the text holds no statement (blank, `;`, comments only).
    if (error instanceof Error && error.message === 'Error in native callback') throw new UserError(msg.sqlEmpty());
    throw error;
  }
}

/** One query listing the relations with their row counts, so the listing goes through the same output. */
async function catalogSql(db: Database): Promise<string> {
  const relations = await listRelations(db);
  if (relations.length === 0) {
    return `SELECT NULL::VARCHAR AS nome, NULL::VARCHAR AS tipo, NULL::BIGINT AS righe, NULL::VARCHAR AS descrizione WHERE false`;
  }
  const rows = relations.map(
    (r, i) =>
      `SELECT ${i} AS ordine, ${literal(r.name)} AS nome, ${literal(r.kind === 'table' ? msg.sqlListKindTable : msg.sqlListKindView)} AS tipo, ` +
      `(SELECT count(*) FROM ${ident(r.name)}) AS righe, ${r.comment === null ? 'NULL::VARCHAR' : literal(r.comment)} AS descrizione`,
  );
  return `SELECT nome, tipo, righe, descrizione FROM (${rows.join(' UNION ALL ')}) ORDER BY ordine`;
}

interface PrintOptions {
  explain?: boolean;
  maxWidth?: number;
}

async function printResult(result: DuckDBResult, format: SqlFormat, effects: CliEffects, options: PrintOptions): Promise<void> {
  const columns = resultColumns(result.columnNames(), result.columnTypes());
  switch (format) {
    case 'csv': {
      const { columns: csv, cells } = csvColumns(columns, 'machine');
      for await (const text of csvChunks(csv, 'machine', convertedChunks(result, cells))) effects.stdout(text);
      return;
    }
    case 'json': {
      const keys = result.deduplicatedColumnNames();
      const cells = jsonCells(columns);
      let first = true;
      for await (const rows of convertedChunks(result, cells)) {
        let text = '';
        for (const row of rows) {
          const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
          keys.forEach((key, i) => (object[key] = row[i]));
          text += `${first ? '[\n' : ',\n'}  ${compactJson(object)}`;
          first = false;
        }
        if (text) effects.stdout(text);
      }
      effects.stdout(first ? '[]\n' : '\n]\n');
      return;
    }
    case 'table': {
      const { columns: specs, cells } = tableColumns(columns);
      const rows: unknown[][] = [];
      let total = 0;
      for await (const chunk of result) {
        if (rows.length < TABLE_MAX_ROWS) {
          for (const row of chunk.getRows().slice(0, TABLE_MAX_ROWS - rows.length)) rows.push(convertRow(row, cells));
        }
        total += chunk.rowCount;
      }
      if (options.explain) {
        // The plan is already drawn by DuckDB: print its text, not a table of it.
        effects.stdout(rows.map((row) => `${String(row[row.length - 1] ?? '')}\n`).join(''));
        return;
      }
      const table = renderTable(rows, fitFloatDecimals(specs, columns.map((c) => c.kind), rows), { lang: 'it', maxWidth: options.maxWidth });
      effects.stdout(`${table}\n${msg.sqlRowCount(formatNumber(total, 'it'), total)}\n`);
      if (total > rows.length) effects.stderr(`${msg.sqlTableCut(formatNumber(rows.length, 'it'), formatNumber(total, 'it'))}\n`);
      return;
    }
  }
}

/** The result's rows, one converted batch per DuckDB chunk (2048 rows). */
async function* convertedChunks(result: DuckDBResult, cells: Parameters<typeof convertRow>[1]): AsyncGenerator<unknown[][]> {
  for await (const chunk of result) {
    const rows = chunk.getRows();
    const out = new Array<unknown[]>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = convertRow(rows[i]!, cells);
    yield out;
  }
}
