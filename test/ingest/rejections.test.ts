import { afterEach, describe, expect, it } from 'vitest';
import { csv, mev, query, testDir, type TestDir } from '../helpers.js';

let t: TestDir;
afterEach(() => t?.cleanup());

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura', 'data_chiusura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023', ''],
  ['A2', 'Desio', 'Desio', 2, '01/01/2023', '31/12/2099'], // a closing date may be in the future
  ['A3', 'Seregno', 'Seregno', 0, '01/01/2023', ''], // line 4: zero places
  ['A4', 'Seregno', 'Seregno', 'tre', '01/01/2023', ''], // line 5: not a number
]);

const STAYS = csv([
  ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita', 'figli', 'reddito_ingresso'],
  ['C1', 'P1', 'A1', 2, '10/01/2024', '15/05/2024', 1, '800'], // line 2: good
  ['', 'P2', 'A1', 1, '10/01/2024', '', '', ''], // line 3: missing codice_caso
  ['C3', 'P3', 'A1', 1, '10/01/2024', '', '', '12a'], // line 4: unparseable number
  ['C4', 'P4', 'A1', 1, '31/02/2024', '', '', ''], // line 5: unparseable date
  ['C5', 'P5', 'A1', 1, '12/03/1899', '', '', ''], // line 6: before 1900
  ['C6', 'P6', 'A1', 1, '12/03/24', '', '', ''], // line 7: two-digit year = year 24
  ['C7', 'P7', 'A1', 1, '12/03/2099', '', '', ''], // line 8: after the day of the ingest
  ['C1', 'P8', 'A1', 1, '10/02/2024', '', '', ''], // line 9: second row with key C1
  ['C9', 'P9', 'A1', 1, '10/02/2024', '01/02/2024', '', ''], // line 10: exit before entry
  ['C10', 'P10', 'A1', 0, '10/02/2024', '', '', ''], // line 11: posti_occupati < 1
  ['C11', 'P11', 'A9', 1, '10/02/2024', '', '', ''], // line 12: unknown unit
  ['C12', 'P12', 'A1', 1, '10/02/2024', '', '1,5', ''], // line 13: fractional children
  ['C13', 'P13', 'A1', 1, '10/02/2024', '12/03/2101', '', ''], // line 14: after 2100
  ['C14', 'P14', 'A1'], // line 15: too few fields
]);

const ASSESSMENTS = csv([
  ['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'],
  ['C1', 'ingresso', '11/01/2024', 'abitare', 2], // good
  ['C1', 'uscita', '15/05/2024', 'abitare', 7], // line 3: outside the 1–5 scale
  ['C99', 'ingresso', '11/01/2024', 'abitare', 2], // line 4: unknown case
  ['C4', 'ingresso', '11/01/2024', 'abitare', 2], // line 5: the case was rejected, so it is unknown
]);

const ORGS = csv([
  ['codice_ente', 'nome', 'tipo', 'ambito', 'ondate'],
  ['E1', 'Comune di Monza', 'Comune', 'Monza', '2024|2025'],
  ['E2', 'CAV Brianza', 'Centro antiviolenza', 'Monza', ''],
]);

const SURVEY = csv([
  ['ondata', 'ente', 'partner', 'livello', 'fiducia_affidabilita'],
  ['2024', 'E1', 'E2', 3, 4], // good
  ['2024', 'E2', 'E2', 3, 4], // line 3: rating of oneself
  ['2024', 'E2', 'E7', 3, 4], // line 4: unknown organisation
  ['2024', 'E2', 'E1', 6, 4], // line 5: level outside 0–5
  ['2024', 'E1', 'E1', 2, ''], // line 6: self again
  ['', 'E2', 'E1', 2, 5], // line 7: no wave, trust item outside 1–4
]);

async function loadAll() {
  t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS, 'valutazioni.csv': ASSESSMENTS, 'enti.csv': ORGS, 'rete.csv': SURVEY });
  const files = ['alloggi.csv', 'ospitalita.csv', 'valutazioni.csv', 'enti.csv', 'rete.csv'].map(t.path);
  return mev(['ingest', ...files, '--db', t.db]);
}

const rejected = (entity: string) =>
  query<{ line: number; column_name: string | null; reason_code: string }>(
    t.db,
    `SELECT line, column_name, reason_code FROM rejected_rows WHERE entity = '${entity}' ORDER BY line, column_name`,
  );

