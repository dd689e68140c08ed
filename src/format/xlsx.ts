/**
 * XLSX workbooks (`mev indicators --format xlsx`), written with exceljs.
 *
 * Cells keep their type: numbers are numbers (General format, so Excel shows its own decimal
 * mark), dates are real Excel dates displayed `dd/mm/yyyy`, booleans are booleans (Excel-it shows
 * VERO/FALSO), json cells are their compact JSON text. Text cells that look like formulas get the
 * same `'` prefix as the Excel CSV (injection.ts): exceljs writes them as text, but a user who edits
 * the cell (F2, Enter) or saves the sheet as CSV would turn them into live formulas.
 * Texts longer than Excel's 32 767-character cell limit are cut with `…` (a longer cell makes
 * Excel call the file corrupt). NaN and ±Infinity are empty cells.
 *
 * Each sheet: header row bold and frozen with an autofilter; column widths from the longest
 * header or value (first 1000 rows), between 8 and 60 characters. Sheet names are made valid
 * (≤ 31 characters, none of `[]:*?/\`, unique ignoring case).
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { booleanOf, calendarDate, cellOf, headerOf, isMissing, isNonFinite, numericText, stringOf } from './cells.js';
import type { Column, Row } from './cells.js';
import { neutralizeFormula } from './injection.js';
import { compactJson } from './json.js';

export interface Sheet {
  name: string;
  columns: readonly Column[];
  rows: Iterable<Row>;
}

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_TEXT = 32_767;
const WIDTH_SAMPLE_ROWS = 1000;

export function buildWorkbook(sheets: readonly Sheet[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'mev';
  const used = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, sheet, sheetName(sheet.name, used));
  return workbook;
}

export async function xlsxBuffer(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const buffer = await buildWorkbook(sheets).xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

export async function writeXlsx(file: string, sheets: readonly Sheet[]): Promise<void> {
  await writeFile(file, await xlsxBuffer(sheets));
}

/** A valid, unique (ignoring case) sheet name; adds the chosen name to `used`. */
export function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Foglio';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

/** One cell as exceljs takes it. */
export function xlsxValue(value: unknown, column: Column): string | number | boolean | Date | null {
  if (isMissing(value)) return null;
  try {
    switch (column.type) {
      case 'number':
      case 'integer': {
        const text = numericText(value);
        return isNonFinite(text) ? null : Number(text);
      }
      case 'date': {
        const { year, month, day } = calendarDate(value);
        return new Date(Date.UTC(year, month - 1, day));
      }
      case 'boolean':
        return booleanOf(value);
      case 'json':
        return safeText(compactJson(value));
      case 'string':
        return safeText(stringOf(value));
    }
  } catch (error) {
    throw new TypeError(`column ${column.key} (${column.type}): ${(error as Error).message}`);
  }
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet, name: string): void {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const { columns } = sheet;
  const widths = columns.map((column) => displayLength(safeText(headerOf(column))));
  worksheet.columns = columns.map((column) => ({
    key: column.key,
    style: column.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  const header = worksheet.addRow(columns.map((column) => safeText(headerOf(column))));
  header.font = { bold: true };
  let count = 0;
  for (const row of sheet.rows) {
    count++;
    if (count >= EXCEL_MAX_ROWS) {
      throw new RangeError(`sheet ${name}: more than ${EXCEL_MAX_ROWS - 1} rows do not fit in one Excel sheet`);
    }
    const values = columns.map((column, index) => xlsxValue(cellOf(row, column, index), column));
    worksheet.addRow(values);
    if (count <= WIDTH_SAMPLE_ROWS) {
      values.forEach((value, index) => {
        widths[index] = Math.max(widths[index] ?? 0, valueLength(value));
      });
    }
  }
  columns.forEach((_, index) => {
    worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, (widths[index] ?? 0) + 2));
  });
  if (columns.length > 0) {
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
}

function safeText(text: string): string {
  const neutral = neutralizeFormula(text);
  if (neutral.length <= EXCEL_MAX_CELL_TEXT) return neutral;
  // Never cut between the two halves of a surrogate pair.
  return `${neutral.slice(0, EXCEL_MAX_CELL_TEXT - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

function valueLength(value: string | number | boolean | Date | null): number {
  if (value === null) return 0;
  if (value instanceof Date) return 10;
  if (typeof value === 'boolean') return 5;
  return displayLength(String(value));
}

function displayLength(text: string): number {
  return Math.max(...text.split(/\r\n|\r|\n/).map((line) => [...line].length));
}
