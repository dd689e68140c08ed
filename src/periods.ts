/**
 * Periods (§3, §4): `2025`, `2025-H1`, `2025-Q3`, `2025-07`, `progetto` (project start → as_of),
 * or --from/--to. A period is [from, to], both inclusive; the effective end is min(to, as_of);
 * the previous period has as many days as [from, end] and ends the day before `from`.
 */
import { addDays, daysBetween, isValidIso, lastDayOfMonth, minDate } from './dates.js';
import { UserError } from './errors.js';

export interface Period {
  label: string;
  from: string;
  to: string;
}

export interface ResolvedPeriod extends Period {
  asOf: string;
  /** min(to, as_of) */
  end: string;
  /** Days in [from, end] (0 when the period starts after as_of). */
  days: number;
  previous: { from: string; end: string; days: number };
}

export function parsePeriod(text: string, projectStart: string | undefined, asOf: string): Period {
  const p = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(p))) return { label: p, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  if ((m = /^(\d{4})-[Hh]([12])$/.exec(p))) {
    const h = Number(m[2]);
    return { label: p.toUpperCase(), from: `${m[1]}-${h === 1 ? '01' : '07'}-01`, to: h === 1 ? `${m[1]}-06-30` : `${m[1]}-12-31` };
  }
  if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(p))) {
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { label: p.toUpperCase(), from: `${m[1]}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(Number(m[1]), first + 2) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(p)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { label: p, from: `${m[1]}-${m[2]}-01`, to: lastDayOfMonth(Number(m[1]), Number(m[2])) };
  }
  if (p.toLowerCase() === 'progetto' || p.toLowerCase() === 'project') {
    if (!projectStart) throw new UserError('periodo «progetto»: manca project.start nella configurazione (es. "project": {"start": "2023-01-01"})');
    return { label: 'progetto', from: projectStart, to: asOf };
  }
  throw new UserError(`periodo «${p.slice(0, 40)}» sconosciuto: usa 2025, 2025-H1, 2025-Q3, 2025-07, progetto oppure --from/--to`);
}

export function resolvePeriod(period: Period, asOf: string): ResolvedPeriod {
  if (!isValidIso(period.from) || !isValidIso(period.to)) throw new UserError(`periodo non valido: ${period.from} – ${period.to}`);
  if (period.to < period.from) throw new UserError(`periodo non valido: la fine (${period.to}) precede l'inizio (${period.from})`);
  const end = minDate(period.to, asOf);
  const days = Math.max(0, daysBetween(period.from, end) + 1);
  // The previous period has as many days as [from, end] and ends the day before `from`; like any
  // period it stops at as_of (a period after as_of has an empty previous period).
  const prevFrom = addDays(period.from, -Math.max(days, 1));
  const prevEnd = minDate(addDays(period.from, -1), asOf);
  const prevDays = Math.max(0, daysBetween(prevFrom, prevEnd) + 1);
  return { ...period, asOf, end, days, previous: { from: prevFrom, end: prevEnd, days: prevDays } };
}
