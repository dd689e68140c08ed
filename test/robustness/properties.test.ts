/**
 * Property-based tests (fast-check):
 * - the value parsers of src/ingest/values.ts, run directly in an in-memory DuckDB (a batch of
 *   generated cells per run, one query): dates, numbers, integers;
 * - delimiters, quoting, line ends and encodings, end to end through `mev ingest`;
 * - indicator invariants on random small networks (test/reference/random-network.ts): rates in
 *   [0, 1], occupied ≤ available when no night is overbooked, additive counts over two halves of a
 *   period, and re-ingesting the same files changes nothing.
 * Runs are few and small, to keep the whole robustness suite quick on two cores.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { Database, literal } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { encodeWindows1252 } from '../../src/encoding.js';
import { buildBase } from '../../src/indicators/base.js';
import { loadRows } from '../../src/indicators/example.js';
import { computeForPeriod } from '../../src/indicators/index.js';
import { loadIndicators } from '../../src/indicators/load.js';
import type { IndicatorValue } from '../../src/indicators/run.js';
import { dateSql, integerSql, numberSql } from '../../src/ingest/values.js';
import { resolvePeriod } from '../../src/periods.js';
import { looksLikeIdentifier } from '../../src/privacy.js';
import { encode, mev, query, testDir, type FileContent } from '../helpers.js';
import { dayNumber, isoOf, randomNetwork, type Network, type Row } from '../reference/random-network.js';
import { checkCommand, snapshotDb } from './support.js';

const project = loadProject(null);
let memory: Database;
beforeAll(async () => {
  memory = await Database.open(':memory:');
});
afterAll(() => memory?.close());

/** Applies a values.ts expression to every cell in one query; dates come back as ISO text. */
async function parse(expression: (x: string) => string, cells: string[]): Promise<unknown[]> {
  if (cells.length === 0) return [];
  const row = await memory.one<{ v: unknown[] }>(`SELECT list_transform([${cells.map(literal).join(', ')}], x -> ${expression('x')}) AS v`);
  return row!.v;
}
const dateText = (x: string) => `CAST(${dateSql(x)} AS VARCHAR)`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MIN_DAY = dayNumber('1900-01-01');
const MAX_DAY = dayNumber('2100-12-31');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

