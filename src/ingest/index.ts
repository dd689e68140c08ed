/**
 * `mev ingest FILE...`: the pipeline, written once, as numbered steps.
 *   1. detect each file (encoding, delimiter, header, entity) — a bad file fails the call here;
 *   2. stage each file into a TEMP table, parsed and checked row by row, identifiers removed;
 *   3. open one transaction; in load order (parents first) for each file:
 *      resolve duplicate keys and references, map vocabularies, upsert, record rejected rows;
 *   4. log each file in ingest_log; with --strict, any rejected row rolls everything back;
 *   5. commit, and summarise per file on stderr.
 * A failure anywhere leaves the database as it was (a database created by the call is removed).
 */
import { existsSync, rmSync } from 'node:fs';
import { DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import { entity as entitySpec, LOAD_ORDER, type EntityName } from '../../schemas/entities.js';
import type { Project } from '../config.js';
import { Database, ident, literal } from '../db.js';
import { ensureSchema, metaValue, setMeta } from '../ddl.js';
import { UserError } from '../errors.js';
import { keyPath, loadOrCreateKey, pseudonym, type Key } from '../key.js';
import * as msg from '../messages.js';
import { formatNumber } from '../format/locale.js';
import { normaliseName } from '../normalise.js';
import { SILENT, type Progress } from '../progress.js';
import { redactText } from '../privacy.js';
import { toolVersion } from '../package.js';
import { detectFile, type DetectedFile } from './detect.js';
import { loadMapping, type Mapping } from './mapping.js';
import { applyBadRows, createBadTable, danglingReferences, markDuplicateKeys, markUnknownReferences, type DanglingReference, type StagedFile } from './resolve.js';
import { sha256File, withUtf8Source } from './source.js';
import { readCsvSql, stageSql, type StageContext, type StagedColumn } from './stage.js';
import { buildValueMaps, recordRejected, storedFileName, upsert } from './write.js';

export interface IngestOptions {
  files: string[];
  dbPath: string;
  project: Project;
  as?: string;
  mapping?: string;
  strict?: boolean;
  replace?: string[];
  quiet?: boolean;
}

export interface IngestEffects {
  /** The day of the ingest (ISO date, local time). */
  today(): string;
  now(): Date;
  stderr(line: string): void;
  env: NodeJS.ProcessEnv;
  /** The progress line (phase, rows) on a terminal; silent by default. */
  progress?: Progress;
}

export const defaultIngestEffects: IngestEffects = {
  today: () => localIsoDate(new Date()),
  now: () => new Date(),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

export function localIsoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface FileResult {
  file: string;
  entity: EntityName;
  sha256: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  redactedRows: number;
  hashedRows: number;
  replaced: number | null;
  problems: { line: number; column: string | null; reason: string }[];
  unclassified: Map<string, string[]>;
  droppedColumns: string[];
  ignoredColumns: string[];
}

export interface IngestResult {
  ingestId: number;
  files: FileResult[];
  /** After --replace: rows of other tables whose reference names a code no longer present. */
  dangling: DanglingReference[];
}

interface Prepared {
  detected: DetectedFile;
  staged: StagedFile;
  sha256: Promise<string>;
}

export async function ingest(options: IngestOptions, effects: IngestEffects = defaultIngestEffects): Promise<IngestResult> {
  const mapping = options.mapping ? loadMapping(options.mapping) : undefined;
  const replace = new Set((options.replace ?? []).map((r) => normaliseName(r)));
  for (const r of replace) if (!LOAD_ORDER.includes(r as EntityName)) throw new UserError(msg.unknownEntity(r, LOAD_ORDER));

  // 1. Detect every file before touching the database.
  const detected = options.files.map((file) => detectFile(file, mapping, options.as));
  for (const r of replace) if (!detected.some((d) => d.entity === r)) throw new UserError(msg.replaceNotInCall(r));
  const ordered = detected
    .map((d, i) => ({ d, i }))
    .sort((a, b) => LOAD_ORDER.indexOf(a.d.entity) - LOAD_ORDER.indexOf(b.d.entity) || a.i - b.i)
    .map(({ d }) => d);

  const isNew = !existsSync(options.dbPath);
  const kPath = keyPath(options.dbPath, effects.env);
  let key: Key | undefined;
  let db: Database | undefined;
  let committed = false;
  try {
    db = await Database.open(options.dbPath);
    key = loadOrCreateKey(kPath);
    await checkKey(db, key, kPath);
    registerPseudonym(db, key.bytes);
    const ctx = stageContext(options.project, effects.today());
    const progress = effects.progress ?? SILENT;

    // 2. Stage every file (TEMP tables only).
    const prepared: Prepared[] = [];
    for (const [index, d] of ordered.entries()) {
      progress.phase(msg.progressReading(storedFileName(d.file)));
      prepared.push(await stage(db, d, index, ctx));
    }

    // 3–4. One transaction for every write.
    const result = await db.transaction(async () => {
      await ensureSchema(db!, options.project);
      await setMeta(db!, 'key_fingerprint', key!.fingerprint);
      const ingestId = Number(await db!.value('SELECT coalesce(max(ingest_id), 0) + 1 FROM ingest_log'));
      const startedAt = effects.now();
      const replacedDone = new Set<string>();
      const files: FileResult[] = [];
      for (const p of prepared) {
        let replaced: number | null = null;
        if (replace.has(p.staged.spec.name) && !replacedDone.has(p.staged.spec.name)) {
          replaced = await db!.changes(`DELETE FROM ${ident(p.staged.spec.name)}`);
          replacedDone.add(p.staged.spec.name);
        }
        const rows = Number(await db!.value(`SELECT count(*) FROM ${ident(p.staged.table)}`));
        progress.phase(msg.progressWriting(storedFileName(p.detected.file), formatNumber(rows, 'it')));
        files.push(await writeFile(db!, p, rows, ingestId, options.project, mapping, replaced, startedAt, effects));
      }
      const rejected = files.reduce((n, f) => n + f.rejectedRows, 0);
      if (options.strict && rejected > 0) throw new UserError(msg.strictRejected(rejected));
      const dangling = await danglingReferences(db!, replacedDone);
      progress.phase(msg.progressSaving());
      return { ingestId, files, dangling };
    });
    committed = true;
    await db.run('CHECKPOINT');
    progress.done();
    if (!options.quiet) {
      for (const f of result.files) summarise(f, effects);
      for (const d of result.dangling) effects.stderr(msg.danglingAfterReplace(d.entity, d.rows));
    }
    return result;
  } catch (error) {
    db?.close();
    db = undefined;
    if (isNew) for (const f of [options.dbPath, `${options.dbPath}.wal`]) rmSync(f, { force: true });
    // A key this call created serves only what it committed: a refused call (e.g. the original key
    // missing) must not leave a new key where the original has to be put back (review: robustness corpus).
    if (key?.created && (isNew || !committed)) rmSync(kPath, { force: true });
    throw mapDuckDbError(error);
  } finally {
    db?.close();
  }
}

function stageContext(project: Project, today: string): StageContext {
  const i = project.instrument.scale;
  const f = project.factors.scale;
  return { today, scales: { instrument: [i.min, i.max], livello: [0, 5], partner_rating: [1, 4], collaboration: [f.min, f.max] } };
}

/** A database that holds hashed codes must keep its key. */
async function checkKey(db: Database, key: Key, path: string): Promise<void> {
  const initialised = Number(await db.value(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mev_meta'`)) > 0;
  if (!initialised) return;
  const stored = await metaValue(db, 'key_fingerprint');
  if (!stored || stored === key.fingerprint) return;
  const hashed = Number(await db.value(`SELECT coalesce(sum(codes_hashed), 0) FROM ingest_log`));
  if (hashed > 0) throw new UserError(msg.keyMismatch(path));
}

function registerPseudonym(db: Database, key: Buffer): void {
  db.connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'mev_pseudonym',
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const vector = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const value = vector.getItem(i);
          output.setItem(i, value === null ? null : pseudonym(key, String(value)));
        }
        output.flush();
      },
    }),
  );
}

