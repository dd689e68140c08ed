/**
 * Seeded random small networks for the differential tests: rows for alloggi, ospitalita,
 * segnalazioni, valutazioni and followup, shaped to hit the edge cases of §3 often (exit days,
 * same-day stays, transfers within 0–14 days vs re-entries after 15–60, overlaps, open stays,
 * units closing and reopening, 29 February, every request outcome, contacts in and out of the
 * follow-up window). Values are vocabulary codes, as ingest stores them.
 */
import { mulberry32 } from '../../src/random.js';

export type Row = Record<string, string | number | boolean | null>;

export interface Network {
  alloggi: Row[];
  ospitalita: Row[];
  segnalazioni: Row[];
  valutazioni: Row[];
  followup: Row[];
}

/** The seeded generator of the random networks (src/random.ts). */
export const rng = mulberry32;

export interface Draw {
  random: () => number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function draw(seed: number): Draw {
  const random = rng(seed);
  return {
    random,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    chance: (p) => random() < p,
    pick: (items) => items[Math.floor(random() * items.length)]!,
  };
}

const DAY = 86_400_000;
export const dayNumber = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
export const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const plusDays = (iso: string, n: number): string => isoOf(dayNumber(iso) + n);

/** Dates the contract names as edge cases, drawn now and then instead of a uniform day. */
const SPECIAL_DATES = ['2024-02-29', '2023-08-31', '2023-08-29', '2024-08-31', '2023-12-31', '2024-01-01', '2024-06-30', '2024-07-01', '2023-02-28'];

const PLACES: { ambito: string; comune: string }[] = [
  { ambito: 'monza', comune: 'Monza' },
  { ambito: 'monza', comune: 'Brugherio' },
  { ambito: 'desio', comune: 'Desio' },
  { ambito: 'carate_brianza', comune: 'Carate Brianza' },
  { ambito: 'seregno', comune: 'Seregno' },
];

const DESTINATIONS = ['affitto_autonomo', 'erp', 'housing_sociale', 'famiglia', 'altra_accoglienza', 'trasferimento_interno', 'senza_dimora', 'rientro_maltrattante', 'allontanamento', 'ignota', 'non_classificato'];
const REASONS = ['conclusione_progetto', 'abbandono', 'espulsione', 'trasferimento', 'altro'];
const TARGETS = ['madre_con_figli', 'vittima_violenza', 'altro', 'non_classificato'];
const CITIZENSHIPS = ['italiana', 'ue', 'extra_ue'];
const AGENCIES = ['Comune di Monza', 'Consultorio', 'Centro antiviolenza'];
/** A few dimensions of the default instrument, so that some have pairs and some never do. */
export const DIMENSIONS = ['abitare', 'lavoro', 'reddito'];
const OUTCOMES = ['raggiunta', 'raggiunta', 'non_raggiunta', 'rifiuto'];

/** Days 2023-01-01 … 2024-12-31, the span stays are drawn in. */
const SPAN_FROM = dayNumber('2023-01-01');
const SPAN_TO = dayNumber('2024-12-31');

function dateIn(d: Draw, from: number, to: number): string {
  if (d.chance(0.08)) {
    const special = d.pick(SPECIAL_DATES);
    const n = dayNumber(special);
    if (n >= from && n <= to) return special;
  }
  return isoOf(d.int(from, to));
}

/** The last day of the month of a date. */
function monthEnd(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A stay's exit + 6 months, clamped to the month's end (the path's target when it is its exit). */
function sixMonthsAfter(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) + 6;
  const year = y + Math.floor((m - 1) / 12);
  const month = ((m - 1) % 12) + 1;
  const day = Math.min(Number(iso.slice(8, 10)), new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const maybe = <T>(d: Draw, p: number, v: T): T | null => (d.chance(p) ? v : null);

export function randomNetwork(seed: number): Network {
  const d = draw(seed);
  const net: Network = { alloggi: [], ospitalita: [], segnalazioni: [], valutazioni: [], followup: [] };

  // Units: 2–5, some closing, some reopening later with another number of places.
  const units: string[] = [];
  const nUnits = d.int(2, 5);
  for (let i = 1; i <= nUnits; i++) {
    const code = `A${i}`;
    units.push(code);
    const place = d.pick(PLACES);
    const open = d.chance(0.5) ? '2022-06-01' : dateIn(d, SPAN_FROM - 60, SPAN_FROM + 400);
    let close: string | null = d.chance(0.35) ? dateIn(d, dayNumber(open), SPAN_TO + 200) : null;
    net.alloggi.push({ codice_alloggio: code, ambito: place.ambito, comune: place.comune, posti: d.int(1, 4), data_apertura: open, data_chiusura: close });
    if (close && d.chance(0.4)) {
      const reopen = plusDays(close, d.int(1, 90));
      close = d.chance(0.5) ? plusDays(reopen, d.int(0, 300)) : null;
      net.alloggi.push({ codice_alloggio: code, ambito: place.ambito, comune: place.comune, posti: d.int(1, 4), data_apertura: reopen, data_chiusura: close });
    }
  }

  // Stays: persons with chains of stays (transfers, overlaps, re-entries), 5–40 in all.
  const nStays = d.int(5, 40);
  const usedCases = new Set<string>();
  const caseCode = () => {
    // Random codes, so the codice_caso tie-break of the path order is not the date order.
    let c: string;
    do c = `C${d.int(100, 999)}`;
    while (usedCases.has(c));
    usedCases.add(c);
    return c;
  };
  let person = 0;
  while (net.ospitalita.length < nStays) {
    person++;
    const codicePersona = `P${person}`;
    const chain = d.int(1, 4);
    let entry = dateIn(d, SPAN_FROM - 30, SPAN_TO);
    for (let k = 0; k < chain && net.ospitalita.length < nStays; k++) {
      const sameDay = d.chance(0.07);
      const length = sameDay ? 0 : d.chance(0.3) ? d.int(1, 40) : d.int(30, 400);
      const open = d.chance(0.12);
      let exit = open ? null : plusDays(entry, length);
      // Month ends now and then: their follow-up target is clamped (31/08 + 6 months = 28 or 29/02).
      if (exit && !sameDay && d.chance(0.2)) exit = monthEnd(exit);
      net.ospitalita.push(stayRow(d, caseCode(), codicePersona, d.pick(units), entry, exit));
      // A twin now and then: same entry, and the same exit, no exit or another one, so that the
      // path order's tie-breaks (exit with open last, then case code) and "the stay with the
      // latest exit" among equal exits decide the path's values.
      if (d.chance(0.1) && net.ospitalita.length < nStays) {
        const twinExit = d.pick([exit, exit, null, plusDays(entry, d.int(0, 200))]);
        net.ospitalita.push(stayRow(d, caseCode(), codicePersona, d.pick(units), entry, twinExit));
      }
      if (!exit) break;
      // Next stay of the same person: overlap, transfer (0–14 days, 14 itself often), or re-entry.
      const r = d.random();
      const gap = r < 0.15 ? -d.int(0, Math.max(0, length)) : r < 0.5 ? d.pick([0, 0, 1, 7, 13, 14, 14]) : r < 0.6 ? 15 : r < 0.85 ? d.int(15, 60) : d.int(61, 300);
      entry = plusDays(exit, gap);
      if (dayNumber(entry) > SPAN_TO + 60) break;
    }
  }

  addAssessments(d, net);
  addContacts(d, net);
  addRequests(d, net);
  return net;
}

function stayRow(d: Draw, codiceCaso: string, codicePersona: string, alloggio: string, entry: string, exit: string | null): Row {
  const exited = exit !== null;
  const reddito = () => (d.chance(0.1) ? 0 : d.int(0, 150000) / 100);
  return {
    codice_caso: codiceCaso,
    codice_persona: codicePersona,
    codice_alloggio: alloggio,
    posti_occupati: d.int(1, 3),
    data_ingresso: entry,
    data_uscita: exit,
    data_segnalazione: maybe(d, 0.75, plusDays(entry, -d.int(0, 120))),
    ente_inviante: maybe(d, 0.8, d.pick(AGENCIES)),
    target: maybe(d, 0.85, d.pick(TARGETS)),
    cittadinanza: maybe(d, 0.85, d.pick(CITIZENSHIPS)),
    anno_nascita: maybe(d, 0.8, d.int(1965, 2006)),
    figli: maybe(d, 0.8, d.int(0, 4)),
    // Open stays sometimes carry exit values too: an export may fill them before the exit.
    destinazione_uscita: exited || d.chance(0.2) ? maybe(d, 0.85, d.pick(DESTINATIONS)) : null,
    motivo_uscita: exited ? maybe(d, 0.8, d.pick(REASONS)) : null,
    reddito_ingresso: maybe(d, 0.7, reddito()),
    reddito_uscita: exited ? maybe(d, 0.6, reddito()) : null,
  };
}

/** Phase dates are kept distinct per person, phase and dimension, so "earliest"/"latest" never tie. */
function addAssessments(d: Draw, net: Network): void {
  const used = new Set<string>();
  const push = (stay: Row, fase: string, dim: string, date: string) => {
    let day = date;
    while (used.has(`${stay['codice_persona']}|${fase}|${dim}|${day}`)) day = plusDays(day, 1);
    used.add(`${stay['codice_persona']}|${fase}|${dim}|${day}`);
    net.valutazioni.push({ codice_caso: stay['codice_caso'] as string, fase, data: day, dimensione: dim, punteggio: d.int(1, 5) });
  };
  const followupDone = new Set<string>();
  for (const stay of net.ospitalita) {
    const entry = stay['data_ingresso'] as string;
    const exit = stay['data_uscita'] as string | null;
    for (const dim of DIMENSIONS) {
      if (d.chance(0.7)) push(stay, 'ingresso', dim, plusDays(entry, d.int(0, 20)));
      if (exit && d.chance(0.65)) push(stay, 'uscita', dim, plusDays(exit, d.int(-10, 5)));
      // One follow-up score per person and dimension at most (nearest-the-target never ties):
      // mostly near exit + 6 months, sometimes outside the ±60-day window or before the exit.
      const key = `${stay['codice_persona']}|${dim}`;
      if (exit && !followupDone.has(key) && d.chance(0.45)) {
        followupDone.add(key);
        const r = d.random();
        const date = r < 0.6 ? plusDays(exit, d.int(130, 240)) : r < 0.8 ? plusDays(sixMonthsAfter(exit), d.pick([-61, -60, 60, 61])) : plusDays(exit, d.pick([-5, 10, 300, 400]));
        push(stay, 'follow_up', dim, date);
      }
    }
  }
}

/** Contacts around exit + 6 months: in the window, at its edges, outside it; distinct dates per person. */
function addContacts(d: Draw, net: Network): void {
  const used = new Set<string>();
  for (const stay of net.ospitalita) {
    const exit = stay['data_uscita'] as string | null;
    if (!exit || !d.chance(0.6)) continue;
    const n = d.int(1, 3);
    for (let i = 0; i < n; i++) {
      // Around exit + 6 months; at the window's edges (±60 inclusive, ±61 outside); outside it.
      const r = d.random();
      const target = sixMonthsAfter(exit);
      let date = r < 0.6 ? plusDays(exit, d.int(110, 250)) : r < 0.85 ? plusDays(target, d.pick([-61, -60, 0, 60, 61])) : plusDays(exit, d.pick([-3, 1, 60, 300]));
      while (used.has(`${stay['codice_persona']}|${date}`)) date = plusDays(date, 1);
      used.add(`${stay['codice_persona']}|${date}`);
      net.followup.push({
        codice_caso: stay['codice_caso'] as string,
        data_contatto: date,
        esito_contatto: d.pick(OUTCOMES),
        situazione_abitativa: maybe(d, 0.8, d.pick(DESTINATIONS)),
        lavoro: d.chance(0.2) ? null : d.chance(0.5),
      });
    }
  }
}

/** Requests with every outcome; some accepted without a date; decisions 0–90 days later. */
function addRequests(d: Draw, net: Network): void {
  const ambiti = [...new Set(net.alloggi.map((u) => u['ambito'] as string))];
  const n = d.int(3, 25);
  for (let i = 1; i <= n; i++) {
    const date = dateIn(d, SPAN_FROM - 30, SPAN_TO);
    const esito = d.pick(['accolta', 'accolta', 'non_accolta', 'in_attesa', 'ritirata']);
    const decided = esito !== 'in_attesa';
    const stay = esito === 'accolta' && net.ospitalita.length ? d.pick(net.ospitalita) : null;
    net.segnalazioni.push({
      codice_segnalazione: `S${i}`,
      data_segnalazione: date,
      esito,
      ente_inviante: maybe(d, 0.8, d.pick(AGENCIES)),
      target: maybe(d, 0.8, d.pick(TARGETS)),
      ambito: d.chance(0.85) ? d.pick(ambiti) : d.chance(0.5) ? null : 'vimercate',
      data_esito: decided && d.chance(0.9) ? plusDays(date, d.pick([0, d.int(1, 90)])) : null,
      codice_caso: stay ? (stay['codice_caso'] as string) : null,
    });
  }
}
