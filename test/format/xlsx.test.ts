import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Column } from '../../src/format/cells.js';
import { EXCEL_MAX_CELL_TEXT, sheetName, writeXlsx, xlsxValue } from '../../src/format/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'mev-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: Column[] = [
  { key: 'id', label: 'Indicatore', type: 'string' },
  { key: 'value', label: 'Valore', type: 'number' },
  { key: 'n', type: 'integer' },
  { key: 'as_of', label: 'Alla data', type: 'date' },
  { key: 'suppressed', type: 'boolean' },
  { key: 'group', type: 'json' },
];

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe('format/xlsx', () => {
  it('writes typed cells that read back with their types', async () => {
    const file = join(dir, 'typed.xlsx');
    await writeXlsx(file, [
      {
        name: 'indicatori',
        columns,
        rows: [
          { id: 'occupancy_rate', value: 0.659, n: 1234, as_of: '2025-12-31', suppressed: false, group: { ambito: 'Monza' } },
          ['exits', -3, null, new Date(Date.UTC(2024, 1, 29)), true, {}],
          { id: 'x', value: Number.NaN, n: 12n, as_of: null, suppressed: null, group: null },
        ],
      },
    ]);
    const sheet = (await readBack(file)).getWorksheet('indicatori');
    expect(sheet).toBeDefined();
    const values = (row: number) => (sheet!.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Indicatore', 'Valore', 'n', 'Alla data', 'suppressed', 'group']);
    expect(values(2)).toEqual(['occupancy_rate', 0.659, 1234, new Date(Date.UTC(2025, 11, 31)), false, '{"ambito":"Monza"}']);
    // a negative number stays a number; the missing n is an empty cell
    expect(values(3)).toEqual(['exits', -3, undefined, new Date(Date.UTC(2024, 1, 29)), true, '{}']);
    expect(values(4)).toEqual(['x', undefined, 12]);
    expect(sheet!.getCell('D2').numFmt).toBe('dd/mm/yyyy');
    expect(sheet!.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet!.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
  });

  it('makes the header bold and frozen, with an autofilter and reasonable widths', async () => {
    const file = join(dir, 'layout.xlsx');
    const long = 'x'.repeat(200);
    await writeXlsx(file, [
      { name: 'dati', columns: [{ key: 'a', type: 'string' }, { key: 'nome_molto_lungo', type: 'number' }], rows: [{ a: long, nome_molto_lungo: 1 }] },
    ]);
    const sheet = (await readBack(file)).getWorksheet('dati')!;
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
    // 200 characters are capped at 60; 'nome_molto_lungo' is 16 characters + 2 of margin
    expect(sheet.getColumn(1).width).toBe(60);
    expect(sheet.getColumn(2).width).toBe(18);
  });

  it('neutralises formula-like text but not numbers', async () => {
    const file = join(dir, 'injection.xlsx');
    const payloads = ['=HYPERLINK("http://x","y")', '+1+1', '-1+1', '@SUM(A1)', '\tcmd', '\rcmd', ' =1'];
    await writeXlsx(file, [
      {
        name: 'p',
        columns: [{ key: 's', label: '=header', type: 'string' }, { key: 'n', type: 'number' }],
        rows: payloads.map((s) => ({ s, n: -3 })),
      },
    ]);
    const sheet = (await readBack(file)).getWorksheet('p')!;
    expect(sheet.getCell('A1').value).toBe("'=header");
    const cells = payloads.map((_, i) => sheet.getCell(i + 2, 1));
    // XML parsers read a raw CR in text as LF (XML end-of-line handling), hence the replace
    expect(cells.map((c) => c.value)).toEqual(payloads.map((s) => `'${s}`.replace('\r', '\n')));
    expect(cells.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(sheet.getCell('B2').value).toBe(-3);
  });

  it('writes several sheets with valid, unique names', async () => {
    const file = join(dir, 'sheets.xlsx');
    const one = { columns: [{ key: 'a', type: 'integer' as const }], rows: [{ a: 1 }] };
    await writeXlsx(file, [
      { name: 'offerta/uscita: [2025]', ...one },
      { name: 'Offerta_uscita_ _2025_', ...one },
      { name: 'x'.repeat(40), ...one },
    ]);
    const names = (await readBack(file)).worksheets.map((w) => w.name);
    expect(names).toEqual(['offerta_uscita_ _2025_', 'Offerta_uscita_ _2025_ (2)', 'x'.repeat(31)]);
  });

  it('makes sheet names Excel accepts', () => {
    const used = new Set<string>();
    expect(sheetName("'quoted'", used)).toBe('quoted');
    expect(sheetName('', used)).toBe('Foglio');
    expect(sheetName('FOGLIO', used)).toBe('FOGLIO (2)');
    expect(sheetName('a*b?c\\d', used)).toBe('a_b_c_d');
  });

  it('cuts text beyond the Excel cell limit', () => {
    const value = xlsxValue('a'.repeat(EXCEL_MAX_CELL_TEXT + 10), { key: 's', type: 'string' });
    expect(typeof value === 'string' && value.length).toBe(EXCEL_MAX_CELL_TEXT);
    expect(String(value).endsWith('…')).toBe(true);
    const exact = xlsxValue('a'.repeat(EXCEL_MAX_CELL_TEXT), { key: 's', type: 'string' });
    expect(exact).toBe('a'.repeat(EXCEL_MAX_CELL_TEXT));
  });

  it('reads DECIMAL strings as numbers and refuses values of the wrong type', () => {
    expect(xlsxValue('12.30', { key: 'n', type: 'number' })).toBe(12.3);
    expect(() => xlsxValue('tre', { key: 'n', type: 'integer' })).toThrow(/column n \(integer\)/);
    expect(() => xlsxValue('2025-02-30', { key: 'd', type: 'date' })).toThrow(/column d \(date\)/);
  });

  it('survives control characters in text', async () => {
    const file = join(dir, 'control.xlsx');
    await writeXlsx(file, [{ name: 'c', columns: [{ key: 's', type: 'string' }], rows: [{ s: 'a\u0001b\u0000c' }] }]);
    const sheet = (await readBack(file)).getWorksheet('c')!;
    expect(String(sheet.getCell('A2').value)).toMatch(/^a.*b.*c$/);
  });
});
