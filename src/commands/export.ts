/**
 * `mev export --out DIR [--format parquet|arrow|csv]`: every table and view of the database
 * (entities, rejected_rows, ingest_log, percorsi, vocabolari, territorio; not mev_meta, which only
 * describes the file itself) to DIR/<name>.<ext>.
 *
 * - parquet: written by DuckDB's COPY, untouched (so the database is opened read-only but not
 *   locked: COPY is external access).
 * - arrow: Arrow IPC file format (`.arrow`, readable as Feather v2), see export-arrow.ts.
 * - csv: for Excel set to Italian (format/csv.ts 'excel-it'): BOM, `;`, decimal comma, formula-like
 *   text neutralised, numbers and dates keep their type.
 *
 * DIR is created when missing; files of the same name are replaced (an export is a snapshot of
 * the database), other files in DIR are left alone. Each file is written beside its final name
 * and renamed when complete, so an interrupted export never leaves a half file under a real name.
 * Files are created with mode 0600 like the database they come from.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliEffects } from '../../cli.js';
import { Database, ident, literal, resolveDbPath } from '../db.js';
import { UserError } from '../errors.js';
import { csvChunks } from '../format/csv.js';
import { formatNumber } from '../format/locale.js';
import * as msg from '../messages.js';
import { listRelations, type Relation } from './catalog.js';
import { writeArrowFile } from './export-arrow.js';
import { convertRow, csvColumns, resultColumns } from './result-columns.js';

export type ExportFormat = 'parquet' | 'arrow' | 'csv';

export interface ExportOptions {
  db?: string;
  out: string;
  format: ExportFormat;
}

/** Relations that are not data: the file's own metadata. */
export const NOT_EXPORTED = new Set(['mev_meta']);

export const EXTENSIONS: Record<ExportFormat, string> = { parquet: 'parquet', arrow: 'arrow', csv: 'csv' };

export interface ExportedFile {
  name: string;
  file: string;
  rows: number;
}

export async function runExport(opts: ExportOptions, effects: CliEffects): Promise<ExportedFile[]> {
  const dir = resolve(effects.cwd, opts.out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(msg.exportOutNotDirectory(opts.out));
  const db = await Database.open(resolve(effects.cwd, resolveDbPath(opts.db, effects.env)), { readOnly: true });
  const previousUmask = process.umask(0o077);
  try {
    const relations = (await listRelations(db)).filter((r) => !NOT_EXPORTED.has(r.name));
    mkdirOrFail(dir);
    const written: ExportedFile[] = [];
    for (const relation of relations) {
      const file = join(dir, `${relation.name}.${EXTENSIONS[opts.format]}`);
      const rows = await writeAtomically(file, (partial) => WRITERS[opts.format](db, relation, partial));
      written.push({ name: relation.name, file, rows });
      effects.stderr(`${msg.exportWrote(file, formatNumber(rows, 'it'), rows)}\n`);
    }
    effects.stderr(`${msg.exportDone(dir, written.length, opts.format)}\n`);
    return written;
  } finally {
    process.umask(previousUmask);
    db.close();
  }
}

type Writer = (db: Database, relation: Relation, file: string) => Promise<number>;

const WRITERS: Record<ExportFormat, Writer> = {
  parquet: (db, relation, file) =>
    db.changes(`COPY (SELECT * FROM ${ident(relation.name)}) TO ${literal(file)} (FORMAT parquet)`),
  arrow: (db, relation, file) => writeArrowFile(db, relation, file),
  csv: writeExcelCsv,
};

async function writeExcelCsv(db: Database, relation: Relation, file: string): Promise<number> {
  const result = await db.connection.stream(`SELECT * FROM ${ident(relation.name)}`);
  const { columns, cells } = csvColumns(resultColumns(result.columnNames(), result.columnTypes()), 'excel-it');
  let rows = 0;
  async function* batches() {
    for await (const chunk of result) {
      rows += chunk.rowCount;
      yield chunk.getRows().map((row) => convertRow(row, cells));
    }
  }
  await pipeline(Readable.from(csvChunks(columns, 'excel-it', batches())), createWriteStream(file));
  return rows;
}

async function writeAtomically(file: string, write: (partial: string) => Promise<number>): Promise<number> {
  const partial = `${file}.parziale`;
  try {
    const rows = await write(partial);
    renameSync(partial, file);
    return rows;
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Node's errno codes, or DuckDB's IO Error from COPY: the place is not writable, or full.
    if (code === 'EACCES' || code === 'ENOSPC' || code === 'EROFS' || code === 'EISDIR' || /^IO Error/.test((error as Error).message)) {
      throw new UserError(msg.exportCannotWrite(file, (error as Error).message));
    }
    throw error;
  }
}

function mkdirOrFail(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError(msg.exportCannotWrite(dir, (error as Error).message));
  }
}
