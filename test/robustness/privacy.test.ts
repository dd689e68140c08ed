/**
 * §2 Privacy, end to end: direct identifiers put everywhere an export can carry them — identifier
 * columns, codes, free text, vocabulary misses, rejected rows (by value checks, across rows and by
 * the CSV reader), ignored columns and their headers, a Windows-1252 file (read through the pipe)
 * — and then looked for in the bytes of every file mev writes and in every line it prints.
 *
 * Names cannot be recognised by a pattern: they are only put where the column tells what they are
 * (identifier columns) or where mev never stores anything (ignored columns). Codici fiscali,
 * e-mails and phone numbers are recognised anywhere.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, literal } from '../../src/db.js';
import { csv, mev, query, testDir, windows1252, type CliRun, type TestDir } from '../helpers.js';
import { checkCommand, expectOneLineError, snapshotDb } from './support.js';

const CF1 = 'RSSMRA80A41F205X';
const CF2 = 'VRDLCU75D52H501T';
const CF3 = 'BNCGNN85M10F839K';
/** Every secret, with the spellings it could be stored in. */
const SECRETS = [
  'Mariangela', 'MARIANGELA', 'Scognamiglio', 'Gennarino', 'Esposito',
  CF1, CF1.toLowerCase(), CF2, CF3, CF3.toLowerCase(),
  '3331234567', '333 765 4321', '3337654321', '347 1122334', '3471122334', '039 2345678', '0392345678',
  'maria.rossi@example.it', 'g.esposito@pec.example.com', 'segreteria@comune.example.it',
  'IT60X0542811101000000123456', '14/07/1983', '1983-07-14', 'Via Garibaldi 12',
];

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023'],
  ['A2', 'Desio', 'Desio', 2, '01/01/2023'],
]);

const STAY_HEADER = [
  'Codice caso', 'Codice persona', 'Codice alloggio', 'Posti occupati', 'Data ingresso', 'Data uscita', 'Ente inviante', 'Target',
  'Nome', 'Cognome', 'Codice fiscale', 'Telefono', 'E-mail', 'Indirizzo', 'IBAN', 'Data di nascita',
  'Note', 'Referente maria.rossi@example.it 333 765 4321',
];
const who = ['Mariangela', 'Scognamiglio', CF1, '3331234567', 'maria.rossi@example.it', 'Via Garibaldi 12', 'IT60X0542811101000000123456', '14/07/1983'];
const note = 'Mariangela Scognamiglio, sorella di Gennarino Esposito';
const STAYS_UTF8 =
  `${STAY_HEADER.join(';')}\n` +
  [
    // 2: loads; identifiers only in identifier columns and in the ignored ones.
    ['C1', 'P1', 'A1', 1, '10/01/2024', '15/05/2024', 'Comune di Monza', 'madre_con_figli', ...who, `${note} – più`, 'Gennarino'],
    // 3: a codice fiscale as the person code (hashed), a phone in free text, an e-mail as a vocabulary miss (redacted).
    ['C2', CF1, 'A1', 1, '10/02/2024', '', 'referente 333 765 4321', 'g.esposito@pec.example.com', ...who, note, 'Esposito'],
    // 4: a codice fiscale as the case code, in lower case (hashed like its upper case).
    [CF3.toLowerCase(), 'P3', 'A2', 1, '01/03/2024', '', 'CAV', 'vittima_violenza', ...who, note, ''],
    // 5: rejected (impossible date), with a codice fiscale as the person and an e-mail in free text.
    ['C5', CF2, 'A1', 1, '31/02/2024', '', 'maria.rossi@example.it', '', ...who, note, ''],
    // 6: rejected across rows (second C1), with identifiers in codes and text.
    ['C1', CF2, 'A1', 1, '10/01/2024', '', 'tel. 039 2345678', '', ...who, note, ''],
    // 7: rejected reference (unknown unit) with a phone.
    ['C7', 'P7', 'A9', 1, '10/01/2024', '', '+39 347 1122334', '', ...who, note, ''],
  ]
    .map((r) => r.join(';'))
    .join('\n') +
  '\n' +
  // 8: rejected by the CSV reader (too few fields), identifiers out of place.
  `C8;Mariangela;Scognamiglio;${CF1};maria.rossi@example.it;${note}\n`;