type DateFormat = (y: number, m: number, d: number) => string;
const DATE_FORMATS: Record<string, DateFormat> = {
  'dd/mm/yyyy': (y, m, d) => `${pad(d)}/${pad(m)}/${y}`,
  'd/m/yyyy': (y, m, d) => `${d}/${m}/${y}`,
  'dd-mm-yyyy': (y, m, d) => `${pad(d)}-${pad(m)}-${y}`,
  'dd.mm.yyyy': (y, m, d) => `${pad(d)}.${pad(m)}.${y}`,
  iso: (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
  'dd/mm/yyyy hh:mm': (y, m, d) => `${pad(d)}/${pad(m)}/${y} 00:00`,
};
const dateFormat = fc.constantFrom(...Object.keys(DATE_FORMATS));
const validDay = fc.integer({ min: MIN_DAY, max: MAX_DAY });
const ymd = (iso: string): [number, number, number] => [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];

/** A number written the Italian way: thousands dots, decimal comma. */
function italian(integer: number, fraction: string, negative: boolean): string {
  const grouped = String(integer).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

describe('properties: value parsers (values.ts in DuckDB)', () => {
  it('any valid date 1900–2100, in any accepted format, reads back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(validDay, dateFormat), { minLength: 1, maxLength: 40 }), async (cells) => {
        const isos = cells.map(([day]) => isoOf(day));
        const texts = cells.map(([day, format]) => DATE_FORMATS[format]!(...ymd(isoOf(day))));
        expect(await parse(dateText, texts)).toEqual(isos);
      }),
      { numRuns: 40 },
    );
  });

  it('an impossible date (31/02, 29/02 of a common year, day 0 or 32, month 0 or 13) is never read', async () => {
    const impossible = fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 35 }))
      .filter(([y, m, d]) => m < 1 || m > 12 || d < 1 || d > daysIn(y, m));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(impossible, dateFormat), { minLength: 1, maxLength: 40 }), async (cells) => {
        const texts = cells.map(([[y, m, d], format]) => DATE_FORMATS[format]!(y, m, d));
        expect(await parse(dateText, texts)).toEqual(texts.map(() => null));
      }),
      { numRuns: 40 },
    );
  });

  it('text with letters is never a date', async () => {
    const withLetter = fc.string({ maxLength: 12 }).map((s) => `${s}x`);
    await fc.assert(
      fc.asyncProperty(fc.array(withLetter, { minLength: 1, maxLength: 30 }), async (texts) => {
        expect(await parse(dateText, texts)).toEqual(texts.map(() => null));
      }),
      { numRuns: 20 },
    );
  });

  it('any number written the Italian way (1.234.567,89) reads back exactly, also with €', async () => {
    const number = fc.record({
      integer: fc.integer({ min: 0, max: 999_999_999 }),
      fraction: fc.stringMatching(/^[0-9]{0,4}$/),
      negative: fc.boolean(),
      euro: fc.constantFrom('', '€ ', '€', ' €'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 40 }), async (cells) => {
        const texts = cells.map((c) => {
          const n = italian(c.integer, c.fraction, c.negative);
          return c.euro.startsWith(' ') ? `${n}${c.euro}` : `${c.euro}${n}`;
        });
        const expected = cells.map((c) => Number(`${c.negative ? '-' : ''}${c.integer}${c.fraction ? `.${c.fraction}` : ''}`));
        expect(await parse(numberSql, texts)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('plain and Italian-grouped integers read back exactly as integers; fractions never become integers', async () => {
    const whole = fc.integer({ min: -999_999_999, max: 999_999_999 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(whole, fc.boolean()), { minLength: 1, maxLength: 40 }), async (cells) => {
        const texts = cells.map(([n, grouped]) => (grouped ? italian(Math.abs(n), '', n < 0) : String(n)));
        expect(await parse(integerSql, texts)).toEqual(cells.map(([n]) => n));
        const fractions = cells.map(([n]) => `${n},5`);
        expect(await parse(integerSql, fractions)).toEqual(cells.map(() => null));
      }),
      { numRuns: 30 },
    );
  });

  it('garbage is never a number: any text with a character outside digits, signs, separators and €', async () => {
    const garbage = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.constantFrom('a', 'x', 'e', 'E', 'O', '/', '%', '#', '$', '_', 'ñ'))
      .map(([a, b, c]) => `${a}${c}${b}`);
    await fc.assert(
      fc.asyncProperty(fc.array(garbage, { minLength: 1, maxLength: 30 }), async (texts) => {
        expect(await parse(numberSql, texts)).toEqual(texts.map(() => null));
        expect(await parse(integerSql, texts)).toEqual(texts.map(() => null));
      }),
      { numRuns: 20 },
    );
    // Malformed shapes made of the right characters.
    const malformed = ['1.23.4', '1,,2', '+-1', '.5', ',5', '5.', '5,', '1.2,3.4', '1,234,567', '--1', '1 2 3 4,5.6', '', '€'];
    expect(await parse(numberSql, malformed)).toEqual(malformed.map(() => null));
  });
});

// ── End to end: delimiters, quoting, line ends, encodings ──

/** Printable Windows-1252 characters (no C0/C1 controls), without digits and @ so no value looks like a phone or an e-mail. */
const REPERTOIRE = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => !/[0-9@]/.test(c)),
  ...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ',
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCharCode(0xa0 + i)),
  '\n',
  '\r',
];
const BLANK = /^[ \t\u00a0]|[ \t\u00a0]$/;