async function stage(db: Database, detected: DetectedFile, index: number, ctx: StageContext): Promise<Prepared> {
  const spec = entitySpec(detected.entity);
  const table = `mev_stage_${index}`;
  const rejectsTable = `mev_rejects_${index}`;
  const sha256 = sha256File(detected.file);
  sha256.catch(() => undefined);
  const build = async (path: string) => {
    const built = stageSql(table, readCsvSql(path, detected, rejectsTable, `mev_rejscan_${index}`), detected, spec, ctx);
    await db.run(built.sql);
    return built;
  };
  let columns: StagedColumn[];
  try {
    ({ columns } = await withUtf8Source(detected, build));
  } catch (error) {
    // Mixed line ends (CRLF and LF) stop DuckDB's reader: read again with every line end made LF
    // (review: robustness corpus, test/robustness/corpus.test.ts).
    if (!isCsvStateError(error)) throw error;
    for (const t of [rejectsTable, `mev_rejscan_${index}`]) await db.run(`DROP TABLE IF EXISTS ${ident(t)}`);
    try {
      ({ columns } = await withUtf8Source(detected, build, { normaliseNewlines: true }));
    } catch (again) {
      if (isCsvStateError(again)) throw new UserError(msg.fileUnreadable(detected.file, 'struttura CSV non valida'));
      throw again;
    }
  }
  const unterminated = await db.one<{ line: number }>(`SELECT min(line) AS line FROM ${ident(rejectsTable)} WHERE error_type = 'UNQUOTED VALUE' HAVING count(*) > 0`);
  if (unterminated) throw new UserError(msg.fileUnterminatedQuote(detected.file, unterminated.line));
  return { detected, staged: { index, table, rejectsTable, badTable: `mev_bad_${index}`, spec, columns }, sha256 };
}