const STAYS = Buffer.concat([
  Buffer.from(STAYS_UTF8, 'utf8'),
  // 9: rejected by the CSV reader (a Windows-1252 line in a UTF-8 file, the bad byte in a kept
  // column), with every field in place: the fields of the columns not kept must not be shown.
  windows1252(`C9;P9;A1;1;10/01/2024;;Comune di Lissone – città;altro;${who.join(';')};${note};Esposito\n`),
]);

/** The same stays through the Windows-1252 pipe (codes and rows of their own). */
const STAYS_1252 = windows1252(
  `${STAY_HEADER.join(';')}\n` +
    `W1;${CF2};A1;1;10/03/2024;;Società “Casa”, tel 333 765 4321;altro;${who.join(';')};${note} – città;Esposito\n` +
    `W2;P2;A1;1;31/04/2024;;segreteria@comune.example.it;;${who.join(';')};${note};Esposito\n`,
);

const ASSESSMENTS = csv([
  ['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'],
  [CF3, 'ingresso', '02/03/2024', 'abitare', 2], // the hashed case, referenced by its code in upper case
  ['C1', 'ingresso', '11/01/2024', 'abitare', 1],
  ['C1', 'uscita', '14/05/2024', 'abitare', 4],
]);
const CONTACTS = csv([
  ['codice_caso', 'data_contatto', 'esito_contatto', 'situazione_abitativa', 'lavoro', 'Cellulare'],
  ['C1', '10/11/2024', 'raggiunta', '+39 347 1122334', 'si', '3331234567'],
]);
const ORGS = csv([
  ['codice_ente', 'nome', 'tipo', 'E-mail referente'],
  ['E1', 'Comune di Monza (segreteria@comune.example.it)', 'comune', 'maria.rossi@example.it'],
  ['E2', 'CAV Brianza', 'centro_antiviolenza', ''],
]);
const SURVEY = csv([['ondata', 'ente', 'partner', 'livello'], ['2024', 'E1', 'E2', 3], ['2024', 'E2', 'E1', 2]]);

let t: TestDir;
/** Every line mev printed, on stdout or stderr, in every command of this file. */
const printed: string[] = [];
const remember = (run: CliRun) => {
  printed.push(run.stdout, run.stderr);
  return run;
};
const tmp = () => t.path('tmp');
const previousTmpdir = process.env['TMPDIR'];