/** True when Windows-1252 bytes of the text hold a valid UTF-8 multi-byte sequence: no detector can tell those apart. */
function ambiguousIn1252(text: string): boolean {
  const b = encodeWindows1252(text);
  for (let i = 0; i < b.length; i++) {
    const lead = b[i]!;
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (need && Array.from({ length: need }, (_, k) => b[i + 1 + k]).every((x) => x !== undefined && x >= 0x80 && x <= 0xbf)) return true;
  }
  return false;
}

const textValue = fc
  .string({ unit: fc.constantFrom(...REPERTOIRE), minLength: 1, maxLength: 24 })
  .filter((s) => !BLANK.test(s) && s.trim() !== '' && !looksLikeIdentifier(s));

interface Table {
  delimiter: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  eol: '\n' | '\r\n';
  quoteAll: boolean;
  rows: { gestore: string; tipologia: string; day: number; format: string; posti: number }[];
}

const table: fc.Arbitrary<Table> = fc
  .record({
    delimiter: fc.constantFrom(';', ',', '\t'),
    encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'windows-1252' as const),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
    quoteAll: fc.boolean(),
    rows: fc.array(fc.record({ gestore: textValue, tipologia: textValue, day: validDay, format: dateFormat, posti: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 6 }),
  })
  .filter((t) => t.encoding !== 'windows-1252' || !t.rows.some((r) => ambiguousIn1252(r.gestore + r.tipologia)));

function writeTable(t: Table): FileContent {
  const field = (v: string) => (t.quoteAll || v.includes(t.delimiter) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura', 'ente_gestore', 'tipologia']];
  t.rows.forEach((r, i) => lines.push([`A${i + 1}`, 'Monza', 'Monza', String(r.posti), DATE_FORMATS[r.format]!(...ymd(isoOf(r.day))), r.gestore, r.tipologia]));
  const text = lines.map((l) => l.map(field).join(t.delimiter)).join(t.eol) + t.eol;
  return t.encoding === 'utf-8' ? text : { text, encoding: t.encoding };
}

describe('properties: delimiters, quoting, line ends and encodings through ingest', () => {
  it('random small tables written with ; , or tab, quoted or not, LF or CRLF, UTF-8 / UTF-8 BOM / Windows-1252 read back identically', async () => {
    const d = testDir();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(table, async (t) => {
          n++;
          const file = d.path(`alloggi-${n}.csv`);
          writeFileSync(file, encode(writeTable(t)));
          const db = d.path(`mev-${n}.duckdb`);
          const run = await mev(['ingest', file, '--db', db, '--quiet']);
          expect(run, JSON.stringify(t)).toMatchObject({ code: 0, stderr: '' });
          const rows = await query(db, 'SELECT codice_alloggio, posti, data_apertura, ente_gestore, tipologia FROM alloggi ORDER BY length(codice_alloggio), codice_alloggio');
          expect(rows).toEqual(t.rows.map((r, i) => ({ codice_alloggio: `A${i + 1}`, posti: r.posti, data_apertura: isoOf(r.day), ente_gestore: r.gestore, tipologia: r.tipologia })));
          expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM rejected_rows')).toEqual([{ n: 0 }]);
        }),
        { numRuns: 10 },
      );
    } finally {
      d.cleanup();
    }
  });
});

// ── Indicator invariants on random small networks ──

async function withNetwork<T>(net: Network, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(':memory:');
  try {
    await ensureSchema(db, project);
    await loadRows(db, net as unknown as Record<string, Record<string, unknown>[]>);
    return await work(db);
  } finally {
    db.close();
  }
}

async function values(db: Database, asOf: string, from: string, to: string, options: { ids?: string[]; by?: 'ambito' | 'target' } = {}): Promise<IndicatorValue[]> {
  const period = resolvePeriod({ label: `${from}–${to}`, from, to }, asOf);
  return (await computeForPeriod(db, project, period, { ids: options.ids, by: options.by })).values;
}

