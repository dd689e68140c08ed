/**
 * Runs the given/expect example of an indicator file on a fresh in-memory database, so every
 * indicator file carries a small test of its own (test/indicators/examples.test.ts runs them all).
 */
import type { Project } from '../config.js';
import { Database, ident, literal } from '../db.js';
import { ensureSchema } from '../ddl.js';
import { computeCatalogue } from './index.js';
import type { IndicatorValue } from './run.js';
import type { IndicatorSpec } from './spec.js';

/** Loads rows given as objects into the tables of an empty database. */
export async function loadRows(db: Database, tables: Record<string, Record<string, unknown>[]>): Promise<void> {
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows) {
      const columns = Object.keys(row);
      const values = columns.map((c) => sqlValue(row[c]));
      await db.run(`INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES (${values.join(', ')})`);
    }
  }
}

function sqlValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return literal(v.toISOString().slice(0, 10));
  if (Array.isArray(v)) return `[${v.map(sqlValue).join(', ')}]`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return literal(String(v));
}

export async function runExample(spec: IndicatorSpec, project: Project): Promise<IndicatorValue[]> {
  const db = await Database.open(':memory:');
  try {
    await ensureSchema(db, project);
    await loadRows(db, spec.example.given);
    const result = await computeCatalogue(db, project, {
      from: spec.example.period.from,
      to: spec.example.period.to,
      asOf: spec.example.as_of,
      by: spec.example.by,
      ids: [spec.id],
    });
    return result.values;
  } finally {
    db.close();
  }
}
