import { describe, expect, it } from 'vitest';
import { kmMedian, median, naiveCatalogue, periods } from './naive.js';
import { dayNumber, randomNetwork, type Network } from './random-network.js';
import { addMonths, buildWorld, followUps } from './world.js';

const unit = (code: string, posti: number, open: string, close: string | null = null) => ({ codice_alloggio: code, ambito: 'monza', comune: 'Monza', posti, data_apertura: open, data_chiusura: close });
const stay = (caso: string, persona: string, alloggio: string, entry: string, exit: string | null, extra: Record<string, string | number | null> = {}) =>
  ({ codice_caso: caso, codice_persona: persona, codice_alloggio: alloggio, posti_occupati: 1, data_ingresso: entry, data_uscita: exit, ...extra });
const network = (parts: Partial<Network>): Network => ({ alloggi: [], ospitalita: [], segnalazioni: [], valutazioni: [], followup: [], ...parts });
const value = (net: Network, id: string, from: string, to: string, asOf: string) =>
  naiveCatalogue(net, { from, to, asOf, ids: [id], dimensions: ['abitare'] }).find((v) => v.id === id && !Object.keys(v.group).length)!;

describe('naive', () => {
  it('joins a stay entering 14 days after the latest exit, not one entering after 15', () => {
    // P1: exits 10/01, re-enters 24/01 (14 days later) → one path; exits 31/01, re-enters 15/02
    // (15 days later) → a second path. P2: an open stay, so a much later stay still joins.
    const net = network({
      alloggi: [unit('A1', 4, '2023-01-01')],
      ospitalita: [
        stay('C1', 'P1', 'A1', '2024-01-01', '2024-01-10'),
        stay('C2', 'P1', 'A1', '2024-01-24', '2024-01-31'),
        stay('C3', 'P1', 'A1', '2024-02-15', '2024-02-20'),
        stay('C4', 'P2', 'A1', '2024-01-01', null),
        stay('C5', 'P2', 'A1', '2024-03-01', '2024-03-05'),
      ],
    });
    const w = buildWorld(net, '2024-12-31');
    expect(w.paths.map((p) => p.stays.map((s) => s.caso))).toEqual([['C1', 'C2'], ['C3'], ['C4', 'C5']]);
    expect(w.paths[2]!.exit).toBeNull();
  });

  it('sorts equal entries with the open stay last and then by case code', () => {
    // Same entry 01/03: C9 (exit 05/03) first, then C7 and C8 both open, by code.
    const net = network({
      alloggi: [unit('A1', 4, '2023-01-01')],
      ospitalita: [stay('C8', 'P1', 'A1', '2024-03-01', null), stay('C7', 'P1', 'A1', '2024-03-01', null), stay('C9', 'P1', 'A1', '2024-03-01', '2024-03-05')],
    });
    expect(buildWorld(net, '2024-12-31').paths[0]!.stays.map((s) => s.caso)).toEqual(['C9', 'C7', 'C8']);
  });

  it('counts nights entry ≤ d < exit on available days, and reads a later exit as open', () => {
    // A1 open 01/01–10/01 (2 places). C1 01/01–05/01: nights 1,2,3,4 → 4. C2 03/01 same day: 0.
    // C3 08/01 exit 20/01, after as_of 09/01: open, nights 8, 9 (≤ as_of) → 2. Occupied 6;
    // available 2 × 9 days (01–09/01, end = as_of) = 18.
    const net = network({
      alloggi: [unit('A1', 2, '2024-01-01', '2024-01-10')],
      ospitalita: [stay('C1', 'P1', 'A1', '2024-01-01', '2024-01-05'), stay('C2', 'P2', 'A1', '2024-01-03', '2024-01-03'), stay('C3', 'P3', 'A1', '2024-01-08', '2024-01-20')],
    });
    expect(value(net, 'place_nights_occupied', '2024-01-01', '2024-01-31', '2024-01-09').value).toBe(6);
    expect(value(net, 'place_nights_available', '2024-01-01', '2024-01-31', '2024-01-09').value).toBe(18);
    expect(buildWorld(net, '2024-01-09').paths.find((p) => p.persona === 'P3')!.exit).toBeNull();
  });

  it('sets the follow-up target six months on, clamped to the month end, with a ±60-day window', () => {
    // 31/08/2023 + 6 months = 29/02/2024 (leap year). A reached contact on 29/04/2024 is 60 days
    // after (1 + 31 + 28 = 60): inside. Assessable once 29/02 + 60 = 29/04/2024 ≤ as_of.
    expect(addMonths(dayNumber('2023-08-31'), 6)).toBe(dayNumber('2024-02-29'));
    expect(addMonths(dayNumber('2024-08-31'), 6)).toBe(dayNumber('2025-02-28'));
    const net = network({
      alloggi: [unit('A1', 1, '2023-01-01')],
      ospitalita: [stay('C1', 'P1', 'A1', '2023-03-01', '2023-08-31')],
      followup: [{ codice_caso: 'C1', data_contatto: '2024-04-29', esito_contatto: 'raggiunta', situazione_abitativa: 'erp', lavoro: null }],
    });
    const [f] = followUps(buildWorld(net, '2024-04-29'));
    expect(f).toMatchObject({ target: dayNumber('2024-02-29'), assessable: true, completed: true, situazione: 'erp' });
    expect(followUps(buildWorld(net, '2024-04-28'))[0]!.assessable).toBe(false);
  });

  it('computes medians and the Kaplan–Meier median as the contract states', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    // Times 1, 2, 3, 4 all events: S = 3/4, 2/4 (= 0.5 from 2 to 3), 1/4 → (2 + 3) / 2 = 2.5.
    expect(kmMedian([1, 2, 3, 4].map((time) => ({ time, event: true })))).toBe(2.5);
    // 1 event, then 2 censored: S never reaches 0.5.
    expect(kmMedian([{ time: 1, event: true }, { time: 2, event: false }, { time: 3, event: false }])).toBeNull();
  });

  it('gives the previous period as many days, ending the day before from and cut at as_of', () => {
    // 2024-H1 with as_of 31/03: [01/01, 31/03] = 91 days; previous [02/10/2023, 31/12/2023].
    const p = periods('2024-01-01', '2024-06-30', '2024-03-31');
    expect(p.current).toEqual({ from: dayNumber('2024-01-01'), end: dayNumber('2024-03-31'), days: 91 });
    expect(p.previous).toEqual({ from: dayNumber('2023-10-02'), end: dayNumber('2023-12-31'), days: 91 });
  });
});