const key = (v: IndicatorValue) => `${v.id} ${JSON.stringify(Object.entries(v.group).sort())}`;
const SPAN = [dayNumber('2023-01-01'), dayNumber('2024-12-31')] as const;
const seed = fc.integer({ min: 1, max: 1_000_000 });

/** Raises each unit row's places to its busiest night, so that no night has more occupants than places. */
function withoutOverbooking(net: Network): Network {
  const day = (v: unknown) => (typeof v === 'string' ? dayNumber(v) : null);
  const alloggi = net.alloggi.map((u) => {
    const open = day(u['data_apertura'])!;
    const close = day(u['data_chiusura']) ?? SPAN[1] + 800;
    let peak = 0;
    for (let d = open; d <= close; d++) {
      let occupants = 0;
      for (const s of net.ospitalita) {
        if (s['codice_alloggio'] !== u['codice_alloggio']) continue;
        const entry = day(s['data_ingresso'])!;
        const exit = day(s['data_uscita']);
        if (entry <= d && (exit === null || d < exit)) occupants += Number(s['posti_occupati']);
      }
      peak = Math.max(peak, occupants);
    }
    return { ...u, posti: Math.max(Number(u['posti']), peak) } as Row;
  });
  return { ...net, alloggi };
}

/** Every indicator whose value is a rate (a fraction). */
const RATES = loadIndicators().filter((s) => s.unit === 'rate').map((s) => s.id);

