/**
 * Where a report comes from (§5 "Every report states its provenance"): the input files with
 * their sha256 (ingest_log), a fingerprint of the data and of the configuration, as_of, the tool
 * version and when it was generated.
 *
 * The data fingerprint is the sha256 of the ingest history (every file's sha256, entity and row
 * counts, in load order) and of the row count of each table: the database content is a function
 * of that history, and it costs nothing, where hashing every row would take seconds at a million
 * stays.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Project } from '../config.js';
import { ident, type Database } from '../db.js';

export interface InputFile {
  ingest: number;
  file: string;
  entity: string;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export interface Provenance {
  inputs: InputFile[];
  tables: { table: string; rows: number }[];
  dataFingerprint: string;
  configFile: string | null;
  configFingerprint: string;
  asOf: string;
  toolVersion: string;
  /** ISO timestamp (UTC). */
  generatedAt: string;
}

export const DATA_TABLES = ['alloggi', 'ospitalita', 'valutazioni', 'followup', 'segnalazioni', 'enti', 'rete', 'collaborazione'] as const;

export async function provenance(db: Database, project: Project, asOf: string, toolVersion: string, now: Date): Promise<Provenance> {
  const log = await db.all(
    `SELECT ingest_id, file, entity, sha256, rows_read, rows_inserted, rows_updated, rows_unchanged, rows_rejected, replaced
     FROM ingest_log ORDER BY ingest_id, file, entity`,
  );
  const inputs: InputFile[] = log.map((r) => ({
    ingest: Number(r['ingest_id']),
    file: basename(String(r['file'])),
    entity: String(r['entity']),
    sha256: String(r['sha256']),
    rowsRead: Number(r['rows_read']),
    rowsLoaded: Number(r['rows_inserted']) + Number(r['rows_updated']) + Number(r['rows_unchanged']),
    rowsRejected: Number(r['rows_rejected']),
  }));
  const counts = await db.one(`SELECT ${DATA_TABLES.map((t) => `(SELECT count(*) FROM ${ident(t)}) AS ${ident(t)}`).join(', ')}`);
  const tables = DATA_TABLES.map((table) => ({ table, rows: Number(counts?.[table] ?? 0) }));
  const hash = createHash('sha256');
  for (const r of log) hash.update(JSON.stringify([r['ingest_id'], r['file'], r['entity'], r['sha256'], r['rows_inserted'], r['rows_updated'], r['rows_rejected'], r['replaced']]) + '\n');
  for (const t of tables) hash.update(`${t.table}:${t.rows}\n`);
  return {
    inputs,
    tables,
    dataFingerprint: hash.digest('hex'),
    configFile: project.path ? basename(project.path) : null,
    configFingerprint: project.fingerprint,
    asOf,
    toolVersion,
    generatedAt: now.toISOString(),
  };
}
