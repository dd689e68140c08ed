/**
 * The naive reference's reading of the data as of a date (§3), written from the contract alone
 * and deliberately simple: stays and unit availability expanded into sets of days, paths joined
 * by walking each person's sorted stays, follow-ups found by scanning every contact. Slow by
 * design; only for small random networks.
 */
import { dayNumber, isoOf, type Network, type Row } from './random-network.js';

export const NOT_STATED = 'non_indicato';

export interface Settings {
  transferGap: number;
  followupMonths: number;
  followupWindow: number;
}

export const DEFAULT_SETTINGS: Settings = { transferGap: 14, followupMonths: 6, followupWindow: 60 };

export interface Stay {
  caso: string;
  persona: string;
  alloggio: string;
  ambito: string | null;
  comune: string | null;
  posti: number;
  entry: number;
  /** null: open as of as_of (no exit, or an exit after as_of). */
  exit: number | null;
  row: Row;
  /** Nights occupied: entry ≤ d < exit, unit available on d, d ≤ as_of. */
  nights: Set<number>;
}

export interface Path {
  persona: string;
  stays: Stay[];
  first: Stay;
  /** The stay with the latest exit (exited paths), else the last stay in path order. */
  last: Stay;
  entry: number;
  exit: number | null;
}

export interface Request {
  row: Row;
  received: number;
  esito: string;
  decided: number | null;
  ambito: string | null;
}

export interface Assessment {
  caso: string;
  fase: string;
  date: number;
  dimension: string;
  score: number;
}

export interface Contact {
  caso: string;
  date: number;
  esito: string;
  situazione: string | null;
}

export interface FollowUp {
  path: Path;
  target: number;
  assessable: boolean;
  completed: boolean;
  /** situazione_abitativa of the completing contact nearest the target. */
  situazione: string | null;
}

export interface World {
  asOf: number;
  settings: Settings;
  /** unit → day → places (one entry per available day, up to as_of). */
  availability: Map<string, Map<number, number>>;
  unitInfo: Map<string, { ambito: string | null; comune: string | null }>;
  stays: Stay[];
  paths: Path[];
  requests: Request[];
  assessments: Assessment[];
  contacts: Contact[];
  pathOfCase: Map<string, Path>;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const dayOrNull = (v: unknown): number | null => (str(v) === null ? null : dayNumber(String(v)));

/** Exit + months, clamped to the last day of the target month (31/08 + 6 = 28 or 29/02). */
export function addMonths(day: number, months: number): number {
  const iso = isoOf(day);
  const y = Number(iso.slice(0, 4));
  const m0 = Number(iso.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m0 / 12);
  const month = ((m0 % 12) + 12) % 12;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), daysInMonth);
  return Date.UTC(year, month, d) / 86_400_000;
}

export function buildWorld(net: Network, asOfIso: string, settings: Settings = DEFAULT_SETTINGS): World {
  const asOf = dayNumber(asOfIso);

  const availability = new Map<string, Map<number, number>>();
  const unitInfo = new Map<string, { ambito: string | null; comune: string | null }>();
  for (const u of net.alloggi) {
    const code = String(u['codice_alloggio']);
    if (!unitInfo.has(code)) unitInfo.set(code, { ambito: str(u['ambito']), comune: str(u['comune']) });
    const days = availability.get(code) ?? new Map<number, number>();
    availability.set(code, days);
    const close = dayOrNull(u['data_chiusura']);
    const last = close === null ? asOf : Math.min(close, asOf);
    for (let d = dayNumber(String(u['data_apertura'])); d <= last; d++) days.set(d, (days.get(d) ?? 0) + Number(u['posti']));
  }

  const stays: Stay[] = [];
  for (const r of net.ospitalita) {
    const entry = dayNumber(String(r['data_ingresso']));
    if (entry > asOf) continue; // not happened yet
    const rawExit = dayOrNull(r['data_uscita']);
    const exit = rawExit !== null && rawExit <= asOf ? rawExit : null;
    const alloggio = String(r['codice_alloggio']);
    const unitDays = availability.get(alloggio) ?? new Map<number, number>();
    const nights = new Set<number>();
    for (let d = entry; d < (exit ?? asOf + 1); d++) if (unitDays.has(d)) nights.add(d);
    const info = unitInfo.get(alloggio);
    stays.push({ caso: String(r['codice_caso']), persona: String(r['codice_persona']), alloggio, ambito: info?.ambito ?? null, comune: info?.comune ?? null, posti: Number(r['posti_occupati']), entry, exit, row: r, nights });
  }

  const paths = buildPaths(stays, settings.transferGap);
  const pathOfCase = new Map<string, Path>();
  for (const p of paths) for (const s of p.stays) pathOfCase.set(s.caso, p);

  const requests: Request[] = [];
  for (const r of net.segnalazioni) {
    const received = dayNumber(String(r['data_segnalazione']));
    if (received > asOf) continue;
    const decidedRaw = dayOrNull(r['data_esito']);
    const later = decidedRaw !== null && decidedRaw > asOf;
    requests.push({ row: r, received, esito: later ? 'in_attesa' : String(r['esito']), decided: later ? null : decidedRaw, ambito: str(r['ambito']) });
  }

  const assessments: Assessment[] = net.valutazioni
    .filter((a) => dayNumber(String(a['data'])) <= asOf && pathOfCase.has(String(a['codice_caso'])))
    .map((a) => ({ caso: String(a['codice_caso']), fase: String(a['fase']), date: dayNumber(String(a['data'])), dimension: String(a['dimensione']), score: Number(a['punteggio']) }));
  const contacts: Contact[] = net.followup
    .filter((c) => dayNumber(String(c['data_contatto'])) <= asOf && pathOfCase.has(String(c['codice_caso'])))
    .map((c) => ({ caso: String(c['codice_caso']), date: dayNumber(String(c['data_contatto'])), esito: String(c['esito_contatto']), situazione: str(c['situazione_abitativa']) }));

  return { asOf, settings, availability, unitInfo, stays, paths, requests, assessments, contacts, pathOfCase };
}