function findSecrets(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

/** Every file under dir (recursively). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const bigintSafe = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

async function parquetText(file: string): Promise<string> {
  const db = await Database.open(':memory:');
  try {
    return JSON.stringify(await db.all(`SELECT * FROM read_parquet(${literal(file)})`));
  } finally {
    db.close();
  }
}

function arrowText(file: string): string {
  const table = tableFromIPC(readFileSync(file));
  return JSON.stringify(table.toArray().map((row) => (row as { toJSON(): unknown }).toJSON()), bigintSafe);
}

async function xlsxText(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: unknown[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
  return JSON.stringify(cells);
}

beforeAll(async () => {
  t = testDir({
    'alloggi.csv': UNITS, 'ospitalita.csv': STAYS, 'ospitalita-1252.csv': STAYS_1252, 'valutazioni.csv': ASSESSMENTS,
    'followup.csv': CONTACTS, 'enti.csv': ORGS, 'rete.csv': SURVEY,
  });
  // A private temporary directory for this file's process: the pipe of the Windows-1252 file lives there.
  mkdirSync(tmp());
  process.env['TMPDIR'] = tmp();
  const files = ['alloggi.csv', 'ospitalita.csv', 'ospitalita-1252.csv', 'valutazioni.csv', 'followup.csv', 'enti.csv', 'rete.csv'].map(t.path);
  const run = remember(await mev(['ingest', ...files, '--db', t.db], {}, t.dir));
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => {
  if (previousTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previousTmpdir;
  t?.cleanup();
});

describe('robustness: privacy', () => {
  it('loads what it should: hashed codes, redacted text, rejected rows, the reference through a hashed case', async () => {
    const stays = await query<{ codice_caso: string; codice_persona: string; ente_inviante: string | null; target_originale: string | null }>(
      t.db,
      'SELECT codice_caso, codice_persona, ente_inviante, target_originale FROM ospitalita ORDER BY ente_inviante',
    );
    expect(stays.map((s) => s.ente_inviante)).toEqual(['CAV', 'Comune di Monza', 'Società “Casa”, tel [omesso]', 'referente [omesso]']);
    expect(stays.find((s) => s.ente_inviante === 'referente [omesso]')!.codice_persona).toMatch(/^H_[0-9a-f]{24}$/);
    expect(stays.find((s) => s.ente_inviante === 'CAV')!.codice_caso).toMatch(/^H_[0-9a-f]{24}$/);
    // The assessment of the hashed case found its stay (the same hash for upper and lower case).
    expect(await query(t.db, `SELECT count(*)::INTEGER AS n FROM valutazioni WHERE codice_caso LIKE 'H\\_%' ESCAPE '\\'`)).toEqual([{ n: 1 }]);
    const reasons = await query(t.db, `SELECT DISTINCT file, line, reason_code FROM rejected_rows WHERE reason_code <> 'identifier_redacted' ORDER BY ALL`);
    expect(reasons.map((r) => [String(r['file']).replace(/.*\//, ''), r['line'], r['reason_code']])).toEqual([
      ['ospitalita-1252.csv', 3, 'invalid_date'],
      ['ospitalita.csv', 5, 'invalid_date'],
      ['ospitalita.csv', 6, 'duplicate_key'],
      ['ospitalita.csv', 7, 'unknown_reference'],
      ['ospitalita.csv', 8, 'wrong_field_count'],
      ['ospitalita.csv', 9, 'invalid_encoding'],
    ]);
  });

  it('no identifier in the database file, nor in a WAL, nor in any table', async () => {
    for (const file of [t.db, `${t.db}.wal`].filter(existsSync)) expect(findSecrets(readFileSync(file).toString('latin1')), file).toEqual([]);
    expect(findSecrets(await snapshotDb(t.db))).toEqual([]);
  });

  it('nothing left in the temporary directory (the pipe of the Windows-1252 file is gone)', () => {
    expect(readdirSync(tmp())).toEqual([]);
  });

  it.each(['parquet', 'arrow', 'csv'])('no identifier in a %s export, in its bytes or its values', async (format) => {
    const out = t.path(`export-${format}`);
    const run = remember(await mev(['export', '--db', t.db, '--out', out, '--format', format], {}, t.dir));
    expect(run.code, run.stderr).toBe(0);
    const files = filesUnder(out);
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      expect(findSecrets(readFileSync(file).toString('latin1')), file).toEqual([]);
      if (format === 'csv') expect(findSecrets(readFileSync(file, 'utf8')), file).toEqual([]);
      if (format === 'parquet') expect(findSecrets(await parquetText(file)), file).toEqual([]);
      if (format === 'arrow') expect(findSecrets(arrowText(file)), file).toEqual([]);
    }
  });

  it('no identifier in `mev indicators` as json, csv, xlsx and table', async () => {
    for (const format of ['json', 'csv', 'table']) {
      const run = remember(await mev(['indicators', '--db', t.db, '--period', '2024', '--by', 'ambito', '--format', format], {}, t.dir));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(100);
      expect(findSecrets(run.stdout), format).toEqual([]);
    }
    const xlsx = t.path('indicatori.xlsx');
    const run = remember(await mev(['indicators', '--db', t.db, '--period', '2024', '--format', 'xlsx', '--out', xlsx], {}, t.dir));
    expect(run.code, run.stderr).toBe(0);
    const text = await xlsxText(xlsx);
    expect(text.length).toBeGreaterThan(100);
    expect(findSecrets(text)).toEqual([]);
    expect(findSecrets(readFileSync(xlsx).toString('latin1'))).toEqual([]);
  });

  it('no identifier in `mev check` (json and table)', async () => {
    for (const format of ['json', 'table'] as const) {
      const run = remember(await checkCommand(t.db, format, t.dir));
      expect(run.stdout.length).toBeGreaterThan(100);
      expect(findSecrets(run.stdout), format).toEqual([]);
    }
  });

  it('no identifier in `mev sql` listings of what was set aside', async () => {
    const run = remember(await mev(['sql', '--db', t.db, '--format', 'csv', 'SELECT * FROM rejected_rows, ingest_log'], {}, t.dir));
    expect(run.code, run.stderr).toBe(0);
    expect(findSecrets(run.stdout)).toEqual([]);
  });

  it('an export without its header row: the error line does not echo the identifiers of the first row', async () => {
    writeFileSync(t.path('senza-intestazione.csv'), `C1;${CF1};A1;1;10/01/2024;maria.rossi@example.it;333 765 4321\n`);
    const run = remember(await mev(['ingest', t.path('senza-intestazione.csv'), '--db', t.db], {}, t.dir));
    expectOneLineError(run, 'senza-intestazione.csv', /intestazione non riconosciuta/);
  });

  it('the database and its key are readable by the owner only', () => {
    expect(statSync(t.db).mode & 0o777).toBe(0o600);
    expect(statSync(`${t.db}.key`).mode & 0o777).toBe(0o600);
  });

  it('a different key for a database with hashed codes is refused, and the database is left as it was', async () => {
    const before = await snapshotDb(t.db);
    const bytes = readFileSync(t.db);
    const otherKey = t.path('altra.key');
    writeFileSync(otherKey, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const given = remember(await mev(['ingest', t.path('alloggi.csv'), '--db', t.db], { MEV_KEY_FILE: otherKey }, t.dir));
    expectOneLineError(given, '', /non è quella usata per questo database/);
    // A key file that does not exist yet is not created by the refused call.
    const fresh = t.path('nuova.key');
    const created = remember(await mev(['ingest', t.path('alloggi.csv'), '--db', t.db], { MEV_KEY_FILE: fresh }, t.dir));
    expectOneLineError(created, '', /non è quella usata per questo database/);
    expect(existsSync(fresh)).toBe(false);
    expect(readFileSync(t.db).equals(bytes)).toBe(true);
    expect(await snapshotDb(t.db)).toBe(before);
  });

  // Last: every command above has printed what it printed.
  it('no identifier in anything printed on stdout or stderr by any command', () => {
    expect(printed.length).toBeGreaterThan(10);
    expect(findSecrets(printed.join('\n'))).toEqual([]);
  });

  it('no identifier in `mev report` (HTML, chart SVGs, PNG-side specs), for both templates', async () => {
    for (const template of ['valutazione', 'cariplo']) {
      const out = t.path(`report-${template}.html`);
      const charts = t.path(`grafici-${template}`);
      const run = remember(await mev(['report', '--db', t.db, '--template', template, '--out', out, '--charts', charts, '--quiet'], {}, t.dir));
      expect(run.code, run.stderr).toBe(0);
      expect(findSecrets(readFileSync(out, 'utf8'))).toEqual([]);
      for (const file of filesUnder(charts).filter((f) => /\.(svg|json)$/.test(f))) expect(findSecrets(readFileSync(file, 'utf8')), file).toEqual([]);
    }
  });
  // That the funder report's suppression cannot be undone is tested in test/report/cariplo-disclosure.test.ts.
});
