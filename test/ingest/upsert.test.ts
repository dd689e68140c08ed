import { readFileSync, statSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { csv, mev, query, testDir, writeFile, type TestDir } from '../helpers.js';

let t: TestDir;
afterEach(() => t?.cleanup());

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023'],
  ['A2', 'Ambito di Desio', 'Bovisio Masciago', 2, '01/01/2023'],
]);
const STAYS = csv([
  ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita', 'destinazione_uscita', 'target', 'cittadinanza'],
  ['C1', 'P1', 'A1', 2, '10/01/2024', '15/05/2024', 'affitto_autonomo', 'madre_con_figli', 'italiana'], // code
  ['C2', 'P2', 'A1', 1, '10/01/2024', '16/05/2024', 'Edilizia residenziale pubblica (ERP)', 'Vittima di violenza', 'Extra UE'], // labels
  ['C3', 'P3', 'A2', 1, '10/01/2024', '17/05/2024', 'Casa popolare', 'mamma con bambini', 'comunitaria'], // aliases
  ['C4', 'P4', 'A2', 1, '10/01/2024', '18/05/2024', 'Albergo', 'Donna sola', ''], // unknown
  ['C5', 'P5', 'A2', 1, '10/01/2024', '19/05/2024', ' RIENTRO  in famiglia ', 'ALTRO', 'Italiana'], // case and spaces
]);

/** Every table's rows, to compare the database before and after a call. */
async function snapshot(db: string) {
  const tables = ['alloggi', 'ospitalita', 'valutazioni', 'followup', 'segnalazioni', 'enti', 'rete', 'collaborazione', 'rejected_rows'];
  const out: Record<string, unknown> = {};
  for (const table of tables) out[table] = await query(db, `SELECT * FROM ${table} ORDER BY ALL`);
  out['ingest_log'] = await query(db, 'SELECT ingest_id, file, sha256, rows_read FROM ingest_log ORDER BY ALL');
  return out;
}

describe('ingest vocabularies', () => {
  it('matches codes, labels and aliases case- and accent-insensitively; keeps unknown values raw', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    const run = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    expect(run.code).toBe(0);
    const rows = await query(t.db, 'SELECT codice_caso, destinazione_uscita, destinazione_uscita_originale, target, target_originale, cittadinanza FROM ospitalita ORDER BY codice_caso');
    expect(rows).toEqual([
      { codice_caso: 'C1', destinazione_uscita: 'affitto_autonomo', destinazione_uscita_originale: null, target: 'madre_con_figli', target_originale: null, cittadinanza: 'italiana' },
      { codice_caso: 'C2', destinazione_uscita: 'erp', destinazione_uscita_originale: null, target: 'vittima_violenza', target_originale: null, cittadinanza: 'extra_ue' },
      { codice_caso: 'C3', destinazione_uscita: 'erp', destinazione_uscita_originale: null, target: 'madre_con_figli', target_originale: null, cittadinanza: 'ue' },
      { codice_caso: 'C4', destinazione_uscita: 'non_classificato', destinazione_uscita_originale: 'Albergo', target: 'non_classificato', target_originale: 'Donna sola', cittadinanza: null },
      { codice_caso: 'C5', destinazione_uscita: 'famiglia', destinazione_uscita_originale: null, target: 'altro', target_originale: null, cittadinanza: 'italiana' },
    ]);
    expect(run.stderr).toContain('destinazione_uscita: valori fuori vocabolario caricati come non_classificato: «Albergo»');
  });

  it('normalises districts and municipalities to their labels and keeps unknown ones as written', async () => {
    t = testDir({ 'alloggi.csv': UNITS + 'A3;Distretto Nord;Paperopoli;1;01/01/2023\n' });
    await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    const rows = await query(t.db, 'SELECT codice_alloggio, ambito, comune FROM alloggi ORDER BY 1');
    expect(rows).toEqual([
      { codice_alloggio: 'A1', ambito: 'Monza', comune: 'Monza' },
      { codice_alloggio: 'A2', ambito: 'Desio', comune: 'Bovisio-Masciago' },
      { codice_alloggio: 'A3', ambito: 'Distretto Nord', comune: 'Paperopoli' },
    ]);
  });

  it('applies a mapping file to headers and value labels', async () => {
    t = testDir({
      'alloggi.csv': UNITS,
      'export.csv': csv([['Cod. Ospitalità', 'Ospite', 'Appartamento', 'N. posti', 'Entrata', 'Uscita', 'Esito'], ['C1', 'P1', 'A1', 1, '01/02/2024', '01/03/2024', 'Albergo sociale']]),
      'mapping.json': JSON.stringify({
        columns: { 'Cod. Ospitalità': 'codice_caso', Ospite: 'codice_persona', Appartamento: 'codice_alloggio', 'N. posti': 'posti_occupati', Entrata: 'data_ingresso', Uscita: 'data_uscita', Esito: 'destinazione_uscita' },
        values: { destinazione_uscita: { 'Albergo sociale': 'housing_sociale' } },
      }),
    });
    const run = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    expect(run.code).toBe(0);
    const mapped = await mev(['ingest', t.path('export.csv'), '--db', t.db, '--mapping', t.path('mapping.json')]);
    expect(mapped.code).toBe(0);
    expect(await query(t.db, 'SELECT codice_caso, destinazione_uscita FROM ospitalita')).toEqual([{ codice_caso: 'C1', destinazione_uscita: 'housing_sociale' }]);
  });
});

