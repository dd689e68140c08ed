/** Calendar days as ISO strings (yyyy-mm-dd), computed in UTC so no time zone can shift a day. */
import { UserError } from './errors.js';

const DAY = 86_400_000;

export function toUtc(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

export function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY);
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY);
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function isValidIso(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  return fromUtc(toUtc(iso)) === iso;
}

export function lastDayOfMonth(year: number, month: number): string {
  return fromUtc(Date.UTC(year, month, 0));
}

/** Adds calendar months, clamping to the end of the month (31/08 + 6 months = 28/02 or 29/02). */
export function addMonthsClamped(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = Number(lastDayOfMonth(year, month + 1).slice(8, 10));
  return fromUtc(Date.UTC(year, month, Math.min(d, last)));
}

/** A date given by a user: ISO yyyy-mm-dd or dd/mm/yyyy (also d/m/yyyy). */
export function parseUserDate(text: string, option: string): string {
  const t = text.trim();
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!iso || !isValidIso(iso)) throw new UserError(`${option}: data «${t.slice(0, 40)}» non valida: usa gg/mm/aaaa o aaaa-mm-gg (es. 31/12/2025)`);
  return iso;
}
