import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import {
  NBSP,
  NULL_MARK,
  NUMBER_LOCALES,
  TIME_LOCALES,
  formatDate,
  formatDays,
  formatMonth,
  formatNumber,
  formatPercent,
  monthName,
  vegaLocale,
} from '../../src/format/locale.js';

describe('format/locale', () => {
  describe('formatNumber', () => {
    it('uses the Italian and English separators', () => {
      expect(formatNumber(1234.5, 'it')).toBe('1.234,5');
      expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    });

    it('groups four-digit numbers, unlike Intl it-IT', () => {
      expect(new Intl.NumberFormat('it-IT').format(1234)).toBe('1234');
      expect(formatNumber(1234, 'it')).toBe('1.234');
      expect(formatNumber(999, 'it')).toBe('999');
      expect(formatNumber(1234, 'en')).toBe('1,234');
    });

    it('groups large numbers and bigints', () => {
      expect(formatNumber(1234567.89, 'it')).toBe('1.234.567,9');
      expect(formatNumber(1234567.89, 'en')).toBe('1,234,567.9');
      expect(formatNumber(9007199254740993n, 'it')).toBe('9.007.199.254.740.993');
      // 1e21 prints as '1e+21' in JS; the formatter writes it out
      expect(formatNumber(1e21, 'en')).toBe('1,000,000,000,000,000,000,000');
    });

    it('shows integers as integers and anything else with exactly one decimal', () => {
      expect(formatNumber(42, 'it')).toBe('42');
      expect(formatNumber(2.04, 'it')).toBe('2,0');
      expect(formatNumber(2.5, 'en')).toBe('2.5');
      expect(formatNumber(0.04, 'it')).toBe('0,0');
    });

    it('honours explicit decimals and grouping: false', () => {
      expect(formatNumber(3, 'it', { decimals: 2 })).toBe('3,00');
      expect(formatNumber(1234.5678, 'en', { decimals: 3 })).toBe('1,234.568');
      expect(formatNumber(1234.5, 'it', { decimals: 0 })).toBe('1.235');
      expect(formatNumber(1985, 'it', { grouping: false })).toBe('1985');
    });

    it('writes negatives with a hyphen-minus, and never a negative zero', () => {
      expect(formatNumber(-0.5, 'it')).toBe('-0,5');
      expect(formatNumber(-1234.5, 'en')).toBe('-1,234.5');
      expect(formatNumber(0, 'it')).toBe('0');
      expect(formatNumber(-0, 'it')).toBe('0');
      // -0.04 rounds to 0,0 at one decimal: the sign goes with it
      expect(formatNumber(-0.04, 'it')).toBe('0,0');
    });

    it('rounds halves away from zero on the decimal digits', () => {
      expect(formatNumber(1.005, 'it', { decimals: 2 })).toBe('1,01');
      expect(formatNumber(0.25, 'en')).toBe('0.3');
      expect(formatNumber(-0.25, 'en')).toBe('-0.3');
      expect(formatNumber(2.5, 'it', { decimals: 0 })).toBe('3');
      expect(formatNumber(999.95, 'it')).toBe('1.000,0');
    });

    it('accepts DECIMAL literals as strings', () => {
      expect(formatNumber('1234.50', 'it')).toBe('1.234,5');
      expect(formatNumber('12.00', 'it')).toBe('12');
      expect(() => formatNumber('1.234,5', 'it')).toThrow(RangeError);
    });

    it('shows missing and non-finite values as the null mark', () => {
      expect(NULL_MARK).toBe('—');
      expect(formatNumber(null, 'it')).toBe('—');
      expect(formatNumber(undefined, 'en')).toBe('—');
      expect(formatNumber(Number.NaN, 'it')).toBe('—');
      expect(formatNumber(Number.NEGATIVE_INFINITY, 'it')).toBe('—');
    });
  });

  describe('formatPercent', () => {
    it('writes a fraction as a percentage with a non-breaking space in Italian', () => {
      // 0.659 × 100 = 65.9
      expect(formatPercent(0.659, 'it')).toBe(`65,9${NBSP}%`);
      expect(NBSP).toBe('\u00a0');
      expect(formatPercent(0.659, 'en')).toBe('65.9%');
    });

    it('always shows the requested decimals', () => {
      expect(formatPercent(0, 'it')).toBe(`0,0${NBSP}%`);
      expect(formatPercent(1, 'en')).toBe('100.0%');
      expect(formatPercent(0.5, 'en', 0)).toBe('50%');
      // 12.3456 % to two decimals: 12.35 (half away from zero)
      expect(formatPercent(0.123456, 'en', 2)).toBe('12.35%');
    });

    it('handles negatives, halves and large values', () => {
      expect(formatPercent(-0.5, 'it')).toBe(`-50,0${NBSP}%`);
      // 0.00125 × 100 = 0.125: 0.13 at two decimals (half away from zero), 0.1 at one
      expect(formatPercent(0.00125, 'en', 2)).toBe('0.13%');
      expect(formatPercent(0.00125, 'en')).toBe('0.1%');
      // 0.0005 × 100 = 0.05 → 0.1 (half away from zero); binary rounding would give 0.0
      expect(formatPercent(0.0005, 'it')).toBe(`0,1${NBSP}%`);
      expect(formatPercent(12.345, 'it')).toBe(`1.234,5${NBSP}%`);
      // 0.145 × 100 = 14.5 → 15 at no decimals; binary arithmetic (14.499999999999998) would give 14
      expect(formatPercent(0.145, 'en', 0)).toBe('15%');
    });

    it('shows missing values as the null mark, without a percent sign', () => {
      expect(formatPercent(null, 'it')).toBe('—');
      expect(formatPercent(Number.NaN, 'en')).toBe('—');
    });
  });

  describe('formatDate', () => {
    it('writes dd/mm/yyyy in Italian and ISO in English', () => {
      expect(formatDate('2025-12-31', 'it')).toBe('31/12/2025');
      expect(formatDate('2025-03-01', 'it')).toBe('01/03/2025');
      expect(formatDate('2025-12-31', 'en')).toBe('2025-12-31');
    });

    it('reads JS Dates in UTC and ignores a time part', () => {
      expect(formatDate(new Date(Date.UTC(2024, 1, 29)), 'it')).toBe('29/02/2024');
      expect(formatDate('2025-12-31T23:30:00Z', 'it')).toBe('31/12/2025');
      expect(formatDate('2025-12-31 10:00:00', 'en')).toBe('2025-12-31');
    });

    it('refuses what is not a calendar date', () => {
      expect(() => formatDate('2025-02-29', 'it')).toThrow(TypeError);
      expect(() => formatDate('2025-13-01', 'it')).toThrow(TypeError);
      expect(() => formatDate('31/12/2025', 'it')).toThrow(TypeError);
      expect(() => formatDate(new Date(Number.NaN), 'it')).toThrow(TypeError);
    });

    it('shows a missing date as the null mark', () => {
      expect(formatDate(null, 'it')).toBe('—');
      expect(formatDate(undefined, 'en')).toBe('—');
    });
  });

  describe('months and days', () => {
    it('names months in lower-case Italian and English', () => {
      expect(monthName(3, 'it')).toBe('marzo');
      expect(monthName(12, 'en')).toBe('December');
      expect(() => monthName(0, 'it')).toThrow(RangeError);
      expect(() => monthName(13, 'it')).toThrow(RangeError);
      expect(() => monthName(1.5, 'it')).toThrow(RangeError);
    });

    it('formats a month and its year', () => {
      expect(formatMonth('2025-03', 'it')).toBe('marzo 2025');
      expect(formatMonth('2025-03', 'en')).toBe('March 2025');
      expect(formatMonth('2025-01-31', 'it')).toBe('gennaio 2025');
      expect(formatMonth(null, 'it')).toBe('—');
      expect(() => formatMonth('03/2025', 'it')).toThrow(TypeError);
      expect(() => formatMonth('2025-00', 'it')).toThrow(RangeError);
    });

    it('formats days with singular and plural', () => {
      expect(formatDays(1, 'it')).toBe(`1${NBSP}giorno`);
      expect(formatDays(12, 'it')).toBe(`12${NBSP}giorni`);
      expect(formatDays(12.5, 'it')).toBe(`12,5${NBSP}giorni`);
      expect(formatDays(0, 'it')).toBe(`0${NBSP}giorni`);
      expect(formatDays(1, 'en')).toBe(`1${NBSP}day`);
      expect(formatDays(1234, 'en')).toBe(`1,234${NBSP}days`);
      // 1.04 shows as "1,0": not exactly one day, so plural
      expect(formatDays(1.04, 'it')).toBe(`1,0${NBSP}giorni`);
      expect(formatDays(null, 'it')).toBe('—');
    });
  });

  describe('Vega locale definitions', () => {
    it('match the d3 definition shapes', () => {
      expect(NUMBER_LOCALES.it).toMatchObject({ decimal: ',', thousands: '.', grouping: [3] });
      expect(NUMBER_LOCALES.en).toMatchObject({ decimal: '.', thousands: ',', grouping: [3] });
      expect(TIME_LOCALES.it.months[2]).toBe('marzo');
      expect(TIME_LOCALES.it.days).toHaveLength(7);
      expect(TIME_LOCALES.en.shortMonths).toHaveLength(12);
    });

    async function renderTexts(lang: 'it' | 'en'): Promise<string[]> {
      const spec: vega.Spec = {
        width: 400,
        height: 100,
        config: { locale: vegaLocale(lang) },
        data: [{ name: 't', values: [{ v: 1234.5, big: 1234, neg: -0.5, p: 0.659, d: Date.UTC(2025, 2, 31) }] }],
        marks: [
          {
            type: 'text',
            from: { data: 't' },
            encode: {
              enter: {
                text: {
                  signal:
                    "[format(datum.v, ',.1f'), format(datum.big, ','), format(datum.neg, ',.1f'), " +
                    "format(datum.p, '.1%'), utcFormat(datum.d, '%x'), utcFormat(datum.d, '%B %Y'), format(NaN, ',')]",
                },
              },
            },
          },
        ],
      };
      const view = new vega.View(vega.parse(spec), { renderer: 'none' });
      const svg = await view.toSVG();
      view.finalize();
      return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1] ?? '');
    }

    it('make Vega charts format like the text formatter (Italian)', async () => {
      const texts = await renderTexts('it');
      expect(texts).toEqual([
        formatNumber(1234.5, 'it'),
        formatNumber(1234, 'it'),
        formatNumber(-0.5, 'it'),
        formatPercent(0.659, 'it'),
        formatDate('2025-03-31', 'it'),
        formatMonth('2025-03', 'it'),
        NULL_MARK,
      ]);
    });

    it('make Vega charts format like the text formatter (English)', async () => {
      const texts = await renderTexts('en');
      expect(texts).toEqual([
        formatNumber(1234.5, 'en'),
        formatNumber(1234, 'en'),
        formatNumber(-0.5, 'en'),
        formatPercent(0.659, 'en'),
        formatDate('2025-03-31', 'en'),
        formatMonth('2025-03', 'en'),
        NULL_MARK,
      ]);
    });
  });
});
