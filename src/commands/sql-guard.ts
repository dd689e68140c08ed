/**
 * What `mev sql` lets through, in two layers.
 *
 * 1. The engine: the database is opened READ_ONLY with `enable_external_access = false` and
 *    `lock_configuration = true` (db.ts), so DuckDB itself refuses writes to the file, COPY … TO,
 *    ATTACH, INSTALL/LOAD of extensions, SET of locked options and every file-reading function
 *    (read_csv, read_text, glob, …).
 * 2. mev: each statement is prepared and its type checked before anything runs: only queries
 *    (SELECT, which also covers WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE and the PRAGMAs
 *    that DuckDB turns into a SELECT, such as `PRAGMA table_info`) and EXPLAIN. This closes what
 *    the engine still allows on a read-only, locked database: TEMP tables and macros, session
 *    settings outside the lock (`SET search_path`, `PRAGMA enable_profiling`), SET VARIABLE,
 *    transactions, CHECKPOINT, LOAD of a built-in extension.
 *
 * DuckDB's errors become one Italian line: a refusal by the engine says that the database is
 * read-only; any other DuckDB error (syntax, unknown table) is the user's query to fix. DuckDB's
 * INTERNAL errors and errors that are not DuckDB's stay internal errors (exit 2).
 */
import { StatementType } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import * as msg from '../messages.js';

const ALLOWED = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

const KIND_NAMES: Partial<Record<StatementType, string>> = {
  [StatementType.VARIABLE_SET]: 'SET VARIABLE',
  [StatementType.CREATE_FUNC]: 'CREATE MACRO',
  [StatementType.TRANSACTION]: 'BEGIN/COMMIT',
  [StatementType.COPY_DATABASE]: 'COPY FROM DATABASE',
  [StatementType.CALL]: 'CALL/CHECKPOINT',
};

export function isAllowedStatement(type: StatementType): boolean {
  return ALLOWED.has(type);
}

/** The statement type as the user would write it: INSERT, SET, MERGE INTO, … */
export function statementKind(type: StatementType): string {
  return KIND_NAMES[type] ?? (StatementType[type] ?? 'sconosciuta').replaceAll('_', ' ');
}

/** Throws the refusal of the `index`-th (1-based) of `count` statements when its type is not a query. */
export function assertAllowed(type: StatementType, index: number, count: number): void {
  if (!isAllowedStatement(type)) throw new UserError(msg.sqlRefused(statementKind(type), index, count));
}

/**
 * EXPLAIN ANALYZE runs the statement it explains, so it is allowed only in front of a query.
 * (The locked read-only engine would refuse the rest anyway; this keeps the guard's promise.)
 */
export function assertExplainAnalyzeOfQuery(query: string): void {
  const m = /\bEXPLAIN\s+ANALY[SZ]E\s+(?!\(|SELECT\b|WITH\b|FROM\b|VALUES\b|TABLE\b)(\w+)/i.exec(query);
  if (m) throw new UserError(msg.sqlRefused(`EXPLAIN ANALYZE ${m[1]!.toUpperCase()}`, 1, 1));
}

const DUCKDB_ERROR = /^[A-Z][A-Za-z ]*Error: /;
const ENGINE_REFUSAL = /disabled (by|through) configuration|configuration has been locked|read-only mode|in read-only/i;
const OUT_OF_MEMORY = /^Out of Memory Error/i;

/** A DuckDB error as a UserError with one line; anything else is returned unchanged (a bug: exit 2). */
export function sqlUserError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  // The bindings prefix parse errors met while splitting the statements.
  const message = error.message.replace(/^Failed to extract statements: /, '');
  if (!DUCKDB_ERROR.test(message) || /^INTERNAL Error/i.test(message)) return error;
  const detail = cleanDuckDBMessage(message);
  if (OUT_OF_MEMORY.test(message)) return new UserError(msg.outOfMemory(detail));
  if (ENGINE_REFUSAL.test(message)) return new UserError(msg.sqlDenied(detail));
  return new UserError(msg.sqlError(detail));
}

/**
 * DuckDB's message on one line: the caret context (`LINE 1: …` and the `^` under it) is dropped,
 * the remaining lines joined (`Table … does not exist! Did you mean "alloggi"?`).
 */
export function cleanDuckDBMessage(message: string): string {
  const lines = message.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (/^LINE \d+:/.test(line)) {
      i++; // the caret line under it
      continue;
    }
    if (line.length > 0) kept.push(line);
  }
  return kept.join(' ');
}