describe('ingest rejections', () => {
  it('loads the good rows, exits 0 and reports every bad row with line, column and reason', async () => {
    const run = await loadAll();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('ospitalita: 14 righe lette, 1 caricate');
    expect(await query(t.db, 'SELECT codice_caso FROM ospitalita')).toEqual([{ codice_caso: 'C1' }]);
  });

  it('rejects units with zero or unreadable places', async () => {
    await loadAll();
    expect(await rejected('alloggi')).toEqual([
      { line: 4, column_name: 'posti', reason_code: 'places_below_one' },
      { line: 5, column_name: 'posti', reason_code: 'invalid_integer' },
    ]);
    expect((await query(t.db, 'SELECT data_chiusura FROM alloggi WHERE codice_alloggio = \'A2\''))[0]!['data_chiusura']).toBe('2099-12-31');
  });

  it('rejects each bad stay for its own reason', async () => {
    await loadAll();
    expect(await rejected('ospitalita')).toEqual([
      { line: 3, column_name: 'codice_caso', reason_code: 'missing_required' },
      { line: 4, column_name: 'reddito_ingresso', reason_code: 'invalid_number' },
      { line: 5, column_name: 'data_ingresso', reason_code: 'invalid_date' },
      { line: 6, column_name: 'data_ingresso', reason_code: 'implausible_date' },
      { line: 7, column_name: 'data_ingresso', reason_code: 'implausible_date' },
      { line: 8, column_name: 'data_ingresso', reason_code: 'future_date' },
      { line: 9, column_name: 'codice_caso', reason_code: 'duplicate_key' },
      { line: 10, column_name: 'data_uscita', reason_code: 'exit_before_entry' },
      { line: 11, column_name: 'posti_occupati', reason_code: 'places_below_one' },
      { line: 12, column_name: 'codice_alloggio', reason_code: 'unknown_reference' },
      { line: 13, column_name: 'figli', reason_code: 'invalid_integer' },
      { line: 14, column_name: 'data_uscita', reason_code: 'implausible_date' },
      { line: 15, column_name: null, reason_code: 'wrong_field_count' },
    ]);
  });

  it('rejects scores outside the scale and references to unknown (or rejected) cases', async () => {
    await loadAll();
    expect(await rejected('valutazioni')).toEqual([
      { line: 3, column_name: 'punteggio', reason_code: 'score_out_of_scale' },
      { line: 4, column_name: 'codice_caso', reason_code: 'unknown_reference' },
      { line: 5, column_name: 'codice_caso', reason_code: 'unknown_reference' },
    ]);
  });

  it('rejects survey ratings of oneself, unknown organisations, missing waves and items outside their scale', async () => {
    await loadAll();
    expect(await rejected('rete')).toEqual([
      { line: 3, column_name: 'partner', reason_code: 'self_rating' },
      { line: 4, column_name: 'partner', reason_code: 'unknown_reference' },
      { line: 5, column_name: 'livello', reason_code: 'score_out_of_scale' },
      { line: 6, column_name: 'partner', reason_code: 'self_rating' },
      { line: 7, column_name: 'fiducia_affidabilita', reason_code: 'score_out_of_scale' },
      { line: 7, column_name: 'ondata', reason_code: 'missing_required' },
    ]);
  });

  it('writes the reason in Italian with the value that was read', async () => {
    await loadAll();
    const rows = await query(t.db, `SELECT reason FROM rejected_rows WHERE entity = 'ospitalita' AND line IN (5, 9) ORDER BY line`);
    expect(rows.map((r) => r['reason'])).toEqual([
      'data non leggibile (attesa gg/mm/aaaa): «31/02/2024»',
      'seconda riga con la stessa chiave nel file (come la riga 2)',
    ]);
  });

  it('records the counts of each file in ingest_log', async () => {
    await loadAll();
    const log = await query(t.db, `SELECT entity, rows_read, rows_inserted, rows_rejected, length(sha256) AS h FROM ingest_log ORDER BY entity`);
    expect(log).toEqual([
      { entity: 'alloggi', rows_read: 4, rows_inserted: 2, rows_rejected: 2, h: 64 },
      { entity: 'enti', rows_read: 2, rows_inserted: 2, rows_rejected: 0, h: 64 },
      { entity: 'ospitalita', rows_read: 14, rows_inserted: 1, rows_rejected: 13, h: 64 },
      { entity: 'rete', rows_read: 6, rows_inserted: 1, rows_rejected: 5, h: 64 },
      { entity: 'valutazioni', rows_read: 4, rows_inserted: 1, rows_rejected: 3, h: 64 },
    ]);
  });

  it('with --strict, any rejected row fails the call and writes nothing', async () => {
    t = testDir({ 'alloggi.csv': UNITS });
    const run = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db, '--strict']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['mev: --strict: 2 righe scartate, nessuna modifica al database']);
  });
});