describe('properties: indicator invariants on random networks', () => {
  // On overbooked data (more occupants than places on some night, which `mev check` reports) the
  // occupancy rate is above 1 by definition: the networks here have no overbooked night.
  it('rates are within [0, 1], and so are their intervals', async () => {
    await fc.assert(
      fc.asyncProperty(seed, fc.integer({ min: SPAN[0], max: SPAN[1] }), fc.integer({ min: 0, max: 400 }), fc.constantFrom(undefined, 'ambito' as const, 'target' as const), async (s, from, length, by) => {
        const net = withoutOverbooking(randomNetwork(s));
        const asOf = isoOf(from + length + 200);
        await withNetwork(net, async (db) => {
          await buildBase(db, asOf, project);
          for (const v of await values(db, asOf, isoOf(from), isoOf(from + length), { ids: RATES, by })) {
            expect(v.unit).toBe('rate');
            if (v.value !== null) expect(v.value, key(v)).toBeGreaterThanOrEqual(0);
            if (v.value !== null) expect(v.value, key(v)).toBeLessThanOrEqual(1);
            if (v.ci95) expect(0 <= v.ci95[0] && v.ci95[0] <= v.ci95[1] && v.ci95[1] <= 1, `${key(v)} ${v.ci95}`).toBe(true);
          }
        });
      }),
      { numRuns: 6 },
    );
  });

  it('occupied place-nights ≤ available place-nights when no night has more occupants than places (overall and by ambito)', async () => {
    await fc.assert(
      fc.asyncProperty(seed, fc.integer({ min: SPAN[0], max: SPAN[1] }), fc.integer({ min: 0, max: 500 }), async (s, from, length) => {
        const net = withoutOverbooking(randomNetwork(s));
        const asOf = isoOf(from + length + 30);
        await withNetwork(net, async (db) => {
          await buildBase(db, asOf, project);
          const result = await values(db, asOf, isoOf(from), isoOf(from + length), { ids: ['place_nights_available', 'place_nights_occupied', 'occupancy_rate'], by: 'ambito' });
          const available = new Map(result.filter((v) => v.id === 'place_nights_available').map((v) => [JSON.stringify(v.group), v.value ?? 0]));
          const occupied = result.filter((v) => v.id === 'place_nights_occupied');
          expect(occupied.length).toBeGreaterThan(0);
          for (const v of occupied) expect(v.value ?? 0, key(v)).toBeLessThanOrEqual(available.get(JSON.stringify(v.group)) ?? 0);
          for (const v of result.filter((r) => r.id === 'occupancy_rate' && r.value !== null)) expect(v.value!, key(v)).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 8 },
    );
  });

  it('additive counts over two halves of a period add up to the whole (overall and by ambito)', async () => {
    const ADDITIVE = ['place_nights_available', 'place_nights_occupied', 'requests_received', 'requests_accepted', 'entries', 'exits'];
    await fc.assert(
      fc.asyncProperty(seed, fc.integer({ min: SPAN[0] - 30, max: SPAN[1] }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), async (s, from, length, cut) => {
        const net = randomNetwork(s);
        const to = from + length;
        const mid = from + Math.floor(cut * (length - 1)); // first half [from, mid], second [mid + 1, to]
        const asOf = isoOf(to + 100);
        await withNetwork(net, async (db) => {
          await buildBase(db, asOf, project);
          const of = async (a: number, b: number) =>
            new Map((await values(db, asOf, isoOf(a), isoOf(b), { ids: ADDITIVE, by: 'ambito' })).map((v) => [key(v), v.value ?? 0]));
          const whole = await of(from, to);
          const first = await of(from, mid);
          const second = await of(mid + 1, to);
          expect(whole.size).toBeGreaterThan(0);
          for (const [k, total] of whole) expect((first.get(k) ?? 0) + (second.get(k) ?? 0), `${k}: ${isoOf(from)}..${isoOf(mid)}..${isoOf(to)}`).toBe(total);
        });
      }),
      { numRuns: 8 },
    );
  });

  it('re-ingesting the same files changes nothing: tables, indicators and checks', async () => {
    const d = testDir();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(seed, async (s) => {
          n++;
          const files = writeNetwork(randomNetwork(s), d.path(`net-${n}`));
          const db = d.path(`net-${n}.duckdb`);
          expect((await mev(['ingest', ...files, '--db', db, '--quiet'])).code).toBe(0);
          const before = await entityState(db);
          const indicators = await mev(['indicators', '--db', db, '--period', '2024', '--format', 'json']);
          const checks = await checkCommand(db, 'json', d.dir);
          const again = await mev(['ingest', ...files, '--db', db]);
          expect(again.code, again.stderr).toBe(0);
          for (const line of again.stderr.split('\n').filter((l) => l.includes('righe lette'))) expect(line).toMatch(/\(0 nuove, 0 aggiornate, \d+ invariate\)/);
          expect(await entityState(db)).toEqual(before);
          expect((await mev(['indicators', '--db', db, '--period', '2024', '--format', 'json'])).stdout).toBe(indicators.stdout);
          expect((await checkCommand(db, 'json', d.dir)).stdout).toBe(checks.stdout);
        }),
        { numRuns: 3 },
      );
    } finally {
      d.cleanup();
    }
  });
});

/** Entity tables and paths, and the rejected rows of the latest call without their ingest id (rejected_rows is a log per call). */
async function entityState(db: string): Promise<unknown> {
  const full = JSON.parse(await snapshotDb(db)) as Record<string, unknown>;
  const { ingest_log: _log, rejected_rows: _rejected, ...entities } = full;
  const latest = await query(db, `SELECT * EXCLUDE (ingest_id) FROM rejected_rows WHERE ingest_id = (SELECT max(ingest_id) FROM ingest_log) ORDER BY ALL`);
  return { entities, latest };
}

/** The network as Italian exports: `;`, dd/mm/yyyy, decimal comma, sì/no. */
function writeNetwork(net: Network, prefix: string): string[] {
  const cell = (v: Row[string]): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'sì' : 'no';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : italian(Math.trunc(v), String(v).split('.')[1] ?? '', v < 0);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
    return v;
  };
  const files: string[] = [];
  for (const [entity, rows] of Object.entries(net) as [string, Row[]][]) {
    if (rows.length === 0) continue;
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const file = `${prefix}-${entity}.csv`;
    writeFileSync(file, [columns.join(';'), ...rows.map((r) => columns.map((c) => cell(r[c] ?? null)).join(';'))].join('\n') + '\n');
    files.push(file);
  }
  return files;
}
