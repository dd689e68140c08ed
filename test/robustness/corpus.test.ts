/**
 * A corpus of bad files, built from what real exports get wrong (§6 Robust). Every file either
 * fails the call (exit 1, one line on stderr naming the file, the database exactly as it was:
 * every table's rows and the file's bytes) or loads its good rows with the bad ones in
 * rejected_rows (exit 0). Never a stack trace, never exit 2.
 *
 * Each case runs on its own copy of one base database, so that a case cannot hide another's damage.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, encode, mev, query, testDir, windows1252, type FileContent, type TestDir } from '../helpers.js';
import { copyDb, expectNoCrash, expectOneLineError, seeded, snapshotDb } from './support.js';

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023'],
  ['A2', 'Desio', 'Desio', 2, '01/01/2023'],
]);
const STAY_HEADER = ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita', 'ente_inviante'];
const BASE_STAYS = csv([STAY_HEADER, ['C1', 'P1', 'A1', 1, '10/01/2024', '15/05/2024', 'Comune di Monza'], ['C2', 'P2', 'A2', 2, '01/02/2024', '', '']]);
const ORGS = csv([['codice_ente', 'nome'], ['E1', 'Comune di Monza'], ['E2', 'CAV Brianza']]);
const ASSESSMENTS = csv([['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'], ['C1', 'ingresso', '11/01/2024', 'abitare', 2]]);

/** A stays file: the header, then rows (each a ;-joined line, written as given). */
const stays = (...lines: string[]) => `${STAY_HEADER.join(';')}\n${lines.map((l) => `${l}\n`).join('')}`;
const MB8 = 8 * 1024 * 1024;

type Row = Record<string, unknown>;
interface Fails {
  fail: RegExp;
  /** Text the error line must not echo (identifiers from the file). */
  notInMessage?: string[];
}
interface Loads {
  /** [line, reason_code] of every row this call rejected. */
  rejected: [number, string][];
  /** A query on the database after the call and its expected rows. */
  loaded?: { sql: string; rows: Row[] };
}
interface Case {
  name: string;
  content: () => FileContent;
  expect: Fails | Loads;
}

