/**
 * Pieces shared by the chart specs of reports/charts/: every chart module exports
 * `spec(data, lang)` returning a Vega-Lite (or, for the network map, Vega) spec with inline data,
 * UTC time units only (a report must not depend on the host's time zone), and the number formats
 * of src/format/locale.ts through the theme's locale (`,` in a d3 specifier groups thousands).
 */
import type { TopLevelSpec } from 'vega-lite';
import { categoricalPalette, maxChartWidth, plotWidth } from '../../src/charts/theme.js';
import type { Lang } from '../../src/format/locale.js';
import { t, type TextKey } from '../../src/report/i18n.js';

export type { Lang };
export { t };
export type { TextKey };

export const WIDTH = plotWidth;
export const MAX_WIDTH = maxChartWidth;

/** d3 formats, read through the report's locale. */
export const FORMAT = {
  count: ',d',
  number: ',.1f',
  percent: '.0%',
  percent1: '.1%',
  score: ',.2f',
} as const;

/**
 * Axis label limit in Vega's units. Server-side Vega has no canvas to measure text and estimates
 * widths generously (about 0.8 em per character, where DejaVu Sans averages nearer 0.55), so a
 * limit of 340 truncates labels at roughly 240 px of real text.
 */
export const LABEL_LIMIT = 340;

/** A month on a UTC axis: `gen 2025` / `Jan 2025`. */
export const MONTH_FORMAT = '%b %Y';

/** Title object of a chart (title and optional subtitle). */
export function title(text: string, subtitle?: string): { text: string; subtitle?: string } {
  return subtitle ? { text, subtitle } : { text };
}

/** A colour per group (e.g. ambiti), in a stable order, from the shared categorical palette. */
export function categoryScale(domain: readonly string[], extra: Record<string, string> = {}): { domain: string[]; range: string[] } {
  const plain = domain.filter((d) => !(d in extra));
  return {
    domain: [...plain, ...Object.keys(extra)],
    range: [...plain.map((_, i) => categoricalPalette[i % categoricalPalette.length]!), ...Object.values(extra)],
  };
}

/** Height of a chart with one band per row, kept within reason. */
export function bandHeight(rows: number, step = 18, min = 60): number {
  return Math.max(min, rows * step);
}

export type VlSpec = TopLevelSpec;