describe('random-network', () => {
  it('is reproducible from its seed and varies between seeds', () => {
    expect(randomNetwork(7)).toEqual(randomNetwork(7));
    expect(randomNetwork(7)).not.toEqual(randomNetwork(8));
  });

  it('draws the edge cases the differential test relies on, over the seeds it uses', () => {
    let sameDay = 0, open = 0, transfers = 0, reentries = 0, leapDay = 0, reopened = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const net = randomNetwork(seed);
      sameDay += net.ospitalita.filter((s) => s['data_uscita'] === s['data_ingresso']).length;
      open += net.ospitalita.filter((s) => s['data_uscita'] === null).length;
      leapDay += net.ospitalita.filter((s) => s['data_ingresso'] === '2024-02-29' || s['data_uscita'] === '2024-02-29').length;
      reopened += net.alloggi.length - new Set(net.alloggi.map((u) => u['codice_alloggio'])).size;
      const w = buildWorld(net, '2025-12-31');
      for (const p of w.paths) if (p.stays.length > 1) transfers++;
      const byPerson = new Map<string, number>();
      for (const p of w.paths) byPerson.set(p.persona, (byPerson.get(p.persona) ?? 0) + 1);
      reentries += [...byPerson.values()].filter((n) => n > 1).length;
    }
    for (const [name, n] of Object.entries({ sameDay, open, transfers, reentries, leapDay, reopened })) expect(n, name).toBeGreaterThan(5);
  });
});