const random = seeded(7);
const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
/** A UTF-8 stays file with `n` filler rows, so that what follows is beyond the 256 KB detection sample. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => `F${i};P${i};A1;1;01/02/2024;;Società cooperativa n. ${i}`);

const CASES: Case[] = [
  // ── Files that are not CSV exports at all ──
  { name: 'vuoto.csv', content: () => '', expect: { fail: /file vuoto/ } },
  { name: 'solo-spazi.csv', content: () => '\r\n  \n\t\n', expect: { fail: /file vuoto/ } },
  { name: 'solo-bom.csv', content: () => Buffer.from([0xef, 0xbb, 0xbf]), expect: { fail: /file vuoto/ } },
  { name: 'binario.csv', content: () => randomBytes(4096), expect: { fail: /non è un file di testo/ } },
  { name: 'foto.csv', content: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]), expect: { fail: /sembra un'immagine PNG/ } },
  { name: 'scansione.csv', content: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), randomBytes(2000)]), expect: { fail: /sembra un'immagine JPEG/ } },
  { name: 'foglio.csv', content: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml'), randomBytes(500)]), expect: { fail: /Excel \.xlsx/ } },
  { name: 'documento.csv', content: () => Buffer.concat([Buffer.from('%PDF-1.7\n%'), randomBytes(500)]), expect: { fail: /sembra un PDF/ } },
  { name: 'database.csv', content: () => readFileSync(base.db), expect: { fail: /sembra un database DuckDB/ } },
  // Excel's "Unicode text" always has a BOM; without it the zero bytes make it binary.
  { name: 'utf16-senza-bom.csv', content: () => Buffer.from(stays('C5\tP5\tA1\t1\t01/02/2024\t\t').replaceAll(';', '\t'), 'utf16le'), expect: { fail: /non è un file di testo/ } },

  // ── Headers ──
  { name: 'sconosciuto.csv', content: () => 'colore;sapore;odore\nrosso;dolce;buono\n', expect: { fail: /intestazione non riconosciuta/ } },
  {
    // An export without its header row: the first data row is read as the header, and the error must not echo its identifiers.
    name: 'senza-intestazione.csv',
    content: () => 'C5;RSSMRA80A41F205X;A1;1;01/02/2024;maria.rossi@example.it;333 123 4567\nC6;P6;A1;1;01/02/2024;;\n',
    expect: { fail: /intestazione non riconosciuta/, notInMessage: ['RSSMRA80A41F205X', 'maria.rossi@example.it', '333 123 4567'] },
  },
  { name: 'colonne-mancanti.csv', content: () => 'codice_caso;codice_persona;data_ingresso\nC5;P5;01/02/2024\n', expect: { fail: /mancano le colonne obbligatorie di «ospitalita»: codice_alloggio, posti_occupati/ } },
  { name: 'una-colonna.csv', content: () => 'codice_caso\nC5\n', expect: { fail: /una sola colonna/ } },
  {
    // The header written with `,`, the data with `;` (a file put together by hand).
    name: 'separatori-diversi.csv',
    content: () => `${STAY_HEADER.join(',')}\nC5;P5;A1;1;01/02/2024;;\nC6;P6;A1;1;01/03/2024;;\n`,
    expect: { fail: /intestazione è separata da «,» ma le righe di dati da «;»/ },
  },
  {
    name: 'intestazione-sql.csv',
    content: () => `"codice_caso""; DROP TABLE ospitalita; --";codice_persona;codice_alloggio;posti_occupati;data_ingresso\nC5;P5;A1;1;01/02/2024\n`,
    expect: { fail: /mancano le colonne obbligatorie di «ospitalita»: codice_caso/ },
  },
  { name: 'colonna-doppia.csv', content: () => 'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;Data Ingresso\nC5;P5;A1;1;01/02/2024;02/02/2024\n', expect: { fail: /più colonne corrispondono a «data_ingresso»/ } },

  // ── Quotes ──
  { name: 'virgolette.csv', content: () => stays('C5;P5;A1;1;01/02/2024;;', 'C6;P6;A1;1;01/02/2024;;"Comune di Monza', 'C7;P7;A1;1;01/02/2024;;'), expect: { fail: /virgolette non chiuse alla riga 3/ } },
  { name: 'troncato-tra-virgolette.csv', content: () => `${stays('C5;P5;A1;1;01/02/2024;;', 'C6;P6;A1;1;01/02/2024;;')}C7;P7;A1;1;01/02/2024;;"Comune di Mon`, expect: { fail: /virgolette non chiuse alla riga 4/ } },
  { name: 'virgolette-1252.csv', content: () => windows1252(stays('C5;P5;A1;1;01/02/2024;;Società', 'C6;P6;A1;1;01/02/2024;;"Società')), expect: { fail: /virgolette non chiuse alla riga 3/ } },
  {
    // A quote inside an unquoted field is kept as written.
    name: 'virgoletta-isolata.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;Cooperativa "La Casa'),
    expect: { rejected: [], loaded: { sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso = 'C5'`, rows: [{ ente_inviante: 'Cooperativa "La Casa' }] } },
  },

  // ── Broken lines ──
  {
    name: 'troncato.csv',
    content: () => `${stays('C5;P5;A1;1;01/02/2024;;', 'C6;P6;A1;1;01/03/2024;;')}C7;P7;A`,
    expect: { rejected: [[4, 'wrong_field_count']], loaded: { sql: `SELECT codice_caso FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7') ORDER BY 1`, rows: [{ codice_caso: 'C5' }, { codice_caso: 'C6' }] } },
  },
  {
    name: 'troppi-campi.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;', `C6;P6;A1;1;01/03/2024;;${';x'.repeat(50)}`, 'C7;P7;A1;1;01/03/2024;;'),
    expect: { rejected: [[3, 'wrong_field_count']] },
  },
  {
    name: 'campo-8mb.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;prima', `C6;P6;A1;1;01/02/2024;;${'x'.repeat(MB8)}`, 'C7;P7;A1;1;01/02/2024;;dopo'),
    expect: { rejected: [[3, 'line_too_long']], loaded: { sql: `SELECT codice_caso, ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7') ORDER BY 1`, rows: [{ codice_caso: 'C5', ente_inviante: 'prima' }, { codice_caso: 'C7', ente_inviante: 'dopo' }] } },
  },
  {
    // The same through the Windows-1252 pipe, with the field quoted and holding delimiters and line breaks.
    name: 'campo-8mb-1252.csv',
    content: () => windows1252(stays('C5;P5;A1;1;01/02/2024;;Società', `C6;P6;A1;1;01/02/2024;;"${'è;\n'.repeat(MB8 / 3)}"`, 'C7;P7;A1;1;01/02/2024;;più')),
    expect: { rejected: [[3, 'line_too_long']], loaded: { sql: `SELECT codice_caso, ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7') ORDER BY 1`, rows: [{ codice_caso: 'C5', ente_inviante: 'Società' }, { codice_caso: 'C7', ente_inviante: 'più' }] } },
  },
  {
    // Excel's trailing empty rows: rejected (missing values), never silently dropped.
    name: 'righe-vuote-excel.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;', ';;;;;;', ';;;;;;'),
    expect: { rejected: [[3, 'missing_required'], [4, 'missing_required']] },
  },

  // ── Delimiters and line ends ──
  {
    name: 'pipe.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;Comune di Monza').replaceAll(';', '|'),
    expect: { rejected: [], loaded: { sql: `SELECT codice_caso, ente_inviante FROM ospitalita WHERE codice_caso = 'C5'`, rows: [{ codice_caso: 'C5', ente_inviante: 'Comune di Monza' }] } },
  },
  {
    // A file put together from two exports: CRLF lines, then LF lines.
    name: 'a-capo-misti.csv',
    content: () => `${STAY_HEADER.join(';')}\r\nC5;P5;A1;1;01/02/2024;;uno\r\nC6;P6;A1;1;01/02/2024;;due\nC7;P7;A1;1;01/02/2024;;tre\r\n`,
    expect: { rejected: [], loaded: { sql: `SELECT codice_caso, ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7') ORDER BY 1`, rows: [{ codice_caso: 'C5', ente_inviante: 'uno' }, { codice_caso: 'C6', ente_inviante: 'due' }, { codice_caso: 'C7', ente_inviante: 'tre' }] } },
  },
  {
    name: 'a-capo-misti-1252.csv',
    content: () => windows1252(`${STAY_HEADER.join(';')}\nC5;P5;A1;1;01/02/2024;;città\r\nC6;P6;A1;1;01/02/2024;;più\n`),
    expect: { rejected: [], loaded: { sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6') ORDER BY codice_caso`, rows: [{ ente_inviante: 'città' }, { ente_inviante: 'più' }] } },
  },
  {
    name: 'a-capo-misti-oltre.csv',
    content: () => `${STAY_HEADER.join(';')}\r\n${filler(5000).join('\r\n')}\r\nC5;P5;A1;1;01/02/2024;;uno\nC6;P6;A1;1;01/02/2024;;due\n`,
    expect: { rejected: [], loaded: { sql: `SELECT count(*)::INTEGER AS n FROM ospitalita WHERE codice_caso LIKE 'F%' OR codice_caso IN ('C5', 'C6')`, rows: [{ n: 5002 }] } },
  },
  {
    name: 'a-capo-mac.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;uno', 'C6;P6;A1;1;01/02/2024;;due').replaceAll('\n', '\r'),
    expect: { rejected: [], loaded: { sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6') ORDER BY codice_caso`, rows: [{ ente_inviante: 'uno' }, { ente_inviante: 'due' }] } },
  },

  // ── Encodings ──
  {
    // A UTF-8 file with a Windows-1252 line pasted in (within the detection sample): the UTF-8
    // lines keep their accents, the 1252 line is rejected — never mojibake («SocietÃ»).
    name: 'codifica-mista.csv',
    content: () => Buffer.concat([Buffer.from(stays('C5;P5;A1;1;01/02/2024;;Società è'), 'utf8'), windows1252('C6;P6;A1;1;01/02/2024;;Società “due”\n'), Buffer.from('C7;P7;A1;1;01/02/2024;;più\n', 'utf8')]),
    expect: { rejected: [[3, 'invalid_encoding']], loaded: { sql: `SELECT codice_caso, ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7') ORDER BY 1`, rows: [{ codice_caso: 'C5', ente_inviante: 'Società è' }, { codice_caso: 'C7', ente_inviante: 'più' }] } },
  },
  {
    name: 'codifica-mista-oltre.csv',
    content: () => Buffer.concat([Buffer.from(`${STAY_HEADER.join(';')}\n${filler(5000).join('\n')}\n`, 'utf8'), windows1252('C6;P6;A1;1;01/02/2024;;Società\n')]),
    expect: { rejected: [[5002, 'invalid_encoding']], loaded: { sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso = 'F42'`, rows: [{ ente_inviante: 'Società cooperativa n. 42' }] } },
  },

  // ── Rows with bad values ──
  {
    name: 'chiavi-doppie.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;prima', 'C5;P6;A1;1;01/03/2024;;seconda', 'C5;P7;A1;1;01/04/2024;;terza'),
    expect: { rejected: [[3, 'duplicate_key'], [4, 'duplicate_key']], loaded: { sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso = 'C5'`, rows: [{ ente_inviante: 'prima' }] } },
  },
  {
    name: 'date-impossibili.csv',
    content: () => stays('C5;P5;A1;1;31/02/2024;;', 'C6;P6;A1;1;29/02/2023;;', 'C7;P7;A1;1;31/04/2024;;', 'C8;P8;A1;1;00/01/2024;;', 'C9;P9;A1;1;32/01/2024;;', 'C10;P10;A1;1;15/13/2024;;', 'C11;P11;A1;1;2024-02-30;;', 'C12;P12;A1;1;29/02/2024;;'),
    expect: { rejected: [[2, 'invalid_date'], [3, 'invalid_date'], [4, 'invalid_date'], [5, 'invalid_date'], [6, 'invalid_date'], [7, 'invalid_date'], [8, 'invalid_date']], loaded: { sql: `SELECT data_ingresso FROM ospitalita WHERE codice_caso = 'C12'`, rows: [{ data_ingresso: '2024-02-29' }] } },
  },
  {
    name: 'date-implausibili.csv',
    // 1899 and 2101 are outside 1900–2100; `24` is the year 24, never guessed; 2099 is after the day of the ingest.
    content: () => stays('C5;P5;A1;1;12/03/1899;;', 'C6;P6;A1;1;12/03/2101;;', 'C7;P7;A1;1;12/03/24;;', 'C8;P8;A1;1;01/01/0024;;', 'C9;P9;A1;1;12/03/2099;;', 'C10;P10;A1;1;01/02/2024;12/03/2099;'),
    expect: { rejected: [[2, 'implausible_date'], [3, 'implausible_date'], [4, 'implausible_date'], [5, 'implausible_date'], [6, 'future_date'], [7, 'future_date']] },
  },
  {
    name: 'punteggi.csv',
    content: () => csv([['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'], ['C1', 'uscita', '15/05/2024', 'abitare', 0], ['C1', 'uscita', '15/05/2024', 'lavoro', 6], ['C1', 'uscita', '15/05/2024', 'reddito', -1], ['C1', 'uscita', '15/05/2024', 'salute', '5,5'], ['C1', 'uscita', '15/05/2024', 'sicurezza', 'tre'], ['C1', 'uscita', '15/05/2024', 'documenti', '4,5']]),
    expect: { rejected: [[2, 'score_out_of_scale'], [3, 'score_out_of_scale'], [4, 'score_out_of_scale'], [5, 'score_out_of_scale'], [6, 'invalid_number']], loaded: { sql: `SELECT dimensione, punteggio FROM valutazioni WHERE fase = 'uscita'`, rows: [{ dimensione: 'documenti', punteggio: 4.5 }] } },
  },
  {
    name: 'posti.csv',
    content: () => csv([['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura'], ['A5', 'Monza', 'Monza', 0, '01/01/2024'], ['A6', 'Monza', 'Monza', -2, '01/01/2024'], ['A7', 'Monza', 'Monza', '1,5', '01/01/2024'], ['A8', 'Monza', 'Monza', '', '01/01/2024'], ['A9', 'Monza', 'Monza', '1.000', '01/01/2024']]),
    expect: { rejected: [[2, 'places_below_one'], [3, 'places_below_one'], [4, 'invalid_integer'], [5, 'missing_required'], [6, 'out_of_range']] },
  },
  { name: 'posti-occupati.csv', content: () => stays('C5;P5;A1;0;01/02/2024;;', 'C6;P6;A1;-1;01/02/2024;;', 'C7;P7;A1;1;01/02/2024;;'), expect: { rejected: [[2, 'places_below_one'], [3, 'places_below_one']] } },
  { name: 'alloggio-sconosciuto.csv', content: () => stays('C5;P5;A99;1;01/02/2024;;', 'C6;P6;A1;1;01/02/2024;;'), expect: { rejected: [[2, 'unknown_reference']] } },
  {
    name: 'caso-sconosciuto.csv',
    content: () => csv([['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'], ['C99', 'ingresso', '11/01/2024', 'abitare', 2], ['C1', 'ingresso', '11/01/2024', 'lavoro', 3]]),
    expect: { rejected: [[2, 'unknown_reference']] },
  },
  { name: 'ente-sconosciuto.csv', content: () => csv([['ondata', 'ente', 'partner', 'livello'], ['2024', 'E1', 'E9', 3], ['2024', 'E9', 'E1', 3], ['2024', 'E1', 'E2', 3]]), expect: { rejected: [[2, 'unknown_reference'], [3, 'unknown_reference']] } },

  // ── Hostile text: loaded as plain data, exactly as written ──
  {
    name: 'sql-e-virgolette.csv',
    content: () =>
      `${STAY_HEADER.join(';')};"codice_caso""; DROP TABLE ospitalita; --";"x'); DROP TABLE alloggi; --"\n` +
      `C5;P5;A1;1;01/02/2024;;"'; DROP TABLE alloggi; --";a;b\n` +
      `C6;P6;A1;1;01/02/2024;;"Robert""); DROP TABLE ospitalita;--";c;d\n`,
    expect: {
      rejected: [],
      loaded: {
        sql: `SELECT codice_caso, ente_inviante, (SELECT columns_ignored FROM ingest_log ORDER BY ingest_id DESC LIMIT 1) AS ignorate FROM ospitalita WHERE codice_caso IN ('C5', 'C6') ORDER BY 1`,
        rows: [
          { codice_caso: 'C5', ente_inviante: "'; DROP TABLE alloggi; --", ignorate: ['codice_caso"; DROP TABLE ospitalita; --', "x'); DROP TABLE alloggi; --"] },
          { codice_caso: 'C6', ente_inviante: 'Robert"); DROP TABLE ospitalita;--', ignorate: ['codice_caso"; DROP TABLE ospitalita; --', "x'); DROP TABLE alloggi; --"] },
        ],
      },
    },
  },
  {
    name: 'formule-html.csv',
    content: () => stays('C5;P5;A1;1;01/02/2024;;"=HYPERLINK(""http://x"",""y"")"', 'C6;P6;A1;1;01/02/2024;;<script>alert(1)</script>', "C7;P7;A1;1;01/02/2024;;+cmd|' /C calc'!A0", 'C8;P8;A1;1;01/02/2024;;@SUM(1+1)'),
    expect: {
      rejected: [],
      loaded: {
        sql: `SELECT ente_inviante FROM ospitalita WHERE codice_caso IN ('C5', 'C6', 'C7', 'C8') ORDER BY codice_caso`,
        rows: [{ ente_inviante: '=HYPERLINK("http://x","y")' }, { ente_inviante: '<script>alert(1)</script>' }, { ente_inviante: "+cmd|' /C calc'!A0" }, { ente_inviante: '@SUM(1+1)' }],
      },
    },
  },
  { name: "nome con l'apice; DROP TABLE alloggi; --.csv", content: () => stays('C5;P5;A1;1;01/02/2024;;'), expect: { rejected: [], loaded: { sql: `SELECT count(*)::INTEGER AS n FROM alloggi`, rows: [{ n: 2 }] } } },
];

let t: TestDir;
const base = { db: '', snapshot: '', bytes: Buffer.alloc(0), key: '' };

beforeAll(async () => {
  t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': BASE_STAYS, 'enti.csv': ORGS, 'valutazioni.csv': ASSESSMENTS });
  mkdirSync(t.path('base'));
  base.db = t.path('base/mev.duckdb');
  const run = await mev(['ingest', ...['alloggi.csv', 'ospitalita.csv', 'enti.csv', 'valutazioni.csv'].map(t.path), '--db', base.db, '--quiet']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  base.snapshot = await snapshotDb(base.db);
  base.bytes = readFileSync(base.db);
  base.key = readFileSync(`${base.db}.key`, 'utf8');
});
afterAll(() => t?.cleanup());

/** The (line, reason) pairs of the latest call's rejected rows (notes about redacted values left out). */
async function rejectedByLastCall(db: string): Promise<[number, string][]> {
  const rows = await query<{ line: number; reason_code: string }>(
    db,
    `SELECT DISTINCT line, reason_code FROM rejected_rows
     WHERE ingest_id = (SELECT max(ingest_id) FROM ingest_log) AND reason_code <> 'identifier_redacted' ORDER BY 1, 2`,
  );
  return rows.map((r) => [r.line, r.reason_code]);
}

