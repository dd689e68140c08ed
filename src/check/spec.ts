/**
 * The shape every data-quality check shares: what it is called, how grave it is, what one key
 * names, and the SQL of its findings. Checks are data (one entry each in checks.ts), so adding
 * one is adding an entry; src/check/index.ts runs them all the same way.
 */
import type { ColumnSpec, EntitySpec } from '../../schemas/entities.js';
import type { Project } from '../config.js';
import { ident, literal, type Row } from '../db.js';
import type { TableColumn } from '../format/table.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export interface CheckContext {
  project: Project;
  /** The date the data describe (ISO). */
  asOf: string;
}

export interface CheckSpec {
  /** Stable English snake_case id. */
  id: string;
  label: { it: string; en: string };
  severity: Severity;
  /** What one key names, e.g. `codice_caso` or `file:riga` (the JSON `key` field). */
  key: string;
  /** What `count` counts: singular and plural, Italian and English. */
  noun: { it: [string, string]; en: [string, string] };
  /**
   * One row per offending record, ordered as the keys should be listed, with its key in a
   * `chiave` column (text) and whatever else explains it. Reads the base relations of
   * src/indicators/base.ts (stays, paths, followups, …) and the raw tables.
   */
  findings(ctx: CheckContext): string;
  /** ORDER BY of the findings (over their columns): the order of keys and details, total for stable output. */
  order: string;
  /** Grouped details that replace the finding rows in the output (e.g. rejected rows by file and reason). */
  summary?(ctx: CheckContext): string;
  /** Detail columns shown by the table output; without them it lists the keys only. */
  table?: TableColumn[];
  /** Which detail rows the table output shows (default all). */
  tableRows?(row: Row): boolean;
}

/** An entity's key as one text, columns joined by `|` (dates in ISO). */
export function keySql(entity: EntitySpec, alias = ''): string {
  const parts = entity.key.map((k) => `CAST(${alias ? `${alias}.` : ''}${ident(k)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0]! : `concat_ws('|', ${parts.join(', ')})`;
}

/** `entity:key`, for checks that span several tables. */
export function tableKeySql(entity: EntitySpec, alias = ''): string {
  return `${literal(`${entity.name}:`)} || ${keySql(entity, alias)}`;
}

export const columnsOfType = (entity: EntitySpec, type: ColumnSpec['type']) => entity.columns.filter((c) => c.type === type);

/** A list of text values as a SQL relation with one column `v` (never empty, so `IN` stays valid). */
export function valuesSql(values: readonly string[]): string {
  const rows = values.length ? values.map((v) => `(${literal(v)})`).join(', ') : '(NULL)';
  return `(SELECT * FROM (VALUES ${rows}) t(v))`;
}
