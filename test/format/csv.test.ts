import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Column } from '../../src/format/cells.js';
import { UTF8_BOM, csvChunks, csvWriter, toCsv } from '../../src/format/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'mev-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: Column[] = [
  { key: 'ambito', label: 'Ambito', type: 'string' },
  { key: 'posti', type: 'integer' },
  { key: 'tasso', type: 'number' },
  { key: 'data', type: 'date' },
  { key: 'aperto', type: 'boolean' },
];

const PAYLOADS = ['=HYPERLINK("http://x","y")', '+1+1', '-1+1', '@SUM(A1)', '\tcmd', '\rcmd'];

describe('format/csv', () => {
  describe('machine dialect', () => {
    it('writes a header, `,`, `.` decimals, ISO dates, LF, no BOM', () => {
      const text = toCsv(
        [{ ambito: 'Monza', posti: 1234, tasso: 0.659, data: '2025-12-31', aperto: true }],
        columns,
        'machine',
      );
      expect(text).toBe('Ambito,posti,tasso,data,aperto\nMonza,1234,0.659,2025-12-31,true\n');
      expect(text.startsWith(UTF8_BOM)).toBe(false);
    });

    it('quotes delimiters, quotes and line breaks as RFC 4180 says', () => {
      const text = toCsv([{ s: 'a,b' }, { s: 'say "hi"' }, { s: 'two\nlines' }, { s: 'cr\r' }, { s: 'a;b' }], [
        { key: 's', type: 'string' },
      ], 'machine');
      expect(text).toBe('s\n"a,b"\n"say ""hi"""\n"two\nlines"\n"cr\r"\na;b\n');
    });

    it('keeps the empty string and null apart', () => {
      expect(toCsv([{ s: '' }, { s: null }, {}], [{ key: 's', type: 'string' }], 'machine')).toBe('s\n""\n\n\n');
    });

    it('alters nothing: formula-like text, number digits, DECIMAL scale', () => {
      const rows = PAYLOADS.map((s) => ({ s, n: -3 }));
      const text = toCsv(rows, [{ key: 's', type: 'string' }, { key: 'n', type: 'number' }], 'machine');
      const parsed = Papa.parse<string[]>(text, { header: false }).data.slice(1, -1);
      expect(parsed.map((r) => r[0])).toEqual(PAYLOADS);
      expect(toCsv([{ n: 1e-7 }, { n: '12.30' }, { n: 12n }], [{ key: 'n', type: 'number' }], 'machine')).toBe(
        'n\n1e-7\n12.30\n12\n',
      );
    });

    it('writes NaN and infinities as NaN, Inf, -Inf', () => {
      const text = toCsv([{ n: Number.NaN }, { n: Infinity }, { n: -Infinity }], [{ key: 'n', type: 'number' }], 'machine');
      expect(text).toBe('n\nNaN\nInf\n-Inf\n');
    });

    it('writes json cells as compact JSON, quoted', () => {
      const text = toCsv([{ g: { ambito: 'Monza', n: 2 } }], [{ key: 'g', type: 'json' }], 'machine');
      expect(text).toBe('g\n"{""ambito"":""Monza"",""n"":2}"\n');
    });

    it('reads array rows by position', () => {
      expect(toCsv([['Monza', 3, 0.5, new Date(Date.UTC(2025, 0, 2)), false]], columns, 'machine')).toBe(
        'Ambito,posti,tasso,data,aperto\nMonza,3,0.5,2025-01-02,false\n',
      );
    });

    it('round-trips through DuckDB with the same values and types', async () => {
      const rows = [
        { s: 'a,"b"\nc', n: 0.1 + 0.2, i: -3, d: '2024-02-29', b: true },
        { s: '=1+1', n: 1e-7, i: 1234567, d: null, b: false },
        { s: 'Desio', n: -1234.5, i: null, d: '1999-01-01', b: null },
      ];
      const cols: Column[] = [
        { key: 's', type: 'string' },
        { key: 'n', type: 'number' },
        { key: 'i', type: 'integer' },
        { key: 'd', type: 'date' },
        { key: 'b', type: 'boolean' },
      ];
      const file = join(dir, 'machine.csv');
      writeFileSync(file, toCsv(rows, cols, 'machine'));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(
          `select s, n, i::integer as i, strftime(d, '%Y-%m-%d') as d, b, typeof(n) as tn, typeof(d) as td, typeof(b) as tb from read_csv('${file}')`,
        );
        const back = reader.getRowObjectsJS();
        expect(back.map(({ s, n, i, d, b }) => ({ s, n, i, d, b }))).toEqual(rows);
        expect(back.map((r) => [r.tn, r.td, r.tb])).toEqual(Array(3).fill(['DOUBLE', 'DATE', 'BOOLEAN']));
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    });
  });

  it('writes raw DuckDB values (DATE, DECIMAL, BIGINT) in both dialects', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        "select date '2025-12-31' as d, 1234.50::decimal(10,2) as m, 5::bigint as b, null::date as e",
      );
      const cols: Column[] = [
        { key: 'd', type: 'date' },
        { key: 'm', type: 'number' },
        { key: 'b', type: 'integer' },
        { key: 'e', type: 'date' },
      ];
      expect(toCsv(reader.getRows(), cols, 'machine')).toBe('d,m,b,e\n2025-12-31,1234.50,5,\n');
      expect(toCsv(reader.getRowObjects(), cols, 'excel-it')).toBe(`${UTF8_BOM}d;m;b;e\r\n2025-12-31;1234,50;5;\r\n`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  describe('excel-it dialect', () => {
    it('writes BOM, `;`, decimal comma without grouping, ISO dates, VERO/FALSO, CRLF', () => {
      const text = toCsv(
        [{ ambito: 'Monza', posti: 1234, tasso: 1234.5, data: '2025-12-31', aperto: true }],
        columns,
        'excel-it',
      );
      expect(text).toBe(`${UTF8_BOM}Ambito;posti;tasso;data;aperto\r\nMonza;1234;1234,5;2025-12-31;VERO\r\n`);
    });

    it('writes numbers without exponent, keeps DECIMAL scale, leaves NaN and infinities empty', () => {
      const text = toCsv(
        [{ n: 1e-7 }, { n: 1.5e21 }, { n: '12.30' }, { n: Number.NaN }, { n: -Infinity }],
        [{ key: 'n', type: 'number' }],
        'excel-it',
      );
      expect(text).toBe(`${UTF8_BOM}n\r\n0,0000001\r\n1500000000000000000000\r\n12,30\r\n\r\n\r\n`);
    });

    it('neutralises the injection payloads in text cells', () => {
      const text = toCsv(PAYLOADS.map((s) => ({ s })), [{ key: 's', type: 'string' }], 'excel-it');
      expect(text).toBe(
        `${UTF8_BOM}s\r\n` +
          `"'=HYPERLINK(""http://x"",""y"")"\r\n` +
          `'+1+1\r\n'-1+1\r\n'@SUM(A1)\r\n'\tcmd\r\n"'\rcmd"\r\n`,
      );
    });

    it('neutralises after leading whitespace or quotes, and in json cells and headers', () => {
      const text = toCsv(
        [{ s: ' =1+1', j: '=1+1' }, { s: '"@x"', j: { a: 1 } }],
        [{ key: 's', label: '=evil()', type: 'string' }, { key: 'j', type: 'json' }],
        'excel-it',
      );
      expect(text).toBe(
        `${UTF8_BOM}'=evil();j\r\n` + `' =1+1;"'""=1+1"""\r\n` + `"'""@x""";"{""a"":1}"\r\n`,
      );
    });

    it('never neutralises numbers: a negative number stays a number', () => {
      const text = toCsv([{ n: -3, s: '-3' }], [{ key: 'n', type: 'number' }, { key: 's', type: 'string' }], 'excel-it');
      expect(text).toBe(`${UTF8_BOM}n;s\r\n-3;'-3\r\n`);
    });

    it('quotes `;`, quotes and line breaks, not commas', () => {
      const text = toCsv([{ s: 'a;b' }, { s: 'a,b' }, { s: 'x\r\ny' }], [{ key: 's', type: 'string' }], 'excel-it');
      expect(text).toBe(`${UTF8_BOM}s\r\n"a;b"\r\na,b\r\n"x\r\ny"\r\n`);
    });

    it('round-trips arbitrary text through a CSV parser (minus the neutralising quote)', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'grapheme-composite' }), { minLength: 1, maxLength: 5 }), (texts) => {
          const text = toCsv(texts.map((s) => ({ s, n: 1.5 })), [{ key: 's', type: 'string' }, { key: 'n', type: 'number' }], 'excel-it');
          expect(text.startsWith(UTF8_BOM)).toBe(true);
          const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n' }).data;
          const cells = parsed.slice(1, texts.length + 1);
          expect(cells.map((r) => r[1])).toEqual(texts.map(() => '1,5'));
          cells.forEach((r, i) => {
            const original = texts[i] ?? '';
            const cell = r[0] ?? '';
            // the cell reads back as written, or with one leading quote added ...
            expect([original, `'${original}`]).toContain(cell);
            // ... and never starts a formula (OWASP's triggers, also after spaces and quotes)
            if (!cell.startsWith("'")) expect(cell).not.toMatch(/^[\s"]*[=+\-@]|^[\t\r]/);
          });
        }),
      );
    });
  });

  describe('streaming', () => {
    it('formats chunks that concatenate to the whole', () => {
      const rows = Array.from({ length: 5 }, (_, i) => ({ ambito: `A${i}`, posti: i, tasso: i / 4, data: '2025-01-01', aperto: i % 2 === 0 }));
      const writer = csvWriter(columns, 'excel-it');
      expect(writer.header + writer.rows(rows.slice(0, 2)) + writer.rows([]) + writer.rows(rows.slice(2))).toBe(
        toCsv(rows, columns, 'excel-it'),
      );
    });

    it('streams batches after the header, skipping empty ones', async () => {
      async function* batches() {
        yield [{ s: 'a' }];
        yield [];
        yield [{ s: 'b' }, { s: 'c' }];
      }
      const chunks: string[] = [];
      for await (const chunk of csvChunks([{ key: 's', type: 'string' }], 'machine', batches())) chunks.push(chunk);
      expect(chunks).toEqual(['s\n', 'a\n', 'b\nc\n']);
      const piped: string[] = [];
      for await (const chunk of Readable.from(csvChunks([{ key: 's', type: 'string' }], 'machine', [[{ s: 'x' }]]))) {
        piped.push(String(chunk));
      }
      expect(piped.join('')).toBe('s\nx\n');
    });
  });

  it('names the column of a value of the wrong type', () => {
    expect(() => toCsv([{ posti: 'tre' }], [{ key: 'posti', type: 'integer' }], 'machine')).toThrow(/column posti \(integer\)/);
    expect(() => toCsv([{ d: '31/12/2025' }], [{ key: 'd', type: 'date' }], 'excel-it')).toThrow(/column d \(date\)/);
  });
});
