/**
 * How an indicator value reads in a table, a card or a chart label: by its unit, with the one
 * locale formatter (src/format/locale.ts).
 */
import { formatNumber, formatPercent, NULL_MARK, type Lang } from '../format/locale.js';
import type { IndicatorValue } from './run.js';

export function formatValue(value: number | null | undefined, unit: string, lang: Lang): string {
  if (value === null || value === undefined) return NULL_MARK;
  switch (unit) {
    case 'rate':
      return formatPercent(value, lang, 1);
    case 'days':
    case 'score':
    case 'ratio':
    case 'per_place':
    case 'places':
    case 'level':
      return formatNumber(value, lang, { decimals: Number.isInteger(value) ? 0 : unit === 'score' || unit === 'level' ? 2 : 1 });
    case 'euro':
      return `${formatNumber(value, lang, { decimals: Number.isInteger(value) ? 0 : 2 })} €`;
    default:
      return formatNumber(value, lang, { decimals: Number.isInteger(value) ? 0 : 1 });
  }
}

/** A change between periods: rates in percentage points, the rest in the unit. */
export function formatChange(change: number | null | undefined, unit: string, lang: Lang): string {
  if (change === null || change === undefined) return NULL_MARK;
  const sign = change > 0 ? '+' : '';
  if (unit === 'rate') return `${sign}${formatNumber(change * 100, lang, { decimals: 1 })} ${lang === 'it' ? 'p.p.' : 'pp'}`;
  return `${sign}${formatValue(change, unit, lang)}`;
}

export function formatGroup(group: Record<string, string>, lang: Lang): string {
  const entries = Object.entries(group);
  if (!entries.length) return lang === 'it' ? 'totale' : 'total';
  return entries.map(([k, v]) => `${k}: ${v}`).join(', ');
}

export function formatInterval(v: IndicatorValue, lang: Lang): string {
  return v.ci95 ? `${formatValue(v.ci95[0], v.unit, lang)} – ${formatValue(v.ci95[1], v.unit, lang)}` : '';
}

const STATUS = {
  it: { reached: 'raggiunto', close: 'vicino', far: 'lontano' },
  en: { reached: 'reached', close: 'close', far: 'far' },
} as const;

export function formatStatus(v: IndicatorValue, lang: Lang): string {
  return v.target?.status ? STATUS[lang][v.target.status] : '';
}
