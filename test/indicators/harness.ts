/**
 * Indicator tests: a small network given as rows, loaded into a fresh in-memory database, and the
 * catalogue computed on it. `value(result, id, group)` picks one value.
 */
import { loadProject, type Project } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { loadRows } from '../../src/indicators/example.js';
import { computeCatalogue, type CatalogueOptions, type CatalogueResult } from '../../src/indicators/index.js';
import type { IndicatorValue } from '../../src/indicators/run.js';

export type Given = Record<string, Record<string, unknown>[]>;

export const defaultProject: Project = loadProject(null);

export async function catalogue(given: Given, options: CatalogueOptions, project: Project = defaultProject): Promise<CatalogueResult> {
  const db = await Database.open(':memory:');
  try {
    await ensureSchema(db, project);
    await loadRows(db, given);
    return await computeCatalogue(db, project, options);
  } finally {
    db.close();
  }
}

export function value(result: CatalogueResult, id: string, group: Record<string, string> = {}): IndicatorValue {
  const key = JSON.stringify(Object.entries(group).sort());
  const found = result.values.find((v) => v.id === id && JSON.stringify(Object.entries(v.group).sort()) === key);
  if (!found) throw new Error(`no value for ${id} ${JSON.stringify(group)}; have: ${result.values.filter((v) => v.id === id).map((v) => JSON.stringify(v.group)).join(' ')}`);
  return found;
}

/** Shorthand rows: a unit, a stay. */
export const unit = (code: string, posti: number, data_apertura: string, extra: Record<string, unknown> = {}) => ({
  codice_alloggio: code, ambito: 'Monza', comune: 'Monza', posti, data_apertura, ...extra,
});
export const stay = (caso: string, persona: string, alloggio: string, data_ingresso: string, data_uscita: string | null = null, extra: Record<string, unknown> = {}) => ({
  codice_caso: caso, codice_persona: persona, codice_alloggio: alloggio, posti_occupati: 1, data_ingresso, data_uscita, ...extra,
});
