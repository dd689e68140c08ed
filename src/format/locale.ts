/**
 * THE number and date formatter of mev: terminal tables, report cards and charts all go through
 * it, so one value reads the same everywhere (product §5).
 *
 * Conventions, per language:
 *   numbers   it `1.234,5`   en `1,234.5`   grouped from four digits on (1234 → `1.234`, unlike
 *             Intl's it-IT, which leaves four-digit numbers ungrouped); minus is ASCII `-`
 *   decimals  default: an integer value shows no decimals, any other value exactly one
 *             (2.04 → `2,0`: a mean of 2.04 must not look like a count of 2)
 *   rounding  on the decimal digits, halves away from zero (1.005 → `1,01`, -2.5 → `-3`)
 *   percent   it `65,9 %` (non-breaking space U+00A0, so `%` never wraps alone) en `65.9%`
 *   dates     it `31/12/2025`   en `2025-12-31` (ISO: unambiguous to UK and US readers alike)
 *   months    it `marzo 2025` (lower case, as Italian writes them)   en `March 2025`
 *   days      it `1 giorno`, `12,5 giorni`   en `1 day`, `12.5 days` (non-breaking space)
 *   missing   null, undefined, NaN and ±Infinity show as `—` (em dash) in both languages
 */
import type { Locale, NumberLocale, TimeLocale } from 'vega';
import { calendarDate, isMissing, isoDate, pad2 } from './cells.js';
import { decimalParts, groupThousands, roundParts } from './decimal.js';

export type Lang = 'it' | 'en';

export const NULL_MARK = '—';
export const NBSP = '\u00a0';

const SEPARATORS: Record<Lang, { decimal: string; thousands: string }> = {
  it: { decimal: ',', thousands: '.' },
  en: { decimal: '.', thousands: ',' },
};

export interface NumberOptions {
  /** Exactly this many decimals; when absent, 0 for integer values and 1 otherwise. */
  decimals?: number;
  /** Thousands separators (default true); false for years and codes in tables. */
  grouping?: boolean;
}

/** `1234.5` → it `1.234,5`, en `1,234.5`. Numeric strings (DuckDB DECIMAL) are accepted. */
export function formatNumber(
  value: number | bigint | string | null | undefined,
  lang: Lang,
  options: NumberOptions = {},
): string {
  return formatScaled(value, lang, options, 0);
}

/** A fraction as a percentage: 0.659 → it `65,9 %`, en `65.9%`. Always `decimals` decimals. */
export function formatPercent(
  fraction: number | bigint | string | null | undefined,
  lang: Lang,
  decimals = 1,
): string {
  const text = formatScaled(fraction, lang, { decimals }, 2);
  if (text === NULL_MARK) return text;
  return lang === 'it' ? `${text}${NBSP}%` : `${text}%`;
}

/** A calendar date (`yyyy-mm-dd` or a UTC Date): it `31/12/2025`, en `2025-12-31`. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (isMissing(value)) return NULL_MARK;
  const date = calendarDate(value);
  if (lang === 'en') return isoDate(date);
  return `${pad2(date.day)}/${pad2(date.month)}/${String(date.year).padStart(4, '0')}`;
}

const MONTHS: Record<Lang, readonly string[]> = {
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const SHORT_MONTHS: Record<Lang, readonly string[]> = {
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const DAYS: Record<Lang, readonly string[]> = {
  it: ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const SHORT_DAYS: Record<Lang, readonly string[]> = {
  it: ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** Month 1–12 → it `marzo`, en `March`. */
export function monthName(month: number, lang: Lang): string {
  const name = Number.isInteger(month) ? MONTHS[lang][month - 1] : undefined;
  if (name === undefined) throw new RangeError(`month must be an integer from 1 to 12, got ${month}`);
  return name;
}

/** `2025-03` (or a date in that month) → it `marzo 2025`, en `March 2025`. */
export function formatMonth(value: string | null | undefined, lang: Lang): string {
  if (isMissing(value)) return NULL_MARK;
  const match = /^(\d{4})-(\d{2})(?:$|-)/.exec(value);
  if (match === null) throw new TypeError(`expected a yyyy-mm month, got ${JSON.stringify(value.slice(0, 50))}`);
  return `${monthName(Number(match[2]), lang)} ${match[1]}`;
}

/** A number of days with its unit: it `1 giorno`, `12,5 giorni`; en `1 day`, `12.5 days`. */
export function formatDays(
  value: number | bigint | string | null | undefined,
  lang: Lang,
  options: NumberOptions = {},
): string {
  const text = formatNumber(value, lang, options);
  if (text === NULL_MARK) return text;
  const one = text === '1';
  if (lang === 'it') return `${text}${NBSP}${one ? 'giorno' : 'giorni'}`;
  return `${text}${NBSP}${one ? 'day' : 'days'}`;
}

/**
 * d3-format locale definitions (vega `config.locale.number`, or `formatLocale`), matching
 * formatNumber/formatPercent: format(',.1f')(1234.5) → `1.234,5`; format('.1%')(0.659) → `65,9 %`.
 * Chart specs must ask for grouping with `,` in the specifier.
 */
export const NUMBER_LOCALES: Readonly<Record<Lang, NumberLocale>> = {
  it: { decimal: ',', thousands: '.', grouping: [3], currency: ['', `${NBSP}€`], percent: `${NBSP}%`, minus: '-', nan: NULL_MARK },
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''], percent: '%', minus: '-', nan: NULL_MARK },
};

/** d3-time-format locale definitions (vega `config.locale.time`), matching formatDate and monthName. */
export const TIME_LOCALES: Readonly<Record<Lang, TimeLocale>> = {
  it: timeLocale('it', '%A %e %B %Y, %X', '%d/%m/%Y'),
  en: timeLocale('en', '%a %e %b %Y, %X', '%Y-%m-%d'),
};

/** The `{number, time}` object for a Vega or Vega-Lite spec's `config.locale`. */
export function vegaLocale(lang: Lang): Locale {
  return { number: NUMBER_LOCALES[lang], time: TIME_LOCALES[lang] };
}

function formatScaled(
  value: number | bigint | string | null | undefined,
  lang: Lang,
  options: NumberOptions,
  shift: number,
): string {
  if (isMissing(value)) return NULL_MARK;
  if (typeof value === 'number' && !Number.isFinite(value)) return NULL_MARK;
  const parts = decimalParts(value, shift);
  const decimals = options.decimals ?? (/^0*$/.test(parts.fraction) ? 0 : 1);
  const rounded = roundParts(parts, decimals);
  const { decimal, thousands } = SEPARATORS[lang];
  const integer = options.grouping === false ? rounded.integer : groupThousands(rounded.integer, thousands);
  return (rounded.negative ? '-' : '') + integer + (decimals > 0 ? decimal + rounded.fraction : '');
}

function timeLocale(lang: Lang, dateTime: string, date: string): TimeLocale {
  return {
    dateTime,
    date,
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: tuple7(DAYS[lang]),
    shortDays: tuple7(SHORT_DAYS[lang]),
    months: tuple12(MONTHS[lang]),
    shortMonths: tuple12(SHORT_MONTHS[lang]),
  };
}

function tuple7(names: readonly string[]): TimeLocale['days'] {
  return names as unknown as TimeLocale['days'];
}

function tuple12(names: readonly string[]): TimeLocale['months'] {
  return names as unknown as TimeLocale['months'];
}
