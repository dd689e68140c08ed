import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db.js';
import { mev, query, testDir, type TestDir } from '../helpers.js';

const ALLOGGI = 'codice_alloggio;ambito;comune;posti;data_apertura\nA1;Monza;Monza;3;01/01/2024\nA2;Desio;Desio;2;01/03/2024\n';
const OSPITALITA =
  'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;data_uscita;anno_nascita;reddito_ingresso;ente_inviante\n' +
  'C1;P1;A1;2;01/02/2024;15/06/2024;1985;1234,5;"=HYPERLINK(""http://x"",""y"")"\n' +
  'C2;P2;A2;1;29/02/2024;;1990;800;Comune di Desio\n';

let t: TestDir;
const sql = (...args: string[]) => mev(['sql', '--db', t.db, ...args], {}, t.dir);

beforeAll(async () => {
  t = testDir({ 'alloggi.csv': ALLOGGI, 'ospitalita.csv': OSPITALITA });
  const ingest = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db, '--quiet'], {}, t.dir);
  expect(ingest).toMatchObject({ code: 0 });
});
afterAll(() => t.cleanup());

/** Exit 1, nothing on stdout, exactly one line on stderr (no stack trace). */
function expectOneLineError(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^mev: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('commands/sql', () => {
  describe('read-only lock', () => {
    // {fuori} stands for a path in the test directory (known only once it exists).
    const target = () => t.path('fuori');
    const resolveTarget = (statement: string) => statement.replaceAll('{fuori}', target());
    const WRITING_OR_ESCAPING = [
      `COPY alloggi TO '{fuori}.csv'`,
      `COPY (SELECT 1) TO '{fuori}.parquet' (FORMAT parquet)`,
      `ATTACH '{fuori}.duckdb' AS altro`,
      `ATTACH ':memory:' AS m`,
      `DETACH altro`,
      `INSTALL httpfs`,
      `LOAD httpfs`,
      `LOAD json`,
      `SET threads = 1`,
      `SET enable_external_access = true`,
      `SET lock_configuration = false`,
      `SET search_path = 'main'`,
      `SET VARIABLE x = 1`,
      `RESET threads`,
      `PRAGMA threads = 1`,
      `PRAGMA enable_profiling`,
      `EXPORT DATABASE '{fuori}'`,
      `CREATE TABLE nuova (x INTEGER)`,
      `CREATE TEMP TABLE nuova AS SELECT 1`,
      `CREATE VIEW v AS SELECT 1`,
      `CREATE MACRO m(x) AS x`,
      `INSERT INTO alloggi (codice_alloggio) VALUES ('X')`,
      `UPDATE alloggi SET posti = 99`,
      `DELETE FROM alloggi`,
      `DROP TABLE alloggi`,
      `ALTER TABLE alloggi ADD COLUMN z INTEGER`,
      `COMMENT ON TABLE alloggi IS 'x'`,
      `BEGIN TRANSACTION`,
      `CHECKPOINT`,
      `SELECT * FROM read_csv('/etc/passwd')`,
      `SELECT * FROM read_text('/etc/passwd')`,
      `SELECT * FROM read_blob('/etc/passwd')`,
      `SELECT * FROM glob('/etc/*')`,
      `SELECT * FROM read_parquet('{fuori}.parquet')`,
      `SELECT 1; DELETE FROM alloggi`,
    ];

    it.each(WRITING_OR_ESCAPING.map((statement) => [statement]))('refuses %s', async (statement) => {
      const run = await sql(resolveTarget(statement));
      expectOneLineError(run, /sola lettura: mev sql non può modificare dati né accedere a file/);
    });

    it('leaves the database and the file system as they were', async () => {
      for (const statement of WRITING_OR_ESCAPING) await sql(resolveTarget(statement));
      expect(await query(t.db, 'SELECT count(*)::INTEGER AS n, sum(posti)::INTEGER AS posti FROM alloggi')).toEqual([{ n: 2, posti: 5 }]);
      expect(await query(t.db, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'nuova'`)).toEqual([{ n: 0 }]);
      for (const ext of ['.csv', '.parquet', '.duckdb', '']) expect(existsSync(`${target()}${ext}`)).toBe(false);
    });

    it('names the refused statement and its place among several', async () => {
      const run = await sql('SELECT 1; INSERT INTO alloggi (codice_alloggio) VALUES (1)');
      expectOneLineError(run, /istruzione INSERT \(la 2ª di 2\) non ammessa/);
    });

    // The engine layer alone (Database.open with `locked`), without mev's statement check.
    it.each([
      [`COPY alloggi TO '/tmp/mev-never.csv'`, /file system operations are disabled/],
      [`SELECT * FROM read_csv('/etc/passwd')`, /file system operations are disabled/],
      [`SELECT * FROM glob('/etc/*')`, /file system operations are disabled/],
      [`LOAD httpfs`, /disabled through configuration/],
      [`SET memory_limit = '10GB'`, /configuration has been locked/],
      [`SET enable_external_access = true`, /configuration has been locked/],
      [`INSERT INTO alloggi (codice_alloggio) VALUES ('X')`, /read-only mode/],
    ])('the locked database itself refuses %s', async (statement, error) => {
      const db = await Database.open(t.db, { readOnly: true, locked: true });
      try {
        await expect(db.run(statement)).rejects.toThrow(error);
      } finally {
        db.close();
      }
    });
  });

  describe('errors', () => {
    it('reports a syntax error on one line', async () => {
      expectOneLineError(await sql('SELEC * FROM alloggi'), /^mev: errore nella query SQL: Parser Error: syntax error at or near "SELEC"\n$/);
    });

    it('keeps DuckDB’s hint and drops the caret lines', async () => {
      expectOneLineError(await sql('SELECT * FROM aloggi'), /Table with name aloggi does not exist! Did you mean "alloggi"\?\n$/);
    });

    it.each([[''], ['   '], [';'], ['/* solo un commento */']])('refuses a query without statements: %j', async (text) => {
      expectOneLineError(await sql(text), /nessuna istruzione SQL/);
    });

    it('says when the database does not exist', async () => {
      expectOneLineError(await mev(['sql', '--db', t.path('manca.duckdb'), 'SELECT 1'], {}, t.dir), /manca\.duckdb non trovato/);
    });
  });

  describe('csv', () => {
    it('writes machine CSV: `,`, `.` decimals, ISO dates, header, no BOM, text untouched', async () => {
      const run = await sql('--format', 'csv', 'SELECT codice_caso, data_ingresso, data_uscita, reddito_ingresso, anno_nascita, ente_inviante FROM ospitalita ORDER BY codice_caso');
      expect(run).toEqual({
        code: 0,
        stderr: '',
        stdout:
          'codice_caso,data_ingresso,data_uscita,reddito_ingresso,anno_nascita,ente_inviante\n' +
          'C1,2024-02-01,2024-06-15,1234.5,1985,"=HYPERLINK(""http://x"",""y"")"\n' +
          'C2,2024-02-29,,800,1990,Comune di Desio\n',
      });
    });

    it('keeps every digit and type: doubles, DECIMAL scale, booleans, lists as JSON, empty vs null', async () => {
      const run = await sql(
        '--format', 'csv',
        "SELECT 0.1::DOUBLE + 0.2::DOUBLE AS x, 1e-7::DOUBLE AS y, -12.30::DECIMAL(10,2) AS m, 5000000000::BIGINT AS b, true AS v, ['a','b'] AS l, NULL AS n, '' AS e, 'a,b' AS q",
      );
      expect(run.stdout).toBe('x,y,m,b,v,l,n,e,q\n0.30000000000000004,1e-7,-12.30,5000000000,true,"[""a"",""b""]",,"","a,b"\n');
    });

    it('streams a large result in chunks', async () => {
      const chunks: string[] = [];
      const { createCLI } = await import('../../cli.js');
      const code = await createCLI({ stdout: (s) => chunks.push(s), stderr: () => undefined, env: {}, cwd: t.dir }).run([
        'sql', '--db', t.db, '--format', 'csv', 'SELECT range AS i FROM range(10000)',
      ]);
      expect(code).toBe(0);
      // header + ceil(10000 / 2048) = 5 DuckDB chunks
      expect(chunks.length).toBe(6);
      const lines = chunks.join('').split('\n');
      expect(lines.length).toBe(10002); // header, 10000 rows, '' after the last newline
      expect(lines[10000]).toBe('9999');
    });

    it('prints the last result of several statements', async () => {
      expect((await sql('--format', 'csv', 'SELECT 1 AS a; SELECT 2 AS b;')).stdout).toBe('b\n2\n');
    });
  });

  describe('json', () => {
    it('writes an array of row objects with typed values', async () => {
      const run = await sql(
        '--format', 'json',
        'SELECT codice_caso, data_uscita, reddito_ingresso, anno_nascita, 5000000000::BIGINT AS big, 12.30::DECIMAL(10,2) AS m, codice_caso = \'C1\' AS primo FROM ospitalita ORDER BY codice_caso',
      );
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        { codice_caso: 'C1', data_uscita: '2024-06-15', reddito_ingresso: 1234.5, anno_nascita: 1985, big: 5000000000, m: 12.3, primo: true },
        { codice_caso: 'C2', data_uscita: null, reddito_ingresso: 800, anno_nascita: 1990, big: 5000000000, m: 12.3, primo: false },
      ]);
      expect(run.stdout.split('\n')).toHaveLength(5); // '[', one line per row, ']', ''
    });

    it('writes [] for no rows and keeps duplicate column names apart', async () => {
      expect((await sql('--format', 'json', 'SELECT * FROM alloggi WHERE false')).stdout).toBe('[]\n');
      expect(JSON.parse((await sql('--format', 'json', 'SELECT 1 AS a, 2 AS a')).stdout)).toEqual([{ a: 1, 'a:1': 2 }]);
    });
  });

  describe('table', () => {
    it('formats in Italian by column type: years and codes ungrouped, counts grouped', async () => {
      const run = await sql(
        "SELECT 1985 AS anno_nascita, 1234::BIGINT AS n, year(DATE '2025-03-01') AS anno, 0.8532::DOUBLE AS r, 2.5::DOUBLE AS s, 1234.5::DECIMAL(8,2) AS m, DATE '2025-12-31' AS d, true AS b",
      );
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]!.split(/\s+/)).toEqual(['anno_nascita', 'n', 'anno', 'r', 's', 'm', 'd', 'b']);
      // INTEGER 1985 and year() (BIGINT named anno) ungrouped; BIGINT count grouped; the DOUBLE
      // 0.8532 needs 4 decimals; DECIMAL(8,2) shows its scale; the date dd/mm/yyyy; true → sì.
      expect(lines[2]!.trim().split(/\s+/)).toEqual(['1985', '1.234', '2025', '0,8532', '2,5', '1.234,50', '31/12/2025', 'sì']);
      expect(lines[3]).toBe('(1 riga)');
    });

    it('lists tables and views with row counts and comments when there is no query', async () => {
      const run = await sql('--format', 'json');
      const rows = JSON.parse(run.stdout) as { nome: string; tipo: string; righe: number; descrizione: string }[];
      expect(rows.slice(0, 8).map((r) => r.nome)).toEqual(['alloggi', 'ospitalita', 'valutazioni', 'followup', 'segnalazioni', 'enti', 'rete', 'collaborazione']);
      expect(rows.find((r) => r.nome === 'alloggi')).toMatchObject({ tipo: 'tabella', righe: 2, descrizione: expect.stringMatching(/^Alloggi: /) });
      expect(rows.at(-1)).toMatchObject({ nome: 'percorsi', tipo: 'vista', righe: 2 });
      expect(rows.map((r) => r.nome)).toEqual(expect.arrayContaining(['ingest_log', 'rejected_rows', 'vocabolari', 'territorio']));
      const table = await sql();
      expect(table.stdout).toMatch(/^alloggi +tabella +2 +Alloggi: /m);
      expect(table.stdout).toMatch(/^\(\d+ righe\)\n$/m);
    });

    it('shows at most 1000 rows and says how many there are', async () => {
      const run = await sql('SELECT range AS i FROM range(1500)');
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(2 + 1000 + 1); // header, rule, rows, count
      expect(lines.at(-1)).toBe('(1.500 righe)');
      expect(run.stderr).toBe('mostrate le prime 1.000 righe su 1.500: per averle tutte usa --format csv o --format json\n');
    });

    it('prints an EXPLAIN plan as DuckDB draws it', async () => {
      const run = await sql('EXPLAIN SELECT * FROM alloggi');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/SEQ_SCAN/);
      expect(run.stdout).not.toMatch(/explain_value/);
    });
  });
});
