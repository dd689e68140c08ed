import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import Papa from 'papaparse';
import { Database, literal } from '../../src/db.js';
import { mev, query, testDir, type TestDir } from '../helpers.js';

const ALLOGGI = 'codice_alloggio;ambito;comune;posti;data_apertura\nA1;Monza;Monza;3;01/01/2024\nA2;Desio;Desio;2;01/03/2024\n';
const OSPITALITA =
  'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;data_uscita;anno_nascita;reddito_ingresso;ente_inviante\n' +
  'C1;P1;A1;2;01/02/2024;15/06/2024;1985;1234,5;"=HYPERLINK(""http://x"",""y"")"\n' +
  'C2;P2;A2;1;29/02/2024;;1990;800;Comune di Desio\n' +
  'C3;P3;A9;1;01/03/2024;;;;\n'; // unknown unit: a rejected row, so rejected_rows is not empty

/** Relations the export must write: the 8 entities, the support tables, the view, and the test's own table. */
const EXPECTED = [
  'alloggi', 'ospitalita', 'valutazioni', 'followup', 'segnalazioni', 'enti', 'rete', 'collaborazione',
  'ingest_log', 'rejected_rows', 'tipi', 'territorio', 'vocabolari', 'percorsi',
];

let t: TestDir;
const exportTo = (out: string, format: string) => mev(['export', '--db', t.db, '--out', out, '--format', format], {}, t.dir);

beforeAll(async () => {
  t = testDir({ 'alloggi.csv': ALLOGGI, 'ospitalita.csv': OSPITALITA });
  const ingest = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', t.db, '--quiet'], {}, t.dir);
  expect(ingest.code).toBe(0);
  // A table with the types and values no ingest produces: negative numbers, DECIMAL, big BIGINT,
  // lists, timestamps, and more rows than one Arrow record batch (65 536).
  const db = await Database.open(t.db);
  try {
    await db.run(`CREATE TABLE tipi AS
      SELECT -12.5::DOUBLE AS neg, 1234.50::DECIMAL(10,2) AS importo, -3::DECIMAL(5,1) AS importo_neg, 5000000000::BIGINT AS grande,
             ['a', NULL, 'c'] AS lista, TIMESTAMP '2024-01-01 10:00:00.123456' AS ts, true AS vero, '-1+1' AS testo, DATE '2024-02-29' AS giorno
      UNION ALL SELECT NULL, NULL, NULL, NULL, [], NULL, NULL, NULL, NULL
      UNION ALL SELECT range::DOUBLE, NULL, NULL, range, NULL, NULL, false, 'r' || range, NULL FROM range(70000)`);
  } finally {
    db.close();
  }
});
afterAll(() => t.cleanup());