/**
 * Paths by brute force: each person's stays sorted by (entry, exit with open last, case code); a
 * stay joins the current path when it enters at most `gap` days after the latest exit so far.
 */
function buildPaths(stays: Stay[], gap: number): Path[] {
  const byPerson = new Map<string, Stay[]>();
  for (const s of stays) byPerson.set(s.persona, [...(byPerson.get(s.persona) ?? []), s]);
  const paths: Path[] = [];
  for (const [persona, list] of byPerson) {
    const sorted = [...list].sort((a, b) => a.entry - b.entry || (a.exit ?? Infinity) - (b.exit ?? Infinity) || (a.caso < b.caso ? -1 : a.caso > b.caso ? 1 : 0));
    let current: Stay[] = [];
    let latestExit = -Infinity; // Infinity once a stay is open
    for (const s of sorted) {
      if (current.length && s.entry <= latestExit + gap) {
        current.push(s);
      } else {
        if (current.length) paths.push(makePath(persona, current));
        current = [s];
        latestExit = -Infinity;
      }
      latestExit = Math.max(latestExit, s.exit ?? Infinity);
    }
    if (current.length) paths.push(makePath(persona, current));
  }
  return paths;
}

function makePath(persona: string, stays: Stay[]): Path {
  const open = stays.some((s) => s.exit === null);
  const exit = open ? null : Math.max(...stays.map((s) => s.exit!));
  // The stay with the latest exit; among equal exits the later one in path order.
  let last = stays[stays.length - 1]!;
  if (!open) for (const s of stays) if (s.exit === exit) last = s;
  return { persona, stays, first: stays[0]!, last, entry: stays[0]!.entry, exit };
}

/** Assessments of a path in one phase and dimension. */
export function pathAssessments(w: World, p: Path, fase: string, dimension: string): Assessment[] {
  const cases = new Set(p.stays.map((s) => s.caso));
  return w.assessments.filter((a) => cases.has(a.caso) && a.fase === fase && a.dimension === dimension);
}

export function entryScore(w: World, p: Path, dimension: string): number | null {
  const list = pathAssessments(w, p, 'ingresso', dimension).sort((a, b) => a.date - b.date);
  return list[0]?.score ?? null;
}

export function exitScore(w: World, p: Path, dimension: string): number | null {
  if (p.exit === null) return null;
  const list = pathAssessments(w, p, 'uscita', dimension).sort((a, b) => b.date - a.date);
  return list[0]?.score ?? null;
}

/** Follow-up score: a follow_up assessment after the exit, in the window, nearest the target. */
export function followupScore(w: World, f: FollowUp, dimension: string): number | null {
  const win = w.settings.followupWindow;
  const list = pathAssessments(w, f.path, 'follow_up', dimension)
    .filter((a) => a.date > f.path.exit! && Math.abs(a.date - f.target) <= win)
    .sort((a, b) => Math.abs(a.date - f.target) - Math.abs(b.date - f.target) || a.date - b.date);
  return list[0]?.score ?? null;
}

/** The follow-up of every exited path, by scanning all contacts. */
export function followUps(w: World): FollowUp[] {
  const win = w.settings.followupWindow;
  return w.paths
    .filter((p) => p.exit !== null)
    .map((path) => {
      const target = addMonths(path.exit!, w.settings.followupMonths);
      const cases = new Set(path.stays.map((s) => s.caso));
      const reached = w.contacts
        .filter((c) => cases.has(c.caso) && c.date > path.exit! && c.esito === 'raggiunta' && Math.abs(c.date - target) <= win)
        .sort((a, b) => Math.abs(a.date - target) - Math.abs(b.date - target) || a.date - b.date);
      return { path, target, assessable: target + win <= w.asOf, completed: reached.length > 0, situazione: reached[0]?.situazione ?? null };
    });
}
