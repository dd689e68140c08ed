/**
 * Paths from stays (src/paths.ts): a path of one stay is that stay's row, and only paths of several
 * stays are aggregated. Both branches must give what the aggregation alone gives, on hand-made
 * cases (an open stay that already carries exit values, a transfer) and on random stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { Database, plainValue, type Row } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { loadRows } from '../../src/indicators/example.js';
import { pathsFromStaysSql, pathStaysSql } from '../../src/paths.js';
import { mulberry32 } from '../../src/random.js';
import { stay, unit } from './harness.js';

const project = loadProject(null);
let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await ensureSchema(db, project);
});
afterAll(() => db.close());

/** The paths twice: as built (one-stay paths taken as they are) and with every path aggregated. */
async function bothWays(asOf: string | null): Promise<{ built: Row[]; aggregated: Row[] }> {
  await db.run(`CREATE OR REPLACE TEMP TABLE path_stays AS ${pathStaysSql({ asOf, gapDays: 14 })}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE every_path_aggregated AS SELECT * REPLACE (false AS permanenza_unica) FROM path_stays`);
  const read = async (relation: string) =>
    (await db.all(`SELECT * FROM (${pathsFromStaysSql(relation, { sides: ['codice_alloggio'] })}) ORDER BY codice_percorso`)).map((r) => plainValue(r) as Row);
  return { built: await read('path_stays'), aggregated: await read('every_path_aggregated') };
}

async function reload(stays: Record<string, unknown>[]): Promise<void> {
  await db.run('DELETE FROM ospitalita');
  await db.run('DELETE FROM alloggi');
  await loadRows(db, { alloggi: [unit('A1', 4, '2020-01-01'), unit('A2', 4, '2020-01-01')], ospitalita: stays });
}

describe('paths of one stay and of several', () => {
  it('takes a one-stay path as its stay, with exit values only once it has exited', async () => {
    // P1: one stay, still open, but the export already carries a destination and a reason (dirty
    // data): the path is open, its exit side empty. P2: one stay, exited. P3: a transfer A1 → A2
    // 5 days apart (≤ 14): one path of two stays, exit values from the second.
    await reload([
      stay('C1', 'P1', 'A1', '2024-01-10', null, { destinazione_uscita: 'erp', motivo_uscita: 'abbandono', reddito_uscita: 500 }),
      stay('C2', 'P2', 'A1', '2024-02-01', '2024-05-31', { destinazione_uscita: 'famiglia', motivo_uscita: 'conclusione_progetto', reddito_ingresso: 100, reddito_uscita: 400 }),
      stay('C3', 'P3', 'A1', '2024-01-01', '2024-03-01', { destinazione_uscita: 'trasferimento_interno' }),
      stay('C4', 'P3', 'A2', '2024-03-06', '2024-06-30', { destinazione_uscita: 'affitto_autonomo', motivo_uscita: 'conclusione_progetto' }),
    ]);
    const { built, aggregated } = await bothWays(null);
    expect(built).toEqual(aggregated);
    expect(built.map((p) => [p['codice_percorso'], p['n_permanenze'], p['aperto'], p['giorni'], p['destinazione_uscita'], p['motivo_uscita'], p['reddito_uscita']])).toEqual([
      ['P1#1', 1, true, null, null, null, null],
      ['P2#1', 1, false, 120, 'famiglia', 'conclusione_progetto', 400],
      ['P3#1', 2, false, 181, 'affitto_autonomo', 'conclusione_progetto', null],
    ]);
    expect(built[2]).toMatchObject({ casi: ['C3', 'C4'], primo_caso: 'C3', ultimo_caso: 'C4', codice_alloggio_ingresso: 'A1', codice_alloggio_uscita: 'A2' });
    // As of 31/03/2024 P2 has not exited yet, and P3 is in its second stay: both open.
    const asOf = await bothWays('2024-03-31');
    expect(asOf.built).toEqual(asOf.aggregated);
    expect(asOf.built.map((p) => [p['codice_percorso'], p['aperto'], p['destinazione_uscita']])).toEqual([
      ['P1#1', true, null],
      ['P2#1', true, null],
      ['P3#1', true, null],
    ]);
  });

  it('gives what the aggregation alone gives on random stays (gaps, overlaps, open stays, ties)', async () => {
    const rng = mulberry32(20261125);
    const pick = <T>(items: T[]) => items[Math.floor(rng() * items.length)]!;
    const day = (offset: number) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    const stays: Record<string, unknown>[] = [];
    for (let person = 1; person <= 150; person++) {
      let start = Math.floor(rng() * 400);
      const count = pick([1, 1, 1, 2, 3, 4]);
      for (let k = 0; k < count; k++) {
        const length = Math.floor(rng() * 200);
        const open = rng() < 0.15;
        stays.push(
          stay(`C${person}-${k}`, `P${person}`, pick(['A1', 'A2']), day(start), open ? null : day(start + length), {
            destinazione_uscita: pick([null, 'erp', 'famiglia', 'trasferimento_interno']),
            motivo_uscita: pick([null, 'abbandono', 'conclusione_progetto']),
            reddito_ingresso: pick([null, 100, 250.5]),
            reddito_uscita: pick([null, 0, 300]),
            target: pick([null, 'madre_con_figli', 'vittima_violenza']),
          }),
        );
        // The next stay: a transfer within 14 days, an overlap, the same day, or a later return.
        start += length + pick([-30, 0, 3, 14, 15, 90]);
      }
    }
    await reload(stays);
    for (const asOf of [null, '2023-06-30', '2024-03-31']) {
      const { built, aggregated } = await bothWays(asOf);
      expect(built.length).toBeGreaterThan(50);
      expect(built.some((p) => p['n_permanenze'] === 1) && built.some((p) => Number(p['n_permanenze']) > 1)).toBe(true);
      expect(built).toEqual(aggregated);
    }
  });
});