async function writeFile(
  db: Database,
  p: Prepared,
  /** The rows of the staged table (counted once, for the progress line and the summary). */
  stagedRows: number,
  ingestId: number,
  project: Project,
  mapping: Mapping | undefined,
  replaced: number | null,
  startedAt: Date,
  effects: IngestEffects,
): Promise<FileResult> {
  const { staged, detected } = p;
  await createBadTable(db, staged);
  await markDuplicateKeys(db, staged);
  await markUnknownReferences(db, staged);
  await applyBadRows(db, staged);
  const maps = await buildValueMaps(db, staged, project, mapping);
  const empty = Number(await db.value(`SELECT count(*) FROM (SELECT 1 FROM ${ident(staged.spec.name)} LIMIT 1)`)) === 0;
  const counts = await upsert(db, staged, maps, empty);
  // Lines the CSV reader rejects show only kept columns: identifier, birth-date and ignored columns
  // (free text such as notes, where names cannot be recognised) never reach raw_line (review: robustness privacy).
  const hiddenPositions = detected.columns.filter((c) => c.role !== 'keep').map((c) => c.index);
  await recordRejected(db, staged, detected, maps, ingestId, hiddenPositions);

  const stats = (await db.one<Record<string, number>>(`SELECT
  (SELECT count(DISTINCT line) FROM ${ident(staged.rejectsTable)}) AS csv_rejected,
  (SELECT count(DISTINCT line) FROM rejected_rows WHERE ingest_id = ${ingestId} AND file = ${literal(storedFileName(detected.file))}
     AND entity = ${literal(detected.entity)} AND reason_code = 'identifier_redacted') AS redacted,
  (SELECT count(*) FROM ${ident(staged.table)} WHERE __hashed) AS hashed`))!;
  const rejectedRows = Number(
    await db.value(`SELECT count(DISTINCT line) FROM rejected_rows WHERE ingest_id = ? AND file = ? AND entity = ? AND reason_code <> 'identifier_redacted'`, [ingestId, storedFileName(detected.file), detected.entity]),
  );
  const problems = await db.all<{ line: number; column: string | null; reason: string }>(
    `SELECT line, column_name AS column, reason FROM rejected_rows WHERE ingest_id = ? AND file = ? AND entity = ? ORDER BY line, column_name`,
    [ingestId, storedFileName(detected.file), detected.entity],
  );
  const result: FileResult = {
    file: detected.file,
    entity: detected.entity,
    sha256: await p.sha256,
    read: stagedRows + Number(stats['csv_rejected']),
    ...counts,
    rejectedRows,
    redactedRows: Number(stats['redacted']),
    hashedRows: Number(stats['hashed']),
    replaced,
    problems,
    unclassified: maps.unclassified,
    // Header names are stored in ingest_log and printed: identifier-shaped text in them (an e-mail,
    // a phone number in a column title) is redacted (review: robustness privacy).
    droppedColumns: detected.columns.filter((c) => c.role === 'identifier').map((c) => redactText(c.header)),
    ignoredColumns: detected.columns.filter((c) => c.role === 'ignored').map((c) => redactText(c.header) || '(senza nome)'),
  };
  await db.run(
    `INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${listSql(result.droppedColumns)}, ${listSql(result.ignoredColumns)}, ?::TIMESTAMP, ?::TIMESTAMP, ?)`,
    [
      ingestId, storedFileName(detected.file), result.sha256, detected.entity, detected.encoding, detected.delimiter,
      result.read, result.inserted, result.updated, result.unchanged, result.rejectedRows, result.redactedRows, result.hashedRows,
      replaced !== null, isoTimestamp(startedAt), isoTimestamp(effects.now()), toolVersion(),
    ],
  );
  return result;
}

function listSql(items: string[]): string {
  return `CAST([${items.map(literal).join(', ')}] AS VARCHAR[])`;
}

function isoTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function summarise(f: FileResult, effects: IngestEffects): void {
  effects.stderr(msg.summaryLine({ file: f.file, entity: f.entity, read: f.read, inserted: f.inserted, updated: f.updated, unchanged: f.unchanged, rejectedRows: f.rejectedRows }));
  if (f.replaced !== null) effects.stderr(msg.replaced(f.entity, f.replaced));
  if (f.droppedColumns.length) effects.stderr(msg.droppedIdentifierColumns(f.droppedColumns));
  if (f.ignoredColumns.length) effects.stderr(msg.ignoredColumns(f.ignoredColumns));
  if (f.hashedRows) effects.stderr(msg.hashedCodes(f.hashedRows));
  if (f.redactedRows) effects.stderr(msg.redactedValues(f.redactedRows));
  for (const [column, values] of f.unclassified) effects.stderr(msg.unclassifiedValues(column, values));
  for (const p of f.problems.slice(0, 5)) effects.stderr(msg.summaryReason(p.line, p.column, p.reason));
  if (f.problems.length > 5) effects.stderr(msg.summaryMoreReasons(f.problems.length - 5));
}

function isCsvStateError(error: unknown): boolean {
  return error instanceof Error && /CSV Parser state machine reached an invalid state/.test(error.message);
}

function mapDuckDbError(error: unknown): unknown {
  if (error instanceof UserError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/Out of Memory|could not allocate/i.test(text)) return new UserError(msg.outOfMemory(text));
  return error;
}

