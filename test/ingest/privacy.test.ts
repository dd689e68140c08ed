import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { csv, mev, query, testDir, type TestDir } from '../helpers.js';

let t: TestDir;
afterEach(() => t?.cleanup());

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023'],
]);

// Synthetic identifiers: names, a syntactically valid codice fiscale, phones, e-mails, an IBAN.
const SECRETS = ['Mariangela', 'Scognamiglio', 'RSSMRA80A41F205X', 'VRDLCU75D52H501T', '3331234567', '333 765 4321', 'maria.rossi@example.it', 'IT60X0542811101000000123456', '1980-04-01', '01/04/1980', 'Via Garibaldi 12'];

const STAYS = csv([
  ['Codice caso', 'Codice persona', 'Codice alloggio', 'Posti occupati', 'Data ingresso', 'Nome', 'Cognome', 'Codice fiscale', 'Telefono', 'E-mail', 'Indirizzo', 'Data di nascita', 'Ente inviante', 'IBAN'],
  ['C1', 'P1', 'A1', 1, '10/01/2024', 'Mariangela', 'Scognamiglio', 'RSSMRA80A41F205X', '3331234567', 'maria.rossi@example.it', 'Via Garibaldi 12', '01/04/1980', 'Comune di Monza', 'IT60X0542811101000000123456'],
  ['C2', 'RSSMRA80A41F205X', 'A1', 1, '10/02/2024', 'Mariangela', 'Scognamiglio', 'RSSMRA80A41F205X', '', '', '', '', 'referente 333 765 4321', ''],
  ['C3', 'VRDLCU75D52H501T', 'A1', 1, '31/02/2024', 'Mariangela', 'Scognamiglio', 'VRDLCU75D52H501T', '', '', '', '', 'maria.rossi@example.it', ''], // rejected: bad date
  ['C4', 'P4', 'A9', 'x', '10/02/2024', 'Mariangela', 'Scognamiglio', 'VRDLCU75D52H501T', '3331234567'], // too few fields
]);

async function allText(db: string): Promise<string> {
  const tables = ['alloggi', 'ospitalita', 'rejected_rows', 'ingest_log', 'percorsi'];
  let text = '';
  for (const table of tables) text += JSON.stringify(await query(db, `SELECT * FROM ${table}`));
  return text;
}

describe('ingest privacy', () => {
  it('drops identifier columns, hashes codici fiscali used as codes, redacts identifiers elsewhere, also in rejected rows', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    const run = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('colonne con dati identificativi eliminate senza salvarle: «Nome», «Cognome», «Codice fiscale», «Telefono», «E-mail», «Indirizzo», «IBAN»');
    const text = await allText(t.db);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // The birth date survives only as the year; the CF code became a keyed hash, the same for both stays of the person.
    const rows = await query(t.db, 'SELECT codice_caso, codice_persona, anno_nascita, ente_inviante FROM ospitalita ORDER BY 1');
    expect(rows[0]).toMatchObject({ codice_caso: 'C1', anno_nascita: 1980, ente_inviante: 'Comune di Monza' });
    expect(rows[1]!['codice_persona']).toMatch(/^H_[0-9a-f]{24}$/);
    expect(rows[1]!['ente_inviante']).toBe('referente [omesso]');
    // Nothing of it on disk either (database file and WAL).
    for (const file of [t.db, `${t.db}.wal`].filter(existsSync)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const secret of SECRETS) expect(bytes).not.toContain(secret);
    }
  });

  it('the same codice fiscale gives the same hash across files and calls, and the key lives outside the database', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    const first = await query(t.db, `SELECT codice_persona FROM ospitalita WHERE codice_caso = 'C2'`);
    const more = csv([['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso'], ['C8', ' rssmra80a41f205x ', 'A1', 1, '01/06/2024']]);
    writeFileSync(t.path('more.csv'), more);
    await mev(['ingest', t.path('more.csv'), '--db', t.db]);
    const second = await query(t.db, `SELECT codice_persona FROM ospitalita WHERE codice_caso = 'C8'`);
    expect(second).toEqual(first);
    expect(readFileSync(`${t.db}.key`, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('refuses a different key for a database that already holds hashed codes', async () => {
    t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS });
    await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db]);
    rmSync(`${t.db}.key`);
    const run = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/non è quella usata per questo database/);
    // A key given through MEV_KEY_FILE is used instead of the default one.
    const other = await mev(['ingest', t.path('alloggi.csv'), '--db', t.db], { MEV_KEY_FILE: t.path('other.key') });
    expect(other.code).toBe(1);
  });

  it('a database without hashed codes accepts a new key', async () => {
    t = testDir({ 'alloggi.csv': UNITS });
    await mev(['ingest', t.path('alloggi.csv'), '--db', t.db]);
    rmSync(`${t.db}.key`);
    expect((await mev(['ingest', t.path('alloggi.csv'), '--db', t.db])).code).toBe(0);
  });
});

describe('privacy patterns', () => {
  it('redacts exactly the identifier, not the text around it', async () => {
    const { redactText, looksLikeIdentifier } = await import('../../src/privacy.js');
    expect(redactText('“Casa” 333 765 4321')).toBe('“Casa” [omesso]');
    expect(redactText('tel. +39 333 1234567.')).toBe('tel. [omesso].');
    expect(redactText('scrivere a maria.rossi@example.it, grazie')).toBe('scrivere a [omesso], grazie');
    expect(redactText('CF RSSMRA80A41F205X')).toBe('CF [omesso]');
    // Codes, dates and amounts are not identifiers.
    for (const v of ['C0001234', '12/03/2024', '1.234,50', '2024', 'A12', '20240001']) expect(looksLikeIdentifier(v), v).toBe(false);
  });
});
