/**
 * The building blocks of the naive reference (naive.ts): breakdown keys of stays, paths and
 * requests, the cohorts of a period (nights, entries, exits, follow-ups due, requests), and the
 * plain statistics (median, mean, Kaplan–Meier by direct computation). The Wilcoxon test comes
 * from src/stats, which has its own tests against R.
 */
import { wilcoxonSignedRank } from '../../src/stats/wilcoxon.js';
import { NOT_STATED, type FollowUp, type Path, type Stay, type World } from './world.js';

export type ByField = 'ambito' | 'comune' | 'alloggio' | 'target' | 'cittadinanza';
export type Kind = 'count' | 'proportion' | 'ratio' | 'statistic';
export type Keys = Partial<Record<ByField, string>>;
export type Match = (k: Keys) => boolean;

/** One value of an indicator before value, n and the previous period are derived. */
export interface Cell {
  group?: Record<string, string>;
  numerator?: number | null;
  denominator?: number | null;
  value?: number | null;
  n?: number | null;
  detail?: Record<string, unknown>;
}

/** One period as the reference sees it: [from, end] in day numbers. */
export interface Window {
  from: number;
  end: number;
  days: number;
}

export interface Ctx {
  w: World;
  win: Window;
  fus: FollowUp[];
  dimensions: string[];
}

export interface Indicator {
  id: string;
  kind: Kind;
  breakdowns: ByField[];
  /** Breakdown keys of the cohort's members, so that every present group is listed. */
  present(c: Ctx): Keys[];
  cells(c: Ctx, match: Match): Cell[];
}

// ---- small helpers ------------------------------------------------------------------------

