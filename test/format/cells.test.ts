import { describe, expect, it } from 'vitest';
import { booleanOf, calendarDate, cellOf, daysInMonth, headerOf, isoDate, isoDateOf, numericText, stringOf } from '../../src/format/cells.js';

describe('format/cells', () => {
  it('reads object rows by key and array rows by position', () => {
    const column = { key: 'posti', type: 'integer' as const };
    expect(cellOf({ posti: 4, ambito: 'Monza' }, column, 0)).toBe(4);
    expect(cellOf([4, 'Monza'], column, 0)).toBe(4);
    expect(cellOf([4, 'Monza'], { key: 'ambito' }, 1)).toBe('Monza');
  });

  it('heads a column with its label, else its key', () => {
    expect(headerOf({ key: 'posti', label: 'Posti' })).toBe('Posti');
    expect(headerOf({ key: 'posti' })).toBe('posti');
  });

  it('reads numbers, bigints, decimal strings and DECIMAL-like objects as numeric text', () => {
    expect(numericText(1.5)).toBe('1.5');
    expect(numericText(-3)).toBe('-3');
    expect(numericText(12n)).toBe('12');
    expect(numericText('12.30')).toBe('12.30');
    expect(numericText('+7')).toBe('7');
    expect(numericText({ toString: () => '99.90' })).toBe('99.90');
    expect(numericText(Number.NaN)).toBe('NaN');
    expect(numericText(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('refuses non-numeric values in numeric columns', () => {
    expect(() => numericText('abc')).toThrow(TypeError);
    expect(() => numericText('1.234,5')).toThrow(TypeError);
    expect(() => numericText(true)).toThrow(TypeError);
  });

  it('reads ISO strings, UTC Dates and date-like objects as calendar dates', () => {
    expect(calendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(calendarDate('2025-12-31T08:00:00')).toEqual({ year: 2025, month: 12, day: 31 });
    expect(calendarDate(new Date(Date.UTC(2025, 0, 1)))).toEqual({ year: 2025, month: 1, day: 1 });
    expect(calendarDate({ toString: () => '2025-06-30' })).toEqual({ year: 2025, month: 6, day: 30 });
  });

  it('refuses impossible or non-ISO dates', () => {
    expect(() => calendarDate('2023-02-29')).toThrow(TypeError);
    expect(() => calendarDate('2025-04-31')).toThrow(TypeError);
    expect(() => calendarDate('31/12/2025')).toThrow(TypeError);
    expect(() => calendarDate('2025-12-311')).toThrow(TypeError);
    expect(() => calendarDate(20251231)).toThrow(TypeError);
  });

  it('writes calendar dates as yyyy-mm-dd', () => {
    expect(isoDate({ year: 2025, month: 3, day: 1 })).toBe('2025-03-01');
    expect(isoDateOf('2024-02-29')).toBe('2024-02-29');
    expect(isoDateOf('2025-12-31 10:00:00')).toBe('2025-12-31');
    expect(isoDateOf(new Date(Date.UTC(2025, 0, 5)))).toBe('2025-01-05');
    expect(() => isoDateOf('2025-02-29')).toThrow(TypeError);
    expect(() => isoDateOf('2025/02/01')).toThrow(TypeError);
  });

  it('knows the Gregorian leap years', () => {
    // divisible by 4, except centuries, except every 400 years
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('reads booleans and their usual string forms only', () => {
    expect(booleanOf(true)).toBe(true);
    expect(booleanOf('false')).toBe(false);
    expect(() => booleanOf(1)).toThrow(TypeError);
    expect(() => booleanOf('si')).toThrow(TypeError);
  });

  it('reads anything as a string cell', () => {
    expect(stringOf('00123')).toBe('00123');
    expect(stringOf(12)).toBe('12');
    expect(stringOf(new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe('2025-01-02T03:04:05.000Z');
  });
});