describe('robustness: corpus of bad files', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (name, index) => {
    const c = CASES[index]!;
    const dir = t.path(`case-${index}`);
    mkdirSync(dir);
    const file = join(dir, name);
    writeFileSync(file, encode(c.content()));
    const db = join(dir, 'mev.duckdb');
    copyDb(base.db, db);

    const run = await mev(['ingest', file, '--db', db]);
    expectNoCrash(run);

    if ('fail' in c.expect) {
      expectOneLineError(run, file, c.expect.fail);
      for (const secret of c.expect.notInMessage ?? []) expect(run.stderr).not.toContain(secret);
      // Exactly as it was: the same bytes, no WAL left behind, the same rows, the same key.
      expect(readFileSync(db).equals(base.bytes)).toBe(true);
      expect(existsSync(`${db}.wal`)).toBe(false);
      expect(readFileSync(`${db}.key`, 'utf8')).toBe(base.key);
      expect(await snapshotDb(db)).toBe(base.snapshot);
    } else {
      expect(run.code, run.stderr).toBe(0);
      expect(await rejectedByLastCall(db)).toEqual(c.expect.rejected);
      if (c.expect.loaded) expect(await query(db, c.expect.loaded.sql)).toEqual(c.expect.loaded.rows);
      // Whatever the file held, every table is still there and the base rows are untouched.
      expect(await query(db, `SELECT codice_alloggio, posti FROM alloggi WHERE codice_alloggio IN ('A1', 'A2') ORDER BY 1`)).toEqual([
        { codice_alloggio: 'A1', posti: 3 },
        { codice_alloggio: 'A2', posti: 2 },
      ]);
      expect(await query(db, `SELECT codice_caso FROM ospitalita WHERE codice_caso IN ('C1', 'C2') ORDER BY 1`)).toEqual([{ codice_caso: 'C1' }, { codice_caso: 'C2' }]);
    }
  });

  it('a bad file among good ones fails the whole call and leaves an existing database as it was', async () => {
    const dir = t.path('mixed-call');
    mkdirSync(dir);
    const db = join(dir, 'mev.duckdb');
    copyDb(base.db, db);
    writeFileSync(join(dir, 'buone.csv'), stays('C5;P5;A1;1;01/02/2024;;'));
    writeFileSync(join(dir, 'rotto.csv'), stays('C6;P6;A1;1;01/02/2024;;"aperte'));
    const run = await mev(['ingest', join(dir, 'buone.csv'), join(dir, 'rotto.csv'), '--db', db]);
    expectOneLineError(run, 'rotto.csv', /virgolette non chiuse/);
    expect(readFileSync(db).equals(base.bytes)).toBe(true);
    expect(await snapshotDb(db)).toBe(base.snapshot);
  });

  it('--strict: a file with bad rows fails the call and leaves the database as it was', async () => {
    const dir = t.path('strict');
    mkdirSync(dir);
    const db = join(dir, 'mev.duckdb');
    copyDb(base.db, db);
    writeFileSync(join(dir, 'date.csv'), stays('C5;P5;A1;1;01/02/2024;;', 'C6;P6;A1;1;31/02/2024;;'));
    const run = await mev(['ingest', join(dir, 'date.csv'), '--db', db, '--strict']);
    expectOneLineError(run, '', /--strict: 1 righe scartate/);
    expect(readFileSync(db).equals(base.bytes)).toBe(true);
    expect(await snapshotDb(db)).toBe(base.snapshot);
  });

  it('a call refused for a different key leaves neither the database nor a stray key behind', async () => {
    const dir = t.path('key');
    mkdirSync(dir);
    const db = join(dir, 'mev.duckdb');
    copyDb(base.db, db);
    // First a codice fiscale used as a code: the database now holds a hashed code.
    writeFileSync(join(dir, 'cf.csv'), stays('C5;RSSMRA80A41F205X;A1;1;01/02/2024;;'));
    expect((await mev(['ingest', join(dir, 'cf.csv'), '--db', db, '--quiet'])).code).toBe(0);
    const before = await snapshotDb(db);
    const bytes = readFileSync(db);
    rmSync(`${db}.key`);
    const run = await mev(['ingest', join(dir, 'cf.csv'), '--db', db]);
    expectOneLineError(run, '', /non è quella usata per questo database/);
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(await snapshotDb(db)).toBe(before);
    // The refused call must not leave a new key where the original one has to be put back.
    expect(existsSync(`${db}.key`)).toBe(false);
  });
});
