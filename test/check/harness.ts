/**
 * Check tests: rows given as objects, loaded into a fresh in-memory database with the mev schema,
 * and the checks run on it. `check(report, id)` picks one result.
 */
import { loadProject, type Project } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { runChecks, type CheckOptions, type CheckReport, type CheckResult } from '../../src/check/index.js';
import { loadRows } from '../../src/indicators/example.js';

export type Given = Record<string, Record<string, unknown>[]>;

export const defaultProject: Project = loadProject(null);

export async function checks(given: Given, options: CheckOptions = {}, project: Project = defaultProject): Promise<CheckReport> {
  const db = await Database.open(':memory:');
  try {
    await ensureSchema(db, project);
    await loadRows(db, given);
    return await runChecks(db, project, options);
  } finally {
    db.close();
  }
}

export function check(report: CheckReport, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}; have ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

/** Shorthand rows: a unit, a stay (one place, no exit unless given). */
export const unit = (code: string, posti: number, data_apertura: string, extra: Record<string, unknown> = {}) => ({
  codice_alloggio: code, ambito: 'Monza', comune: 'Monza', posti, data_apertura, ...extra,
});
export const stay = (caso: string, persona: string, alloggio: string, data_ingresso: string, data_uscita: string | null = null, extra: Record<string, unknown> = {}) => ({
  codice_caso: caso, codice_persona: persona, codice_alloggio: alloggio, posti_occupati: 1, data_ingresso, data_uscita, ...extra,
});
