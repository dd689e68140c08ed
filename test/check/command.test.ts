import { afterEach, describe, expect, it } from 'vitest';
import type { CliEffects } from '../../cli.js';
import { CHECKS } from '../../src/check/checks.js';
import { runCheck } from '../../src/commands/check.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { loadRows } from '../../src/indicators/example.js';
import { csv, mev, testDir, type TestDir } from '../helpers.js';
import { clean } from './clean.js';
import { defaultProject, type Given } from './harness.js';

const dirs: TestDir[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function effects(t: TestDir): CliEffects & { out: () => string } {
  let stdout = '';
  return { stdout: (s) => (stdout += s), stderr: () => undefined, env: {}, cwd: t.dir, out: () => stdout };
}

async function check(t: TestDir, format: 'table' | 'json'): Promise<string> {
  const e = effects(t);
  await runCheck({ db: t.db, format }, e);
  return e.out();
}

/** A database file holding the given rows. */
async function dbWith(given: Given): Promise<TestDir> {
  const t = testDir();
  dirs.push(t);
  const db = await Database.open(t.db);
  try {
    await ensureSchema(db, defaultProject);
    await loadRows(db, given);
  } finally {
    db.close();
  }
  return t;
}

describe('commands/check', () => {
  it('checks an ingested database: JSON with every check in order, rejected lines as file:line', async () => {
    const t = testDir({
      'alloggi.csv': csv([['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'], ['A1', 'Monza', 'Monza', 2, '01/01/2024']]),
      'ospitalita.csv': csv([
        ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita'],
        ['C1', 'P1', 'A1', 2, '01/02/2024', ''],
        ['C2', 'P2', 'A1', 1, '10/02/2024', '20/02/2024'], // 2 + 1 places on 10–19 Feb in a unit of 2
        ['C3', 'P3', 'A1', 1, '31/02/2024', ''], // no such date: rejected (line 4)
      ]),
    });
    dirs.push(t);
    const ingest = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db, '--quiet']);
    expect(ingest.code).toBe(0);
    const json = JSON.parse(await check(t, 'json'));
    expect(Object.keys(json)).toEqual(['as_of', 'checks']);
    expect(json.as_of).toBe('2024-02-20');
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(Object.keys(json.checks[0])).toEqual(['id', 'label', 'label_en', 'severity', 'key', 'count', 'keys', 'details']);
    const byId = (id: string) => json.checks.find((c: { id: string }) => c.id === id);
    expect(byId('rejected_rows')).toMatchObject({ count: 1, keys: ['ospitalita.csv:4'] });
    expect(byId('rejected_rows').details[0]).toMatchObject({ codice_motivo: 'invalid_date', colonna: 'data_ingresso', righe: 1 });
    expect(byId('over_capacity')).toMatchObject({ count: 1, keys: ['A1'] });
    expect(byId('over_capacity').details[0]).toMatchObject({ dal: '2024-02-10', al: '2024-02-19', posti: 2, occupati_max: 3 });

    const table = await check(t, 'table');
    expect(table).toContain('Controlli sulla qualità dei dati (dati al 20/02/2024)');
    expect(table).toMatch(/Righe scartate al caricamento\s+errore\s+1\s+riga/);
    expect(table).toMatch(/Più posti occupati che posti disponibili\s+errore\s+1\s+alloggio/);
    expect(table).toContain('  ospitalita.csv:4');
    expect(table).toContain('7. Più posti occupati che posti disponibili: 1 alloggio (codice_alloggio)');
    expect(table).toMatch(/A1\s+10\/02\/2024\s+19\/02\/2024\s+2\s+3/);
  });

  it('the table lists at most 50 keys per check, the JSON all of them', async () => {
    const requests = Array.from({ length: 60 }, (_, i) => ({
      codice_segnalazione: `R${String(i + 1).padStart(2, '0')}`, data_segnalazione: '2024-01-01', esito: 'accolta',
    }));
    const t = await dbWith({ segnalazioni: requests });
    const json = JSON.parse(await check(t, 'json'));
    const accepted = json.checks.find((c: { id: string }) => c.id === 'accepted_without_date');
    expect(accepted.count).toBe(60);
    expect(accepted.keys).toHaveLength(60);
    const table = await check(t, 'table');
    expect(table).toContain('R50');
    expect(table).not.toContain('R51');
    expect(table).toContain('… e altre 10 chiavi (elenco completo con --format json)');
  });

  it('a clean database: every check at 0 and one line saying so', async () => {
    const t = await dbWith(clean);
    const table = await check(t, 'table');
    expect(table).toContain('Nessun problema trovato.');
    expect(table.match(/^\s*\d+\.\s.*\s0\s*\S*$/gm)).toHaveLength(CHECKS.length);
    // The one section shown is none: missing values of needed columns are all 0, optional ones are listed.
    expect(table).toContain('Valori mancanti per colonna: 0 colonne');
  });

  it('a missing database is a user error', async () => {
    const t = testDir();
    dirs.push(t);
    await expect(runCheck({ db: t.path('nessuno.duckdb'), format: 'table' }, effects(t))).rejects.toThrow(/non trovato/);
  });
});