async function memoryDb<T>(work: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('commands/export', () => {
  describe('parquet', () => {
    let run: Awaited<ReturnType<typeof exportTo>>;
    let out: string;
    beforeAll(async () => {
      out = t.path('parquet');
      run = await exportTo('parquet', 'parquet');
    });

    it('writes every table and view but mev_meta, and says what it wrote on stderr', () => {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(readdirSync(out).sort()).toEqual(EXPECTED.map((n) => `${n}.parquet`).sort());
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines.slice(0, -1)).toEqual(expect.arrayContaining([`  ${join(out, 'alloggi.parquet')}: 2 righe`, `  ${join(out, 'rejected_rows.parquet')}: 1 riga`]));
      expect(lines.at(-1)).toBe(`esportate 14 tabelle e viste in ${out} (formato parquet)`);
    });

    it('reads back in DuckDB with the same rows, column names and types', async () => {
      const source = await Database.open(t.db, { readOnly: true });
      try {
        await memoryDb(async (run) => {
          for (const name of EXPECTED) {
            const file = literal(join(out, `${name}.parquet`));
            const original = await source.all(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "${name}")`);
            const exported = await run(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${file}))`);
            expect(exported, name).toEqual(original);
            const count = await source.value<number>(`SELECT count(*) FROM "${name}"`);
            expect(Number((await run(`SELECT count(*) AS n FROM read_parquet(${file})`))[0]!['n']), name).toBe(count);
          }
          // Same values, not just the same shape: the table rebuilt from Parquet equals the original.
          const rows = await run(`SELECT codice_caso, data_ingresso::VARCHAR AS d, reddito_ingresso, ente_inviante FROM read_parquet(${literal(join(out, 'ospitalita.parquet'))}) ORDER BY 1`);
          expect(rows).toEqual([
            { codice_caso: 'C1', d: '2024-02-01', reddito_ingresso: 1234.5, ente_inviante: '=HYPERLINK("http://x","y")' },
            { codice_caso: 'C2', d: '2024-02-29', reddito_ingresso: 800, ente_inviante: 'Comune di Desio' },
          ]);
        });
      } finally {
        source.close();
      }
    });

    it('creates files readable by the owner only', () => {
      expect(statSync(join(out, 'ospitalita.parquet')).mode & 0o777).toBe(0o600);
    });
  });

  describe('csv for Excel', () => {
    let out: string;
    beforeAll(async () => {
      out = t.path('excel');
      expect((await exportTo('excel', 'csv')).code).toBe(0);
    });

    it('writes UTF-8 with BOM, `;`, decimal comma, ISO dates, and neutralises formula-like text', () => {
      const text = readFileSync(join(out, 'ospitalita.csv'), 'utf8');
      expect(text.startsWith('\ufeffcodice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;data_uscita;')).toBe(true);
      const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
      const header = rows[0]!;
      const c1 = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === 'C1')![i]]));
      expect(c1).toMatchObject({
        posti_occupati: '2',
        data_ingresso: '2024-02-01',
        data_uscita: '2024-06-15',
        anno_nascita: '1985',
        reddito_ingresso: '1234,5',
        ente_inviante: `'=HYPERLINK("http://x","y")`,
        data_segnalazione: '',
      });
    });

    it('keeps numbers as numbers: a negative number is not neutralised, a text starting with - is', () => {
      const lines = readFileSync(join(out, 'tipi.csv'), 'utf8').split('\r\n');
      expect(lines[0]).toBe('\ufeffneg;importo;importo_neg;grande;lista;ts;vero;testo;giorno');
      // DOUBLE -12.5 → -12,5; DECIMAL keeps its scale; lists as a|b (ingest's list syntax); text '-1+1' prefixed.
      expect(lines[1]).toBe("-12,5;1234,50;-3,0;5000000000;a||c;2024-01-01 10:00:00.123456;VERO;'-1+1;2024-02-29");
      expect(lines[2]).toBe(';;;;"";;;;');
      expect(lines).toHaveLength(2 + 1 + 70000 + 1); // header, 2 rows, 70 000 rows, '' after the last CRLF
    });
  });

  describe('arrow', () => {
    let out: string;
    const read = (name: string): Table => tableFromIPC(readFileSync(join(out, `${name}.arrow`)));
    beforeAll(async () => {
      out = t.path('arrow');
      expect((await exportTo('arrow', 'arrow')).code).toBe(0);
    });

    it('writes one Arrow IPC file per relation, readable with the same row counts', async () => {
      expect(readdirSync(out).sort()).toEqual(EXPECTED.map((n) => `${n}.arrow`).sort());
      for (const name of EXPECTED) {
        const [{ n }] = await query<{ n: number }>(t.db, `SELECT count(*) AS n FROM "${name}"`) as [{ n: number }];
        expect(read(name).numRows, name).toBe(n);
      }
    });

    it('keeps DuckDB types: Int32, Int64, Float64, DateDay, Timestamp, Bool, Utf8, List<Utf8>, Decimal', () => {
      const types = (table: Table) => Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
      expect(types(read('alloggi'))).toMatchObject({ codice_alloggio: 'Utf8', posti: 'Int32', data_apertura: 'Date32<DAY>' });
      expect(types(read('percorsi'))).toMatchObject({ n_permanenze: 'Int64', casi: 'List<Utf8>', aperto: 'Bool', giorni: 'Int32', reddito_ingresso: 'Float64' });
      expect(types(read('ingest_log'))).toMatchObject({ started_at: 'Timestamp<MICROSECOND>', columns_dropped: 'List<Utf8>' });
      expect(types(read('tipi'))).toMatchObject({ neg: 'Float64', importo: 'Decimal[10e+2]', grande: 'Int64' });
      expect(DataType.isDate(read('ospitalita').schema.fields.find((f) => f.name === 'data_ingresso')!.type)).toBe(true);
    });

    it('keeps values, nulls included, across record batches', () => {
      const ospitalita = read('ospitalita');
      const c1 = ospitalita.toArray().find((r) => r.codice_caso === 'C1')!.toJSON();
      expect(c1).toMatchObject({ posti_occupati: 2, anno_nascita: 1985, reddito_ingresso: 1234.5, data_uscita: Date.UTC(2024, 5, 15), data_segnalazione: null });
      const tipi = read('tipi');
      expect(tipi.batches.length).toBe(2); // 70 002 rows: 65 536 + 4 466
      const first = tipi.get(0)!.toJSON();
      expect(first).toMatchObject({ neg: -12.5, grande: 5000000000n, vero: true, testo: '-1+1', giorno: Date.UTC(2024, 1, 29) });
      expect([...(first['lista'] as Iterable<string | null>)]).toEqual(['a', null, 'c']);
      // TIMESTAMP as microseconds: 2024-01-01 10:00:00.123456
      expect(tipi.getChild('ts')!.data[0]!.values[0]).toBe(BigInt(Date.UTC(2024, 0, 1, 10)) * 1000n + 123456n);
      // DECIMAL(10,2) 1234.50 is the scaled integer 123450 in the low 32-bit word of 128
      expect([...(tipi.getChild('importo')!.get(0) as Uint32Array)]).toEqual([123450, 0, 0, 0]);
      // DECIMAL(5,1) -3.0 is -30 in two's complement
      expect([...(tipi.getChild('importo_neg')!.get(0) as Uint32Array)]).toEqual([2 ** 32 - 30, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1]);
      expect(tipi.get(1)!.toJSON()).toMatchObject({ neg: null, grande: null, ts: null, vero: null, giorno: null });
      expect(tipi.get(70001)!.toJSON()).toMatchObject({ neg: 69999, grande: 69999n, testo: 'r69999' });
      expect(tipi.getChild('neg')!.nullCount).toBe(1);
    });

    it('writes the schema of an empty table', () => {
      const valutazioni = read('valutazioni');
      expect(valutazioni.numRows).toBe(0);
      expect(valutazioni.schema.fields.map((f) => f.name)).toEqual(['codice_caso', 'fase', 'data', 'dimensione', 'punteggio', 'fase_originale']);
    });

    it('carries the COMMENTs as metadata', () => {
      const alloggi = read('alloggi');
      expect(alloggi.schema.metadata.get('comment')).toMatch(/^Alloggi: /);
      expect(alloggi.schema.fields.find((f) => f.name === 'posti')!.metadata.get('comment')).toBe('Posti letto disponibili nell’alloggio.');
    });
  });

  describe('output folder', () => {
    it('creates a missing folder, replaces files of the same name, leaves other files alone', async () => {
      const out = t.path('nuova/cartella');
      expect((await exportTo('nuova/cartella', 'parquet')).code).toBe(0);
      writeFileSync(join(out, 'appunti.txt'), 'mie note');
      writeFileSync(join(out, 'alloggi.parquet'), 'vecchio');
      expect((await exportTo('nuova/cartella', 'parquet')).code).toBe(0);
      expect(readFileSync(join(out, 'appunti.txt'), 'utf8')).toBe('mie note');
      await memoryDb(async (run) => {
        expect(Number((await run(`SELECT count(*) AS n FROM read_parquet(${literal(join(out, 'alloggi.parquet'))})`))[0]!['n'])).toBe(2);
      });
      expect(readdirSync(out).filter((f) => f.includes('parziale'))).toEqual([]);
    });

    it('refuses an --out that is a file, on one line', async () => {
      writeFileSync(t.path('un-file'), '');
      const run = await exportTo('un-file', 'csv');
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(/^mev: --out un-file: esiste ed è un file, non una cartella[^\n]*\n$/);
    });

    it('says when the database does not exist', async () => {
      const run = await mev(['export', '--db', t.path('manca.duckdb'), '--out', t.path('x')], {}, t.dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/manca\.duckdb non trovato/);
      expect(existsSync(t.path('x'))).toBe(false);
    });
  });
});
