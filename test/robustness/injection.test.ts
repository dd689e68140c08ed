/**
 * Injection, three ways (§4, §6):
 * - spreadsheet formulas: text cells starting with = + - @ tab or CR, put in the data wherever an
 *   export can carry them, come out neutralised in every Excel-bound output (export csv,
 *   indicators csv and xlsx); numbers keep their sign;
 * - SQL: hostile header names, values, mapping labels, file names and options load or fail as
 *   plain data — every identifier and literal in generated SQL is quoted;
 * - `mev sql` stays read-only against what sql.test.ts does not already try.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, mev, query, testDir, type TestDir } from '../helpers.js';
import { expectNoCrash, snapshotDb } from './support.js';

/** OWASP's triggers: a cell a spreadsheet would evaluate. */
const TRIGGER = /^[=+\-@\t\r]/;
/** A number as the Excel CSV writes it (decimal comma, no grouping): may start with '-'. */
const NUMBER = /^-?[0-9]+(,[0-9]+)?(E-?[0-9]+)?$/;

const PAYLOADS = {
  hyperlink: '=HYPERLINK("http://x","y")',
  plus: "+cmd|' /C calc'!A0",
  minus: '-2+3',
  at: '@SUM(1+1)',
  cr: '\r=1+1',
  html: '<script>alert(1)</script>',
};

const UNITS = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura', 'ente_gestore', 'tipologia'],
  ['A1', 'Monza', 'Monza', 3, '01/01/2023', PAYLOADS.hyperlink, PAYLOADS.minus],
  // An unknown district and municipality are kept as written: they become breakdown groups.
  ['A2', '=AMBITO()', '+Comune', 2, '01/01/2023', PAYLOADS.at, ''],
  ['@A3', 'Desio', 'Desio', 2, '01/01/2023', '', ''],
]);
const STAYS =
  'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;data_uscita;ente_inviante;target;destinazione_uscita;"=IGNORATA()";"@colonna"\n' +
  `C1;P1;A1;1;10/01/2024;15/05/2024;"${PAYLOADS.hyperlink.replaceAll('"', '""')}";madre_con_figli;affitto_autonomo;x;y\n` +
  `C2;P2;A2;2;01/02/2024;;"${PAYLOADS.plus}";"${PAYLOADS.at}";;x;y\n` +
  `C3;P3;@A3;1;01/03/2024;01/06/2024;"${PAYLOADS.cr}";-vittima;=cmd();x;y\n` +
  `=C4;P4;A1;1;31/02/2024;;${PAYLOADS.html};;;x;y\n` + // rejected: raw_line starts with '='
  `C5;P5;A1;1;01/04/2024;;"\t=tab";;;x;y\n`;
const ORGS = csv([['codice_ente', 'nome', 'tipo'], ['E1', '=1+1', 'comune'], ['E2', '-Associazione', '@tipo']]);
const SURVEY = csv([['ondata', 'ente', 'partner', 'livello'], ['2024', 'E1', 'E2', 3], ['2024', 'E2', 'E1', 2]]);

let t: TestDir;

