import { describe, expect, it } from 'vitest';
import { categoricalPalette, localeDefinitions, maxChartWidth, outcomeClassColors, outcomeClassScale, plotWidth, vegaConfig, vegaLiteConfig } from '../../src/charts/theme.js';

describe('theme', () => {
  it('puts DejaVu Sans first in the font stack', () => {
    expect(vegaLiteConfig().font).toMatch(/^"DejaVu Sans",/);
    expect(vegaConfig().text?.font).toMatch(/^"DejaVu Sans",/);
  });

  it('keeps the plot area within an A4 text width', () => {
    expect(plotWidth).toBeLessThan(maxChartWidth);
    expect(maxChartWidth).toBeLessThanOrEqual(680);
  });

  it('uses the same categorical palette in both configs', () => {
    expect(vegaLiteConfig().range?.category).toEqual([...categoricalPalette]);
    expect(vegaConfig().range?.category).toEqual([...categoricalPalette]);
    expect(new Set(categoricalPalette).size).toBe(categoricalPalette.length);
  });

  it('orders outcome classes positiva, neutra, negativa, ignota with their colours', () => {
    const scale = outcomeClassScale();
    expect(scale.domain).toEqual(['positiva', 'neutra', 'negativa', 'ignota']);
    expect(scale.range).toEqual([outcomeClassColors.positiva, outcomeClassColors.neutra, outcomeClassColors.negativa, outcomeClassColors.ignota]);
  });

  it('defines the Italian locale: comma decimals, dot thousands, lower-case months', () => {
    const it = localeDefinitions('it');
    expect(it.number).toMatchObject({ decimal: ',', thousands: '.', grouping: [3], percent: '\u00a0%' });
    expect(it.time.date).toBe('%d/%m/%Y');
    expect(it.time.months[0]).toBe('gennaio');
    expect(it.time.shortMonths[11]).toBe('dic');
    const en = localeDefinitions('en');
    expect(en.number).toMatchObject({ decimal: '.', thousands: ',', percent: '%' });
    expect(en.time.months[0]).toBe('January');
  });

  it('returns fresh objects, so a caller cannot alter the shared locale', () => {
    localeDefinitions('it').number.decimal = '#';
    expect(localeDefinitions('it').number.decimal).toBe(',');
  });
});
