/**
 * Step 4 of ingest, after every file of the call is staged and inside the transaction: the rules
 * that need more than one row — a second row with the same key in one file, and references to
 * units, cases and organisations that exist neither in the database nor in the files of the call
 * (parents are written first, so the tables already hold them).
 */
import { entity as entitySpec, LOAD_ORDER, type EntityName, type EntitySpec } from '../../schemas/entities.js';
import { ident, literal, type Database } from '../db.js';
import type { StagedColumn } from './stage.js';

export interface StagedFile {
  index: number;
  table: string;
  rejectsTable: string;
  badTable: string;
  spec: EntitySpec;
  columns: StagedColumn[];
}

export async function createBadTable(db: Database, staged: StagedFile): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(staged.badTable)} (rid BIGINT, column_name VARCHAR, reason_code VARCHAR, other_rid BIGINT, value VARCHAR)`);
}

/** A second (third, …) row with the key of an earlier row is rejected; the first one stays. */
export async function markDuplicateKeys(db: Database, staged: StagedFile): Promise<void> {
  const present = new Set(staged.columns.map((c) => c.spec.name));
  const key = staged.spec.key.filter((k) => present.has(k)).map(ident);
  if (key.length !== staged.spec.key.length) return;
  const notNull = key.map((k) => `${k} IS NOT NULL`).join(' AND ');
  await db.run(`INSERT INTO ${ident(staged.badTable)}
SELECT s.rowid, ${literal(staged.spec.key[0]!)}, 'duplicate_key', f.first_rid, NULL
FROM ${ident(staged.table)} s JOIN (
  SELECT ${key.join(', ')}, min(rowid) AS first_rid FROM ${ident(staged.table)} WHERE ${notNull}
  GROUP BY ${key.join(', ')} HAVING count(*) > 1
) f ON ${key.map((k) => `s.${k} = f.${k}`).join(' AND ')}
WHERE s.rowid > f.first_rid`);
}

/** References to a parent that is neither in the database nor loaded by this call. */
export async function markUnknownReferences(db: Database, staged: StagedFile): Promise<void> {
  for (const c of staged.columns) {
    const ref = c.spec.references;
    if (!ref) continue;
    await db.run(`INSERT INTO ${ident(staged.badTable)}
SELECT s.rowid, ${literal(c.spec.name)}, 'unknown_reference', NULL, s.${ident(c.spec.name)}
FROM ${ident(staged.table)} s
WHERE s.__errors IS NULL AND ${missingParentSql('s', c.spec.name, ref)}`);
  }
}

export interface DanglingReference {
  entity: EntityName;
  column: string;
  rows: number;
}

/**
 * After --replace: rows of other tables that name a code the replaced table no longer holds (a
 * stay whose unit is gone). They stay, as upsert keeps rows; the summary names them (a stay
 * whose unit is gone also shows in mev check, as nights in a unit without availability).
 */
export async function danglingReferences(db: Database, replaced: ReadonlySet<string>): Promise<DanglingReference[]> {
  const out: DanglingReference[] = [];
  for (const name of LOAD_ORDER) {
    for (const c of entitySpec(name).columns) {
      const ref = c.references;
      if (!ref || !replaced.has(ref.entity)) continue;
      const rows = Number(await db.value(`SELECT count(*) FROM ${ident(name)} c WHERE ${missingParentSql('c', c.name, ref)}`));
      if (rows > 0) out.push({ entity: name, column: c.name, rows });
    }
  }
  return out;
}

/** SQL condition: the row `alias` names, in `column`, a code that the referenced table does not hold. */
function missingParentSql(alias: string, column: string, ref: { entity: string; column: string }): string {
  const value = `${alias}.${ident(column)}`;
  return `${value} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ident(ref.entity)} p WHERE p.${ident(ref.column)} = ${value})`;
}

/** Marks the rows found bad across rows in the staged table, so that loading rows read `__bad IS NULL`. */
export async function applyBadRows(db: Database, staged: StagedFile): Promise<void> {
  await db.run(`UPDATE ${ident(staged.table)} SET __bad = true WHERE rowid IN (SELECT rid FROM ${ident(staged.badTable)})`);
}

/** SQL condition: the staged row loads (no problem of its own, none found across rows). */
export function loadsSql(_staged: StagedFile, alias = 's'): string {
  return `${alias}.__errors IS NULL AND ${alias}.__bad IS NULL`;
}