export const text = (v: unknown): string => (v === null || v === undefined || v === '' ? NOT_STATED : String(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
export const inWin = (d: number | null, win: Window): boolean => d !== null && d >= win.from && d <= win.end;
export const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
export const distinct = <T>(xs: T[]) => new Set(xs).size;

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
export const mean = (xs: number[]): number | null => (xs.length ? sum(xs) / xs.length : null);

/** Kaplan–Meier by direct computation: S(t) = Π over event times ≤ t of (1 − d/n at risk). */
export function kmMedian(items: { time: number; event: boolean }[]): number | null {
  const times = [...new Set(items.filter((i) => i.event).map((i) => i.time))].sort((a, b) => a - b);
  let s = 1;
  const curve: { time: number; s: number }[] = [];
  for (const t of times) {
    const atRisk = items.filter((i) => i.time >= t).length;
    const deaths = items.filter((i) => i.time === t && i.event).length;
    s *= (atRisk - deaths) / atRisk;
    curve.push({ time: t, s });
  }
  const k = curve.findIndex((p) => p.s <= 0.5 + 1e-9);
  if (k < 0) return null;
  // Exactly 0.5 on [t_k, t_{k+1}): the midpoint, as R prints it; no later drop: t_k.
  if (Math.abs(curve[k]!.s - 0.5) < 1e-9 && k + 1 < curve.length) return (curve[k]!.time + curve[k + 1]!.time) / 2;
  return curve[k]!.time;
}

export const CLASS: Record<string, string> = {
  affitto_autonomo: 'positiva', erp: 'positiva', housing_sociale: 'positiva', famiglia: 'positiva',
  altra_accoglienza: 'neutra', trasferimento_interno: 'ignota', senza_dimora: 'negativa', rientro_maltrattante: 'negativa',
  allontanamento: 'ignota', ignota: 'ignota',
};
export const destinationClass = (code: unknown): string | null => (typeof code === 'string' ? CLASS[code] ?? null : null);

// ---- breakdown keys --------------------------------------------------------------------------

export const stayKeys = (s: Stay): Keys => ({ ambito: text(s.ambito), comune: text(s.comune), alloggio: s.alloggio });
export const pathValues = (p: Path): Keys => ({ target: text(p.first.row['target']), cittadinanza: text(p.first.row['cittadinanza']) });
/** Entry indicators: the unit of the first stay; exit and follow-up ones: of the last stay. */
export const entryKeys = (p: Path): Keys => ({ ...stayKeys(p.first), ...pathValues(p) });
export const exitKeys = (p: Path): Keys => ({ ...stayKeys(p.last), ...pathValues(p) });
export const requestKeys = (r: World['requests'][number]): Keys => ({ ambito: text(r.ambito) });
export const unitKeys = (w: World, code: string): Keys => {
  const info = w.unitInfo.get(code);
  return { ambito: text(info?.ambito), comune: text(info?.comune), alloggio: code };
};

export const UNIT_BY: ByField[] = ['ambito', 'comune', 'alloggio'];
export const PATH_BY: ByField[] = ['ambito', 'comune', 'alloggio', 'target', 'cittadinanza'];

// ---- cohorts ---------------------------------------------------------------------------------

export const availableNights = (c: Ctx, match: Match): number => {
  let total = 0;
  for (const [code, days] of c.w.availability) {
    if (!match(unitKeys(c.w, code))) continue;
    for (const [d, posti] of days) if (d >= c.win.from && d <= c.win.end) total += posti;
  }
  return total;
};
export const occupiedNights = (c: Ctx, match: Match): number =>
  sum(c.w.stays.filter((s) => match(stayKeys(s))).map((s) => s.posti * [...s.nights].filter((d) => d >= c.win.from && d <= c.win.end).length));
export const entering = (c: Ctx) => c.w.paths.filter((p) => inWin(p.entry, c.win));
export const exiting = (c: Ctx) => c.w.paths.filter((p) => inWin(p.exit, c.win));
export const due = (c: Ctx) => c.fus.filter((f) => inWin(f.target, c.win));
export const received = (c: Ctx) => c.w.requests.filter((r) => inWin(r.received, c.win));
export const accepted = (c: Ctx) => c.w.requests.filter((r) => r.esito === 'accolta' && inWin(r.decided, c.win));
export const allUnits = (c: Ctx): Keys[] => [...c.w.unitInfo.keys()].map((code) => unitKeys(c.w, code));
export const served = (c: Ctx) => c.w.stays.filter((s) => [...s.nights].some((d) => d >= c.win.from && d <= c.win.end));
/** Not decided on `day`: in_attesa, or decided later (a decision without a date is taken). */
export const waitingOn = (r: World['requests'][number], day: number) => r.esito === 'in_attesa' || (r.decided !== null && r.decided > day);
export const servedKeys = (c: Ctx, s: Stay): Keys => ({ ...stayKeys(s), ...pathValues(c.w.pathOfCase.get(s.caso)!) });
export const servedPaths = (c: Ctx, m: Match): Path[] => [...new Set(served(c).filter((s) => m(servedKeys(c, s))).map((s) => c.w.pathOfCase.get(s.caso)!))];
export const positive = (p: Path) => destinationClass(p.last.row['destinazione_uscita']) === 'positiva';

/** The paired-change statistic of score_change_exit / score_change_followup. */
export function pairedCell(diffs: number[], cohort: number): Cell {
  const n = diffs.length;
  const test = n > 0 ? wilcoxonSignedRank(diffs) : null;
  const share = (f: (d: number) => boolean) => (n > 0 ? diffs.filter(f).length / n : null);
  return {
    value: mean(diffs),
    n,
    detail: {
      median: median(diffs),
      improved: share((d) => d > 0),
      unchanged: share((d) => d === 0),
      worsened: share((d) => d < 0),
      p_value: test?.pValue ?? null,
      effect_r: test?.effectR ?? null,
      method: test ? test.method : null,
      missing: cohort - n,
    },
  };
}

export const AGE_BANDS = (age: number) => (age < 25 ? '<25' : age < 35 ? '25-34' : age < 45 ? '35-44' : '45+');
export const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

/** A count indicator: one numerator, maybe a detail. */
export const count = (id: string, breakdowns: ByField[], present: (c: Ctx) => Keys[], numerator: (c: Ctx, m: Match) => number, detail?: (c: Ctx, m: Match) => Record<string, unknown>): Indicator => ({
  id, kind: 'count', breakdowns, present,
  cells: (c, m) => [{ numerator: numerator(c, m), ...(detail ? { detail: detail(c, m) } : {}) }],
});