beforeAll(async () => {
  t = testDir({ 'alloggi.csv': UNITS, 'ospitalita.csv': STAYS, 'enti.csv': ORGS, 'rete.csv': SURVEY });
  const run = await mev(['ingest', ...['alloggi.csv', 'ospitalita.csv', 'enti.csv', 'rete.csv'].map(t.path), '--db', t.db, '--quiet'], {}, t.dir);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => t?.cleanup());

/** Cells of an Excel-it CSV (BOM, `;`, CRLF). */
function excelCells(text: string): string[][] {
  expect(text.startsWith('\ufeff')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
}

/** Cells a spreadsheet would evaluate: formula-like and not a number. */
function liveFormulas(rows: string[][]): string[] {
  return rows.flat().filter((cell) => TRIGGER.test(cell) && !NUMBER.test(cell));
}

describe('robustness: spreadsheet formula injection', () => {
  it('ingest keeps the payloads as written (neutralising is for outputs only)', async () => {
    expect(await query(t.db, `SELECT codice_caso, ente_inviante, target_originale, destinazione_uscita_originale FROM ospitalita ORDER BY 1`)).toEqual([
      { codice_caso: 'C1', ente_inviante: PAYLOADS.hyperlink, target_originale: null, destinazione_uscita_originale: null },
      { codice_caso: 'C2', ente_inviante: PAYLOADS.plus, target_originale: PAYLOADS.at, destinazione_uscita_originale: null },
      { codice_caso: 'C3', ente_inviante: PAYLOADS.cr, target_originale: '-vittima', destinazione_uscita_originale: '=cmd()' },
      // A tab around a value is trimmed like a space: what is left still starts with '='.
      { codice_caso: 'C5', ente_inviante: '=tab', target_originale: null, destinazione_uscita_originale: null },
    ]);
    expect(await query(t.db, `SELECT raw_line FROM rejected_rows WHERE line = 5`)).toEqual([{ raw_line: expect.stringMatching(/^=C4;/) }]);
  });

  it('`mev export --format csv`: no live formula in any cell of any table, the payloads prefixed with an apostrophe', async () => {
    const out = t.path('export');
    const run = await mev(['export', '--db', t.db, '--out', out, '--format', 'csv'], {}, t.dir);
    expect(run.code, run.stderr).toBe(0);
    const all: string[][] = [];
    for (const file of readdirSync(out)) {
      const rows = excelCells(readFileSync(join(out, file), 'utf8'));
      expect(liveFormulas(rows), file).toEqual([]);
      all.push(...rows);
    }
    const cells = new Set(all.flat());
    for (const payload of [PAYLOADS.hyperlink, PAYLOADS.plus, PAYLOADS.minus, PAYLOADS.at, PAYLOADS.cr, '=1+1', '-Associazione', '@A3', '=AMBITO()', '+Comune', '=cmd()', '-vittima', '=tab']) {
      expect(cells.has(`'${payload}`), payload).toBe(true);
    }
    // Lists (the ignored headers in ingest_log) and rejected raw lines too.
    expect([...cells].some((c) => c.startsWith(`'=IGNORATA()`))).toBe(true);
    expect([...cells].some((c) => c.startsWith(`'=C4;`))).toBe(true);
    // HTML is not a formula: left as written.
    expect([...cells].some((c) => c.includes(PAYLOADS.html))).toBe(true);
  });

  it.each(['ambito', 'comune', 'alloggio', 'target'])('`mev indicators --format csv --by %s`: no live formula', async (by) => {
    const run = await mev(['indicators', '--db', t.db, '--period', '2024', '--by', by, '--format', 'csv'], {}, t.dir);
    expect(run.code, run.stderr).toBe(0);
    const rows = excelCells(run.stdout);
    expect(rows.length).toBeGreaterThan(10);
    expect(liveFormulas(rows)).toEqual([]);
  });

  it('`mev indicators --format xlsx`: no formula cell, no text cell starting with a trigger', async () => {
    for (const by of ['ambito', 'alloggio']) {
      const file = t.path(`indicatori-${by}.xlsx`);
      const run = await mev(['indicators', '--db', t.db, '--period', '2024', '--by', by, '--format', 'xlsx', '--out', file], {}, t.dir);
      expect(run.code, run.stderr).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const bad: unknown[] = [];
      let cells = 0;
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            cells++;
            if (cell.type === ExcelJS.ValueType.Formula) bad.push(cell.value);
            if (typeof cell.value === 'string' && TRIGGER.test(cell.value)) bad.push(cell.value);
          }),
        ),
      );
      expect(cells).toBeGreaterThan(50);
      expect(bad).toEqual([]);
      // The groups named after the hostile districts and units are there, as text.
      const texts = JSON.stringify(workbook.worksheets.map((s) => s.getSheetValues()));
      expect(texts).toContain(by === 'ambito' ? '=AMBITO()' : '@A3');
    }
  });
});

