import { afterEach, describe, expect, it } from 'vitest';
import { csv, mev, query, testDir, type FileContent, type TestDir } from '../helpers.js';

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023'],
  ['A2', 'Desio', 'Desio', 2, '01/01/2023'],
]);

const HEADER = ['Codice Caso', 'Codice Persona', 'Codice Alloggio', 'Posti Occupati', 'Data Ingresso', 'Data Uscita', 'Ente inviante', 'Reddito ingresso', 'Target'];

let t: TestDir;
afterEach(() => t?.cleanup());

async function loadStays(content: FileContent) {
  t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': content });
  const run = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
  return { run, rows: await query(t.db, 'SELECT * FROM ospitalita ORDER BY codice_caso') };
}

describe('ingest formats', () => {
  it('reads `;` with dd/mm/yyyy dates, decimal comma with thousands dot and blanks as missing', async () => {
    const { run, rows } = await loadStays(
      csv([HEADER, ['C1', 'P1', 'A1', 2, '10/01/2024', '15/05/2024', 'Comune di Monza', '1.234,50', 'Madre con figli'], ['C2', 'P2', 'A2', 1, '1/2/2024', '   ', '  ', '', '']]),
    );
    expect(run.code).toBe(0);
    expect(rows).toMatchObject([
      { codice_caso: 'C1', data_ingresso: '2024-01-10', data_uscita: '2024-05-15', reddito_ingresso: 1234.5, target: 'madre_con_figli' },
      { codice_caso: 'C2', data_ingresso: '2024-02-01', data_uscita: null, ente_inviante: null, reddito_ingresso: null, target: null },
    ]);
  });

  it('reads `,` delimiters with ISO dates and quoted decimal commas', async () => {
    const { run, rows } = await loadStays(
      csv([['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'reddito_ingresso'], ['C1', 'P1', 'A1', '1', '2024-03-01', '"1.200,00"'], ['C2', 'P2', 'A1', '1', '2024-03-02', '850.5']], ','),
    );
    expect(run.code).toBe(0);
    expect(rows.map((r) => [r['data_ingresso'], r['reddito_ingresso']])).toEqual([
      ['2024-03-01', 1200],
      ['2024-03-02', 850.5],
    ]);
  });

  it('reads tab-delimited files with CRLF line ends and dd-mm-yyyy dates', async () => {
    const { run, rows } = await loadStays(csv([['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso'], ['C1', 'P1', 'A1', '1', '05-03-2024']], '\t', '\r\n'));
    expect(run.code).toBe(0);
    expect(rows[0]).toMatchObject({ codice_caso: 'C1', data_ingresso: '2024-03-05' });
  });

  it('reads UTF-8 with a BOM (the BOM is not part of the first header)', async () => {
    const { run, rows } = await loadStays({ encoding: 'utf-8-bom', text: csv([HEADER.slice(0, 5), ['C1', 'P1', 'A1', 1, '01/03/2024']]) });
    expect(run.code).toBe(0);
    expect(rows).toHaveLength(1);
  });

  it('decodes Windows-1252 properly: € ’ “ ” – and accents are not control characters', async () => {
    const text = csv([HEADER.slice(0, 7), ['C1', 'P1', 'A1', 1, '01/03/2024', '', 'Cooperativa “La Casa” – Seregno’s € città']]);
    const { run, rows } = await loadStays({ encoding: 'windows-1252', text });
    expect(run.code).toBe(0);
    expect(rows[0]!['ente_inviante']).toBe('Cooperativa “La Casa” – Seregno’s € città');
    const log = await query(t.db, `SELECT encoding FROM ingest_log WHERE entity = 'ospitalita'`);
    expect(log[0]!['encoding']).toBe('windows-1252');
  });

  it('decodes UTF-16 (Excel "Unicode text") with tabs', async () => {
    const text = csv([HEADER.slice(0, 7), ['C1', 'P1', 'A1', 1, '01/03/2024', '', 'Comune di Cesano – ufficio']], '\t');
    const { run, rows } = await loadStays({ encoding: 'utf-16le', text });
    expect(run.code).toBe(0);
    expect(rows[0]!['ente_inviante']).toBe('Comune di Cesano – ufficio');
  });

  it('matches headers after normalising case, accents, spaces and punctuation, and English aliases', async () => {
    const { run, rows } = await loadStays(csv([['CASE_ID', 'person code', 'Unit-Code', 'places occupied', 'Entry Date', 'Data di uscita', 'Città?'], ['C1', 'P1', 'A1', 1, '01/03/2024', '02/03/2024', 'x']]));
    expect(run.code).toBe(0);
    expect(rows[0]).toMatchObject({ codice_caso: 'C1', codice_persona: 'P1', data_uscita: '2024-03-02' });
    expect(run.stderr).toContain('colonne non previste ignorate: «Città?»');
  });

  it('reads yes/no values in their Italian and English forms', async () => {
    t = testDir({
      'alloggi.csv': UNITS,
      'ospitalita.csv': csv([HEADER.slice(0, 6), ['C1', 'P1', 'A1', 1, '01/01/2024', '01/02/2024']]),
      'followup.csv': csv([
        ['codice_caso', 'data_contatto', 'esito_contatto', 'lavoro'],
        ['C1', '01/03/2024', 'Raggiunta', 'Sì'],
        ['C1', '02/03/2024', 'raggiunta', 'no'],
        ['C1', '03/03/2024', 'raggiunta', 'VERO'],
        ['C1', '04/03/2024', 'raggiunta', '0'],
        ['C1', '05/03/2024', 'raggiunta', 'forse'],
      ]),
    });
    const run = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), t.path('followup.csv'), '--db', t.db]);
    expect(run.code).toBe(0);
    const rows = await query(t.db, 'SELECT lavoro FROM followup ORDER BY data_contatto');
    expect(rows.map((r) => r['lavoro'])).toEqual([true, false, true, false]);
    const rejected = await query(t.db, `SELECT line, reason_code FROM rejected_rows`);
    expect(rejected).toEqual([{ line: 6, reason_code: 'invalid_boolean' }]);
  });

  it('keeps 29 February of a leap year and rejects it in other years', async () => {
    const { rows } = await loadStays(csv([HEADER.slice(0, 5), ['C1', 'P1', 'A1', 1, '29/02/2024'], ['C2', 'P2', 'A1', 1, '29/02/2023']]));
    expect(rows.map((r) => r['data_ingresso'])).toEqual(['2024-02-29']);
    const rejected = await query(t.db, `SELECT line, column_name, reason_code FROM rejected_rows`);
    expect(rejected).toEqual([{ line: 3, column_name: 'data_ingresso', reason_code: 'invalid_date' }]);
  });

  it('numbers records as a spreadsheet does, also after a quoted field with a line break', async () => {
    const text = `codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;ente_inviante\nC1;P1;A1;1;01/01/2024;"riga\nspezzata"\nC2;P2;A1;x;01/01/2024;\n`;
    const { rows } = await loadStays(text);
    expect(rows.map((r) => r['ente_inviante'])).toEqual(['riga\nspezzata']);
    const rejected = await query(t.db, `SELECT line, reason_code FROM rejected_rows`);
    expect(rejected).toEqual([{ line: 3, reason_code: 'invalid_integer' }]);
  });
});