describe('ingest upsert', () => {
  it('the same file twice changes nothing', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    const before = await snapshot(t.db);
    const again = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ospitalita: 5 righe lette, 5 caricate (0 nuove, 0 aggiornate, 5 invariate), 0 scartate');
    const after = await snapshot(t.db);
    expect(after['ospitalita']).toEqual(before['ospitalita']);
    expect(after['alloggi']).toEqual(before['alloggi']);
    expect(after['rejected_rows']).toEqual(before['rejected_rows']);
  });

  it('a newer export updates and adds rows and never deletes; absent optional columns keep their values', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    writeFile(t, 'newer.csv', csv([
      ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita'],
      ['C1', 'P1', 'A1', 2, '10/01/2024', '20/05/2024'], // exit corrected
      ['C2', 'P2', 'A1', 1, '10/01/2024', '16/05/2024'], // same
      ['C9', 'P9', 'A2', 1, '01/06/2024', ''], // new
    ]));
    const run = await mev(['ingest', t.path('newer.csv'), '--db', t.db]);
    expect(run.stderr).toContain('3 caricate (1 nuove, 1 aggiornate, 1 invariate)');
    const rows = await query(t.db, 'SELECT codice_caso, data_uscita, destinazione_uscita FROM ospitalita ORDER BY codice_caso');
    expect(rows.map((r) => r['codice_caso'])).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C9']);
    expect(rows[0]).toEqual({ codice_caso: 'C1', data_uscita: '2024-05-20', destinazione_uscita: 'affitto_autonomo' });
  });

  it('--replace replaces an entity whole', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS, 'snapshot.csv': csv([['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso'], ['C7', 'P7', 'A1', 1, '01/06/2024']]) });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    const run = await mev(['ingest', t.path('snapshot.csv'), '--db', t.db, '--replace', 'ospitalita']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('--replace ospitalita: 5 righe precedenti sostituite');
    expect(await query(t.db, 'SELECT codice_caso FROM ospitalita')).toEqual([{ codice_caso: 'C7' }]);
  });

  it('--replace names the rows of other tables left pointing at codes it removed', async () => {
    // The new units file has A1 only: stays C3, C4 and C5 (unit A2) now point at a missing unit.
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS, 'only-a1.csv': csv([['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'], ['A1', 'Monza', 'Monza', 3, '01/01/2023']]) });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    const run = await mev(['ingest', t.path('only-a1.csv'), '--db', t.db, '--replace', 'alloggi']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('--replace alloggi: 2 righe precedenti sostituite');
    expect(run.stderr).toContain('attenzione: 3 righe di «ospitalita» fanno riferimento a codici non più presenti dopo --replace');
    // They stay (rows are never deleted by another table's replace) and mev check names them.
    expect(await query(t.db, `SELECT count(*)::INTEGER AS n FROM ospitalita WHERE codice_alloggio = 'A2'`)).toEqual([{ n: 3 }]);
    // A replace that leaves every reference whole says nothing of the kind.
    const whole = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db, '--replace', 'alloggi']);
    expect(whole.stderr).not.toContain('attenzione');
  });
});

describe('ingest failures', () => {
  const badFiles: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty\.csv: file vuoto$/],
    ['blank.csv', '\n\n  \n', /blank\.csv: file vuoto$/],
    ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /image\.csv: non è un file di testo \(sembra un'immagine PNG\)/],
    ['binary.csv', Buffer.from([1, 2, 3, 0, 0, 250, 251, 7, 8]), /binary\.csv: non è un file di testo/],
    ['unknown.csv', 'colore;sapore;odore\nrosso;dolce;buono\n', /unknown\.csv: intestazione non riconosciuta/],
    ['missing.csv', 'codice_caso;codice_persona;data_ingresso\nC1;P1;01/01/2024\n', /missing\.csv: mancano le colonne obbligatorie di «ospitalita»: codice_alloggio, posti_occupati/],
    ['quote.csv', 'codice_alloggio;ambito;comune;posti;data_apertura\nA5;Monza;"Monza;2;01/01/2023\nA6;Monza;Monza;2;01/01/2023\n', /quote\.csv: virgolette non chiuse alla riga 2/],
  ];

  it.each(badFiles)('%s: one clear line, exit 1, the database unchanged', async (name, content, message) => {
    t = testDir({ 'alloggi.csv': UNITS, [name]: content });
    await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    const before = await snapshot(t.db);
    const bytesBefore = readFileSync(t.db);
    const run = await mev(['ingest', t.path(name), '--db', t.db]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await snapshot(t.db)).toEqual(before);
    expect(readFileSync(t.db).equals(bytesBefore)).toBe(true);
  });

  it('a bad file among good ones fails the whole call, and a database it would have created is not left behind', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'unknown.csv': 'a;b\n1;2\n' });
    const run = await mev(['ingest', t.path('alloggi.csv'), t.path('unknown.csv'), '--db', t.db]);
    expect(run.code).toBe(1);
    expect(existsSync(t.db)).toBe(false);
    expect(existsSync(`${t.db}.key`)).toBe(false);
  });

  it('a missing file and an unknown --as are user errors', async () => {
    t = testDir({ 'alloggi.csv': UNITS });
    expect((await mev(['ingest', t.path('nope.csv'), '--db', t.db])).stderr).toMatch(/nope\.csv: file non trovato/);
    const as = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db, '--as', 'pippo']);
    expect(as.code).toBe(1);
    expect(as.stderr).toMatch(/entità «pippo» sconosciuta/);
  });

  it('creates the database and the key with mode 0600', async () => {
    t = testDir({ 'alloggi.csv': UNITS });
    await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    expect(statSync(t.db).mode & 0o777).toBe(0o600);
    expect(statSync(`${t.db}.key`).mode & 0o777).toBe(0o600);
  });
});