describe('robustness: SQL injection through data', () => {
  it('hostile headers, values, mapping labels and file names load as plain data', async () => {
    const d = testDir({ 'alloggi.csv': UNITS });
    try {
      const hostile = {
        header: `Cod. "caso"; DROP TABLE alloggi; --`,
        target: `Mamma'); DROP TABLE ospitalita; --`,
        ente: `x' OR '1'='1`,
        quoteHeader: `"; DELETE FROM ingest_log; --`,
      };
      writeFileSync(
        d.path(`it's; DROP TABLE alloggi; --.csv`),
        `"${hostile.header.replaceAll('"', '""')}";codice_persona;codice_alloggio;posti_occupati;data_ingresso;target;ente_inviante;"${hostile.quoteHeader.replaceAll('"', '""')}"\n` +
          `C1;P1;A1;1;10/01/2024;"${hostile.target}";"${hostile.ente}";z\n` +
          `C2;P2;A1;1;10/01/2024;"Ambito 'Nord'; --";"a""b;c";z\n`,
      );
      writeFileSync(d.path('mapping.json'), JSON.stringify({ columns: { [hostile.header]: 'codice_caso' }, values: { target: { [hostile.target]: 'madre_con_figli' } } }));
      const units = await mev(['ingest', d.path('alloggi.csv'), '--db', d.db, '--quiet']);
      expect(units.code).toBe(0);
      const run = await mev(['ingest', d.path(`it's; DROP TABLE alloggi; --.csv`), '--db', d.db, '--mapping', d.path('mapping.json')]);
      expect(run.code, run.stderr).toBe(0);
      expect(await query(d.db, 'SELECT codice_caso, target, target_originale, ente_inviante FROM ospitalita ORDER BY 1')).toEqual([
        { codice_caso: 'C1', target: 'madre_con_figli', target_originale: null, ente_inviante: hostile.ente },
        { codice_caso: 'C2', target: 'non_classificato', target_originale: "Ambito 'Nord'; --", ente_inviante: 'a"b;c' },
      ]);
      expect(await query(d.db, `SELECT file LIKE '%it''s; DROP TABLE alloggi; --.csv' AS named, columns_ignored FROM ingest_log ORDER BY ingest_id DESC LIMIT 1`)).toEqual([
        { named: true, columns_ignored: [hostile.quoteHeader] },
      ]);
      expect(await query(d.db, 'SELECT (SELECT count(*) FROM alloggi)::INTEGER AS alloggi, (SELECT count(*) FROM ingest_log)::INTEGER AS log')).toEqual([{ alloggi: 3, log: 2 }]);
    } finally {
      d.cleanup();
    }
  });

  it('hostile options fail on one line or are read as plain values, and change nothing', async () => {
    const before = await snapshotDb(t.db);
    const runs = [
      ['ingest', t.path('alloggi.csv'), '--db', t.db, '--as', `alloggi'; DROP TABLE alloggi; --`],
      ['ingest', t.path('alloggi.csv'), '--db', t.db, '--replace', `alloggi"; DROP TABLE alloggi; --`],
      ['indicators', '--db', t.db, '--period', '2024', '--wave', `2024'; DROP TABLE rete; --`, '--format', 'json'],
      ['indicators', '--db', t.db, '--period', `2024'; --`],
      ['indicators', '--db', t.db, '--by', `ambito; DROP TABLE alloggi`],
      ['indicators', '--db', t.db, '--ids', `occupancy_rate'); DROP TABLE alloggi; --`],
      ['indicators', '--db', t.db, '--from', `01/01/2024' OR 1=1 --`, '--to', '31/12/2024'],
      ['indicators', '--db', t.db, '--period', '2024', '--as-of', `2024-12-31'); --`],
    ];
    for (const args of runs) {
      const run = await mev(args, {}, t.dir);
      expectNoCrash(run);
      if (run.code === 1) expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(await snapshotDb(t.db)).toBe(before);
  });
});

describe('robustness: `mev sql` stays read-only (beyond test/commands/sql.test.ts)', () => {
  const target = () => t.path('fuori');
  // Each statement is refused, by mev's statement check or by the locked engine; none writes a file.
  const STATEMENTS = [
    `IMPORT DATABASE '{fuori}'`,
    `COPY alloggi FROM '{fuori}.csv'`,
    `CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')`,
    `SET GLOBAL threads = 1`,
    `SET profiling_output = '{fuori}.json'`,
    `PRAGMA enable_checkpoint_on_shutdown`,
    `LOAD '{fuori}.duckdb_extension'`,
    `INSTALL json FROM 'http://example.com'`,
    `UPDATE EXTENSIONS`,
    `USE memory`,
    `DETACH DATABASE mev`,
    `PREPARE p AS SELECT 1`,
    `VACUUM`,
    `SELECT * FROM read_json('/etc/passwd')`,
    `SELECT * FROM parquet_metadata('{fuori}.parquet')`,
    `SUMMARIZE SELECT * FROM read_csv('/etc/passwd')`,
    `DESCRIBE SELECT * FROM glob('/etc/*')`,
    // EXPLAIN passes mev's statement check; EXPLAIN ANALYZE runs its statement: the engine must refuse.
    `EXPLAIN COPY alloggi TO '{fuori}.csv'`,
    `EXPLAIN ANALYZE COPY alloggi TO '{fuori}.csv'`,
    `EXPLAIN ANALYZE COPY (SELECT * FROM ospitalita) TO '{fuori}.parquet' (FORMAT parquet)`,
    `EXPLAIN ANALYZE INSERT INTO alloggi (codice_alloggio) VALUES ('X')`,
    `EXPLAIN ANALYZE SET threads = 1`,
    `EXPLAIN ANALYZE SELECT * FROM read_text('/etc/passwd')`,
  ];

  it.each(STATEMENTS.map((s) => [s]))('refuses %s on one line', async (statement) => {
    const run = await mev(['sql', '--db', t.db, statement.replaceAll('{fuori}', target())], {}, t.dir);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mev: [^\n]+\n$/);
    expect(run.stderr).toMatch(/sola lettura|errore nella query SQL/);
    expect(run.stderr).not.toMatch(/errore interno/);
  });

  it('leaves the database and the file system as they were', async () => {
    const before = await snapshotDb(t.db);
    const bytes = readFileSync(t.db);
    for (const statement of STATEMENTS) await mev(['sql', '--db', t.db, statement.replaceAll('{fuori}', target())], {}, t.dir);
    expect(readFileSync(t.db).equals(bytes)).toBe(true);
    expect(await snapshotDb(t.db)).toBe(before);
    for (const ext of ['', '.csv', '.parquet', '.json', '.duckdb']) expect(existsSync(`${target()}${ext}`)).toBe(false);
  });
});
