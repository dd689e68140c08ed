/**
 * The one look of every chart in a report: fonts, sizes, palettes, axes, and the number/date
 * locale. Vega-Lite charts get `vegaLiteConfig`, raw Vega charts (the network map) get
 * `vegaConfig`; both are built from the same constants so the two kinds look alike.
 */
import type { Config as VgConfig, Locale } from 'vega';
import type { Config as VlConfig } from 'vega-lite';
import { NUMBER_LOCALES, TIME_LOCALES, type Lang } from '../format/locale.js';

export type { Lang };

/** DejaVu Sans first: it is the font the PNG rasteriser bundles, so SVG and PNG match. */
export const fontFamily = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';

/** Widest chart that fits an A4 page with 15 mm margins at 96 dpi (180 mm ≈ 680 px). */
export const maxChartWidth = 680;
/** Plot area of a continuous chart; leaves room for a y axis with titles within maxChartWidth. */
export const plotWidth = 560;
export const plotHeight = 240;

export const fontSize = { label: 11, title: 13, subtitle: 11 } as const;

const textColor = '#333333';
const axisColor = '#888888';
const gridColor = '#e6e6e6';

/**
 * Okabe–Ito, the usual colour-blind-safe categorical palette; black dropped (reads as text) and
 * yellow moved last (weak on white). The first four are distinguishable for the four ambiti.
 */
export const categoricalPalette = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#999999', // grey
] as const;

/** Single-hue ramps are ordered by lightness, hence readable by colour-blind readers and in grey. */
export const sequentialScheme = 'blues';
/** For signed continuous values (score changes): blue–orange is colour-blind safe, unlike red–green. */
export const divergingScheme = 'blueorange';

/**
 * Outcome classes of destinations and housing situations. Green and red from Okabe–Ito (bluish
 * green vs vermillion differ in lightness too, so deuteranopes still tell them apart); neutra is
 * mid grey and ignota a light grey, so unknowns recede.
 */
export const outcomeClassColors = {
  positiva: '#009E73',
  neutra: '#8C8C8C',
  negativa: '#D55E00',
  ignota: '#CFCFCF',
} as const;

export type OutcomeClass = keyof typeof outcomeClassColors;

/** A scale (domain in the classes' natural order) for `encoding.color.scale`. */
export function outcomeClassScale(): { domain: OutcomeClass[]; range: string[] } {
  const domain = Object.keys(outcomeClassColors) as OutcomeClass[];
  return { domain, range: domain.map((k) => outcomeClassColors[k]) };
}

/**
 * d3-format and d3-time-format locale definitions for Vega's `locale`, taken from the one
 * formatter of mev (src/format/locale.ts), so charts read like tables and cards: `1.234,5`,
 * `65,9 %`, `31/12/2025`, lower-case Italian month names. A deep copy: Vega may keep the object.
 */
export function localeDefinitions(lang: Lang): Required<Locale> {
  return structuredClone({ number: NUMBER_LOCALES[lang], time: TIME_LOCALES[lang] });
}

/** The shared Vega-Lite config; a spec's own `config` is merged over it by the compiler. */
export function vegaLiteConfig(): VlConfig {
  const axisText = {
    labelFont: fontFamily,
    titleFont: fontFamily,
    labelFontSize: fontSize.label,
    titleFontSize: fontSize.label,
    labelColor: textColor,
    titleColor: textColor,
    titleFontWeight: 'normal',
  } as const;
  return {
    background: 'white',
    padding: 8,
    font: fontFamily,
    view: { continuousWidth: plotWidth, continuousHeight: plotHeight, stroke: null },
    title: {
      font: fontFamily,
      fontSize: fontSize.title,
      fontWeight: 'bold',
      color: '#222222',
      anchor: 'start',
      offset: 10,
      subtitleFont: fontFamily,
      subtitleFontSize: fontSize.subtitle,
      subtitleColor: '#555555',
    },
    axis: {
      ...axisText,
      domainColor: axisColor,
      tickColor: axisColor,
      gridColor,
      labelLimit: 180,
      titlePadding: 8,
    },
    // Bars and categories read against the value axis; a grid across the categories is noise.
    axisBand: { grid: false },
    legend: {
      ...axisText,
      orient: 'bottom',
      symbolType: 'square',
      labelLimit: 220,
    },
    header: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: fontSize.label,
      titleFontSize: fontSize.label,
      labelColor: textColor,
      titleColor: textColor,
    },
    range: {
      category: [...categoricalPalette],
      ordinal: { scheme: sequentialScheme },
      heatmap: { scheme: sequentialScheme },
      ramp: { scheme: sequentialScheme },
      diverging: { scheme: divergingScheme },
    },
    mark: { color: categoricalPalette[0] },
    line: { strokeWidth: 2 },
    text: { font: fontFamily, fontSize: fontSize.label, color: textColor },
  };
}

/** The same look for raw Vega specs (the network map). */
export function vegaConfig(): VgConfig {
  return {
    background: 'white',
    padding: 8,
    title: {
      font: fontFamily,
      fontSize: fontSize.title,
      fontWeight: 'bold',
      color: '#222222',
      anchor: 'start',
      offset: 10,
      subtitleFont: fontFamily,
      subtitleFontSize: fontSize.subtitle,
      subtitleColor: '#555555',
    },
    axis: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: fontSize.label,
      titleFontSize: fontSize.label,
      labelColor: textColor,
      titleColor: textColor,
      domainColor: axisColor,
      tickColor: axisColor,
      gridColor,
    },
    legend: {
      labelFont: fontFamily,
      titleFont: fontFamily,
      labelFontSize: fontSize.label,
      titleFontSize: fontSize.label,
      labelColor: textColor,
      titleColor: textColor,
      titleFontWeight: 'normal',
      symbolType: 'square',
    },
    text: { font: fontFamily, fontSize: fontSize.label, fill: textColor },
    range: {
      category: [...categoricalPalette],
      ordinal: { scheme: sequentialScheme },
      heatmap: { scheme: sequentialScheme },
      ramp: { scheme: sequentialScheme },
      diverging: { scheme: divergingScheme },
    },
  };
}
