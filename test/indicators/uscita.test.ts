import { describe, expect, it } from 'vitest';
import { catalogue, stay, unit, value, type Given } from './harness.js';

const USCITA = [
  'exits', 'length_of_stay_median', 'length_of_stay_mean', 'length_of_stay_km_median', 'positive_exit_rate', 'negative_exit_rate',
  'exits_by_destination', 'planned_exit_rate', 'score_change_exit', 'income_change_exit',
];
const JANUARY = { from: '2024-01-01', to: '2024-01-31', asOf: '2024-06-30', ids: USCITA };
const QUARTER = { from: '2024-01-01', to: '2024-03-31', asOf: '2024-06-30', ids: USCITA };

/**
 * A small network, January 2024 (previous period: December 2023), as_of 30/06/2024.
 * Units: A1 Monza/Monza, A2 Desio/Desio, A3 Monza/Lissone.
 *   P1  C1 A1 01/11/2023 → 10/01 (income at entry 300, madre_con_figli, italiana), then C2 A2
 *       20/01 → 31/01 (10 days later: a transfer): affitto_autonomo, conclusione_progetto, income
 *       at exit 900. One path 01/11 → 31/01 = 30 + 31 + 30 = 91 days; last stay A2 (Desio).
 *   P2  C3 A1 05/01 → 15/01 = 10 days: senza_dimora, abbandono, income 500 → 400, vittima_violenza,
 *       extra_ue; C4 A1 01/02 (17 days later: a new path, open).
 *   P3  C5 A3 01/12/2023 → 20/01 = 31 + 19 = 50 days: erp, conclusione_progetto, income 0 → 0,
 *       madre_con_figli, ue.
 *   P4  C6 A1 01/07/2023 → 25/01 = 31 + 31 + 30 + 31 + 30 + 31 + 24 = 208 days: no destination, no
 *       reason, no incomes, target altro.
 *   P5  C7 A2 10/12/2023 → 20/12/2023 = 10 days: famiglia (an exit of the previous period).
 *   P6  C8 A1 02/01 → 10/01 and C9 A2 08/01 open (overlapping): one open path, no exit.
 *   P7  C10 A1 01/06/2023, exit 15/07/2024 after as_of: open, no exit.
 * January exits: P1, P2#1, P3, P4 = 4; lengths 91, 10, 50, 208.
 */
const network: Given = {
  alloggi: [unit('A1', 6, '2023-01-01'), unit('A2', 6, '2023-01-01', { ambito: 'Desio', comune: 'Desio' }), unit('A3', 6, '2023-01-01', { comune: 'Lissone' })],
  ospitalita: [
    stay('C1', 'P1', 'A1', '2023-11-01', '2024-01-10', { reddito_ingresso: 300, target: 'madre_con_figli', cittadinanza: 'italiana', destinazione_uscita: 'trasferimento_interno', motivo_uscita: 'trasferimento', reddito_uscita: 333 }),
    stay('C2', 'P1', 'A2', '2024-01-20', '2024-01-31', { reddito_ingresso: 999, target: 'vittima_violenza', cittadinanza: 'italiana', destinazione_uscita: 'affitto_autonomo', motivo_uscita: 'conclusione_progetto', reddito_uscita: 900 }),
    stay('C3', 'P2', 'A1', '2024-01-05', '2024-01-15', { reddito_ingresso: 500, reddito_uscita: 400, target: 'vittima_violenza', cittadinanza: 'extra_ue', destinazione_uscita: 'senza_dimora', motivo_uscita: 'abbandono' }),
    stay('C4', 'P2', 'A1', '2024-02-01'),
    stay('C5', 'P3', 'A3', '2023-12-01', '2024-01-20', { reddito_ingresso: 0, reddito_uscita: 0, target: 'madre_con_figli', cittadinanza: 'ue', destinazione_uscita: 'erp', motivo_uscita: 'conclusione_progetto' }),
    stay('C6', 'P4', 'A1', '2023-07-01', '2024-01-25', { target: 'altro' }),
    stay('C7', 'P5', 'A2', '2023-12-10', '2023-12-20', { destinazione_uscita: 'famiglia', motivo_uscita: 'conclusione_progetto' }),
    stay('C8', 'P6', 'A1', '2024-01-02', '2024-01-10', { destinazione_uscita: 'senza_dimora' }),
    stay('C9', 'P6', 'A2', '2024-01-08'),
    stay('C10', 'P7', 'A1', '2023-06-01', '2024-07-15', { destinazione_uscita: 'erp' }),
  ],
  valutazioni: [
    // P1: entry abitare 2; exit scores 3 on C1 (the transfer) and 4 on C2: the latest, 4 → +2.
    { codice_caso: 'C1', fase: 'ingresso', data: '2023-11-02', dimensione: 'abitare', punteggio: 2 },
    { codice_caso: 'C1', fase: 'uscita', data: '2024-01-10', dimensione: 'abitare', punteggio: 3 },
    { codice_caso: 'C2', fase: 'uscita', data: '2024-01-31', dimensione: 'abitare', punteggio: 4 },
    // P2: abitare 3 → 1 (−2).
    { codice_caso: 'C3', fase: 'ingresso', data: '2024-01-05', dimensione: 'abitare', punteggio: 3 },
    { codice_caso: 'C3', fase: 'uscita', data: '2024-01-15', dimensione: 'abitare', punteggio: 1 },
    // P3: abitare 2 → 3 (+1), lavoro 2 → 2 (0).
    { codice_caso: 'C5', fase: 'ingresso', data: '2023-12-02', dimensione: 'abitare', punteggio: 2 },
    { codice_caso: 'C5', fase: 'uscita', data: '2024-01-20', dimensione: 'abitare', punteggio: 3 },
    { codice_caso: 'C5', fase: 'ingresso', data: '2023-12-02', dimensione: 'lavoro', punteggio: 2 },
    { codice_caso: 'C5', fase: 'uscita', data: '2024-01-20', dimensione: 'lavoro', punteggio: 2 },
    // P6 has not exited: its pair does not count.
    { codice_caso: 'C8', fase: 'ingresso', data: '2024-01-03', dimensione: 'abitare', punteggio: 1 },
    { codice_caso: 'C8', fase: 'uscita', data: '2024-01-10', dimensione: 'abitare', punteggio: 5 },
  ],
};

/** Stays of distinct persons all entering on `entry`, lasting the given days (null: open). */
function cohort(entry: string, lengths: (number | null)[]): Given {
  const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
  return {
    alloggi: [unit('A1', 20, '2023-01-01')],
    ospitalita: lengths.map((n, i) => stay(`C${i}`, `P${i}`, 'A1', entry, n === null ? null : day(entry, n))),
  };
}

describe('indicators/uscita', () => {
  describe('exits', () => {
    it('counts paths exiting in the period, placed by their last stay', async () => {
      const r = await catalogue(network, JANUARY);
      // P1, P2#1, P3, P4 = 4 (P1's exit from C1 is a transfer; P6, P7 are open). December: P5 → 1.
      expect(value(r, 'exits').value).toBe(4);
      expect(value(r, 'exits').previous).toEqual({ value: 1, change: 3 });
      const byAmbito = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Desio: P1 (last stay C2 in A2); Monza: P2 (A1), P3 (A3), P4 (A1).
      expect(value(byAmbito, 'exits', { ambito: 'Desio' }).value).toBe(1);
      expect(value(byAmbito, 'exits', { ambito: 'Monza' }).value).toBe(3);
      const byComune = await catalogue(network, { ...JANUARY, by: 'comune' });
      expect(value(byComune, 'exits', { comune: 'Monza' }).value).toBe(2);
      expect(value(byComune, 'exits', { comune: 'Lissone' }).value).toBe(1);
      expect(value(byComune, 'exits', { comune: 'Desio' }).value).toBe(1);
      const byAlloggio = await catalogue(network, { ...JANUARY, by: 'alloggio' });
      expect(value(byAlloggio, 'exits', { alloggio: 'A1' }).value).toBe(2);
      expect(value(byAlloggio, 'exits', { alloggio: 'A2' }).value).toBe(1);
    });

    it('takes target and cittadinanza from the first stay of the path', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'target' });
      // madre_con_figli: P1 (C1, not C2's vittima_violenza), P3; vittima_violenza: P2; altro: P4.
      expect(value(r, 'exits', { target: 'madre_con_figli' }).value).toBe(2);
      expect(value(r, 'exits', { target: 'vittima_violenza' }).value).toBe(1);
      expect(value(r, 'exits', { target: 'altro' }).value).toBe(1);
    });
  });

  describe('paths (transfers, re-entries, overlaps, open stays, as_of)', () => {
    it('joins a stay 14 days after the exit (one exit, the gap in its length) and not one 15 days after', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01')],
        ospitalita: [
          // P1: 02/01 → 05/01, then 19/01 (14 days later) → 25/01: one path 02/01 → 25/01 = 23 days.
          stay('C1', 'P1', 'A1', '2024-01-02', '2024-01-05'),
          stay('C2', 'P1', 'A2', '2024-01-19', '2024-01-25'),
          // P2: 02/01 → 05/01 (3 days), then 20/01 (15 days later) → 25/01 (5 days): two paths.
          stay('C3', 'P2', 'A1', '2024-01-02', '2024-01-05'),
          stay('C4', 'P2', 'A2', '2024-01-20', '2024-01-25'),
        ],
      };
      const r = await catalogue(given, JANUARY);
      expect(value(r, 'exits').value).toBe(3);
      // Lengths 23, 3, 5: median 5, mean 31 / 3.
      expect(value(r, 'length_of_stay_median').value).toBe(5);
      expect(value(r, 'length_of_stay_mean').value).toBeCloseTo(31 / 3, 12);
      // Entered in January: the same three paths, all exited: S(3) = 2/3, S(5) = 1/3 → KM median 5.
      expect(value(r, 'length_of_stay_km_median').value).toBe(5);
    });

    it('joins overlapping stays: the path exits at the latest exit of its stays', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01', { ambito: 'Desio', comune: 'Desio' })],
        ospitalita: [
          // C2 lies inside C1; C3 enters 13 days after C1's exit 01/03 (33 after C2's 10/02).
          stay('C1', 'P1', 'A1', '2024-01-05', '2024-03-01', { destinazione_uscita: 'senza_dimora' }),
          stay('C2', 'P1', 'A1', '2024-01-20', '2024-02-10', { destinazione_uscita: 'senza_dimora' }),
          stay('C3', 'P1', 'A2', '2024-03-14', '2024-03-20', { destinazione_uscita: 'erp' }),
        ],
      };
      const r = await catalogue(given, { ...QUARTER, by: 'ambito' });
      // One exit on 20/03: 05/01 → 20/03 = 26 + 29 + 20 = 75 days (2024 is a leap year); destination
      // from the stay with the latest exit (C3, erp: positiva), unit A2 (Desio).
      expect(value(r, 'exits').value).toBe(1);
      expect(value(r, 'exits', { ambito: 'Desio' }).value).toBe(1);
      expect(value(r, 'length_of_stay_median').value).toBe(75);
      expect(value(r, 'positive_exit_rate').value).toBe(1);
      expect(value(r, 'negative_exit_rate').value).toBe(0);
      // February alone: C2's exit on 10/02 is not an exit from the network.
      const february = await catalogue(given, { ...QUARTER, from: '2024-02-01', to: '2024-02-29' });
      expect(value(february, 'exits').value).toBe(0);
    });

    it('gives no exit to a path with an open stay, whether the last or an earlier one', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01')],
        ospitalita: [
          // P1: exits 10/01, transferred on 15/01 to a stay still open.
          stay('C1', 'P1', 'A1', '2024-01-02', '2024-01-10', { destinazione_uscita: 'erp' }),
          stay('C2', 'P1', 'A1', '2024-01-15'),
          // P2: an open stay from 02/01 overlapping one closed on 20/01.
          stay('C3', 'P2', 'A1', '2024-01-02'),
          stay('C4', 'P2', 'A1', '2024-01-05', '2024-01-20', { destinazione_uscita: 'erp' }),
        ],
      };
      const r = await catalogue(given, JANUARY);
      expect(value(r, 'exits').value).toBe(0);
      expect(value(r, 'positive_exit_rate').denominator).toBe(0);
    });

    it('treats an exit after as_of as not happened yet (as_of semantics)', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01')],
        ospitalita: [stay('C1', 'P1', 'A1', '2024-01-02', '2024-02-15', { destinazione_uscita: 'erp', motivo_uscita: 'conclusione_progetto' })],
      };
      // as_of 10/02: the stay is open, the quarter ends on 10/02, no exit; KM censors at 10/02 − 02/01 = 39.
      const before = await catalogue(given, { ...QUARTER, asOf: '2024-02-10' });
      expect(value(before, 'exits').value).toBe(0);
      expect(value(before, 'positive_exit_rate').value).toBeNull();
      expect(value(before, 'length_of_stay_km_median').detail).toEqual({ events: 0, censored: 1 });
      // as_of 20/02: the exit on 15/02 has happened: 02/01 → 15/02 = 29 + 15 = 44 days.
      const after = await catalogue(given, { ...QUARTER, asOf: '2024-02-20' });
      expect(value(after, 'exits').value).toBe(1);
      expect(value(after, 'length_of_stay_median').value).toBe(44);
      expect(value(after, 'positive_exit_rate').value).toBe(1);
      expect(value(after, 'length_of_stay_km_median').value).toBe(44);
    });
  });

  describe('length_of_stay_median, length_of_stay_mean', () => {
    it('summarise path exit − path entry over exits, transfer gaps included', async () => {
      const r = await catalogue(network, JANUARY);
      // 10, 50, 91, 208: median (50 + 91) / 2 = 70.5; mean 359 / 4 = 89.75.
      const median = value(r, 'length_of_stay_median');
      expect([median.value, median.n]).toEqual([70.5, 4]);
      const mean = value(r, 'length_of_stay_mean');
      expect([mean.value, mean.n]).toEqual([89.75, 4]);
      // December: P5, 10 days.
      expect(median.previous?.value).toBe(10);
      const byAmbito = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: 10, 50, 208 → median 50, mean 268 / 3; Desio: 91.
      expect(value(byAmbito, 'length_of_stay_median', { ambito: 'Monza' }).value).toBe(50);
      expect(value(byAmbito, 'length_of_stay_mean', { ambito: 'Monza' }).value).toBeCloseTo(268 / 3, 12);
      expect(value(byAmbito, 'length_of_stay_mean', { ambito: 'Desio' }).value).toBe(91);
    });
  });

  describe('length_of_stay_km_median', () => {
    it('censors paths open at as_of at as_of − entry (value checked by hand)', async () => {
      const given: Given = {
        alloggi: [unit('A1', 9, '2023-01-01')],
        ospitalita: [
          stay('C1', 'PA', 'A1', '2024-01-01', '2024-01-11'), // 10, event
          stay('C2', 'PB', 'A1', '2024-03-16'), // open: censored at 31/03 − 16/03 = 15
          stay('C3', 'PC', 'A1', '2024-01-10', '2024-01-30'), // 20, event
          stay('C4', 'PD', 'A1', '2024-02-01', '2024-03-12'), // 29 + 11 = 40, event
          stay('C5', 'PE', 'A1', '2024-02-10', '2024-04-30'), // exits after as_of: censored at 19 + 31 = 50
          stay('C6', 'PF', 'A1', '2023-12-01', '2024-01-05'), // entered before the period: not in the cohort
        ],
      };
      const r = await catalogue(given, { ...QUARTER, asOf: '2024-03-31' });
      // S(10) = 4/5 = 0.8; B leaves the risk set at 15; S(20) = 0.8 · 2/3 = 0.533;
      // S(40) = 0.533 · 1/2 = 0.267 ≤ 0.5 → 40. Ignoring censoring, the exits' median would be 20.
      const km = value(r, 'length_of_stay_km_median');
      expect([km.value, km.n, km.detail]).toEqual([40, 5, { events: 3, censored: 2 }]);
    });

    it('is null when the curve never reaches 0.5', async () => {
      // One exit after 10 days of four entries, three still open: S(10) = 3/4, never ≤ 0.5.
      const r = await catalogue(cohort('2024-01-10', [10, null, null, null]), { ...JANUARY, asOf: '2024-03-31' });
      const km = value(r, 'length_of_stay_km_median');
      expect([km.value, km.n, km.detail]).toEqual([null, 4, { events: 1, censored: 3 }]);
    });

    it('takes the midpoint where the curve equals 0.5 over an interval (times 1, 2, 3, 4 → 2.5)', async () => {
      // S(2) = 2/4 = 0.5 until the next drop at 3: (2 + 3) / 2 = 2.5, as R's survival package.
      const r = await catalogue(cohort('2024-01-10', [1, 2, 3, 4]), JANUARY);
      expect(value(r, 'length_of_stay_km_median').value).toBe(2.5);
    });

    it('places an open path in the unit of its current (last) stay', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01', { ambito: 'Desio', comune: 'Desio' })],
        ospitalita: [
          // Entered in A1 (Monza), transferred to A2 (Desio) and still there.
          stay('C1', 'P1', 'A1', '2024-01-02', '2024-01-10'),
          stay('C2', 'P1', 'A2', '2024-01-12'),
        ],
      };
      const r = await catalogue(given, { ...JANUARY, by: 'ambito' });
      expect(value(r, 'length_of_stay_km_median', { ambito: 'Desio' }).n).toBe(1);
      expect(value(r, 'length_of_stay_km_median', { ambito: 'Monza' }).n).toBe(0);
    });
  });

  describe('positive_exit_rate, negative_exit_rate, planned_exit_rate', () => {
    it('divide by all exits, those without a destination or reason included', async () => {
      const r = await catalogue(network, JANUARY);
      // positiva: P1 affitto_autonomo, P3 erp = 2/4; negativa: P2 senza_dimora = 1/4;
      // missing: P4 (no destination) = 1. P1's trasferimento_interno on C1 is not its exit.
      const positive = value(r, 'positive_exit_rate');
      expect([positive.numerator, positive.denominator, positive.value, positive.detail]).toEqual([2, 4, 0.5, { missing: 1 }]);
      const negative = value(r, 'negative_exit_rate');
      expect([negative.numerator, negative.denominator, negative.value, negative.detail]).toEqual([1, 4, 0.25, { missing: 1 }]);
      // Wilson 95 % for 2 of 4 (z² = 3.8415): centre 0.5, half-width z·√(0.25/4 + z²/64) / (1 + z²/4)
      // = 1.959964 · 0.35003 / 1.96037 = 0.34996 → [0.1500, 0.8500].
      expect(positive.ci95![0]).toBeCloseTo(0.15, 4);
      expect(positive.ci95![1]).toBeCloseTo(0.85, 4);
      // conclusione_progetto: P1 (from its last stay C2, not C1's trasferimento), P3 = 2/4; missing P4.
      const planned = value(r, 'planned_exit_rate');
      expect([planned.numerator, planned.denominator, planned.value, planned.detail]).toEqual([2, 4, 0.5, { missing: 1 }]);
      // December: P5 famiglia (positiva), conclusione_progetto: 1/1.
      expect(positive.previous).toEqual({ value: 1, change: -0.5 });
      expect(planned.previous?.value).toBe(1);
    });

    it('break down by the ambito of the last stay', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: P2 (negativa), P3 (positiva), P4 (none): 1/3 positive, 1/3 negative; Desio: P1, 1/1.
      const monza = value(r, 'positive_exit_rate', { ambito: 'Monza' });
      expect([monza.numerator, monza.denominator, monza.detail]).toEqual([1, 3, { missing: 1 }]);
      expect(value(r, 'positive_exit_rate', { ambito: 'Desio' }).value).toBe(1);
      expect(value(r, 'negative_exit_rate', { ambito: 'Desio' }).value).toBe(0);
    });
  });

  describe('exits_by_destination', () => {
    it('counts exits per destination with its class, adding up to the exits', async () => {
      const r = await catalogue(network, JANUARY);
      const cell = (destination: string) => {
        const v = value(r, 'exits_by_destination', { destination });
        return [v.value, v.detail?.['class']];
      };
      expect(cell('affitto_autonomo')).toEqual([1, 'positiva']);
      expect(cell('erp')).toEqual([1, 'positiva']);
      expect(cell('senza_dimora')).toEqual([1, 'negativa']);
      expect(cell('non_indicato')).toEqual([1, 'ignota']);
      expect(cell('famiglia')).toEqual([0, 'positiva']);
      expect(cell('altra_accoglienza')).toEqual([0, 'neutra']);
      const rows = r.values.filter((v) => v.id === 'exits_by_destination');
      // The ten destinations of the vocabulary and non_indicato; 1 + 1 + 1 + 1 = 4 exits.
      expect(rows).toHaveLength(11);
      expect(rows.reduce((s, v) => s + (v.value ?? 0), 0)).toBe(4);
      // December: famiglia 1.
      expect(value(r, 'exits_by_destination', { destination: 'famiglia' }).previous?.value).toBe(1);
    });

    it('adds up to the exits within each ambito, unclassified destinations included', async () => {
      const given: Given = {
        ...network,
        ospitalita: [
          ...network.ospitalita!,
          // An unmatched destination (stored as non_classificato) and a transfer followed by nothing:
          // both class ignota.
          stay('C11', 'P8', 'A2', '2024-01-02', '2024-01-12', { destinazione_uscita: 'non_classificato' }),
          stay('C12', 'P9', 'A2', '2024-01-03', '2024-01-13', { destinazione_uscita: 'trasferimento_interno' }),
        ],
      };
      const r = await catalogue(given, { ...JANUARY, by: 'ambito' });
      for (const [ambito, exits] of [['Monza', 3], ['Desio', 3]] as const) {
        const rows = r.values.filter((v) => v.id === 'exits_by_destination' && v.group['ambito'] === ambito);
        expect(rows.reduce((s, v) => s + (v.value ?? 0), 0), ambito).toBe(exits);
        expect(value(r, 'exits', { ambito }).value).toBe(exits);
      }
      const unclassified = value(r, 'exits_by_destination', { ambito: 'Desio', destination: 'non_classificato' });
      expect([unclassified.value, unclassified.detail]).toEqual([1, { class: 'ignota' }]);
      // Desio: P1 positiva, P8 and P9 ignota → positive 1/3 with 2 missing.
      const positive = value(r, 'positive_exit_rate', { ambito: 'Desio' });
      expect([positive.numerator, positive.denominator, positive.detail]).toEqual([1, 3, { missing: 2 }]);
    });
  });

  describe('score_change_exit', () => {
    it('summarises exit − entry per dimension over exits with both assessments', async () => {
      const r = await catalogue(network, JANUARY);
      // abitare: P1 2 → 4 (the latest exit score) +2, P2 −2, P3 +1; P4 not assessed (missing 1).
      // Mean 1/3, median 1, improved 2/3, unchanged 0, worsened 1/3.
      // Wilcoxon: |d| 2, 2, 1 → ranks 2.5, 2.5, 1; V = 2.5 + 1 = 3.5; ties → normal: centre 3·4/4 = 3,
      // z = (3.5 − 3 − 0.5) / σ = 0 → p = 1, r = 0.
      const abitare = value(r, 'score_change_exit', { dimension: 'abitare' });
      expect(abitare.value).toBeCloseTo(1 / 3, 12);
      expect(abitare.n).toBe(3);
      expect(abitare.detail).toEqual({ median: 1, improved: 2 / 3, unchanged: 0, worsened: 1 / 3, p_value: 1, effect_r: 0, method: 'normal', missing: 1 });
      // lavoro: P3 2 → 2: one pair, change 0 (every difference zero: p-value undefined, as R's NA).
      const lavoro = value(r, 'score_change_exit', { dimension: 'lavoro' });
      expect([lavoro.value, lavoro.n]).toEqual([0, 1]);
      expect(lavoro.detail).toMatchObject({ median: 0, improved: 0, unchanged: 1, worsened: 0, p_value: null, missing: 3 });
      // A dimension without pairs: n 0, value null; all eight dimensions listed.
      const salute = value(r, 'score_change_exit', { dimension: 'salute' });
      expect([salute.value, salute.n]).toEqual([null, 0]);
      expect(r.values.filter((v) => v.id === 'score_change_exit')).toHaveLength(8);
    });

    it('breaks down by the ambito of the last stay', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Desio: P1 +2 (n 1, missing 0); Monza: P2 −2, P3 +1 → mean −0.5, n 2, missing 1 (P4).
      const desio = value(r, 'score_change_exit', { ambito: 'Desio', dimension: 'abitare' });
      expect([desio.value, desio.n, desio.detail?.['missing']]).toEqual([2, 1, 0]);
      const monza = value(r, 'score_change_exit', { ambito: 'Monza', dimension: 'abitare' });
      expect([monza.value, monza.n, monza.detail?.['missing']]).toEqual([-0.5, 2, 1]);
    });

    it("reproduces R's wilcox.test example (V = 40, p = 0.03906) on nine exits", async () => {
      // R: x (exit) = 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30;
      //    y (entry) = 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29.
      // d = 0.952, −0.147, 1.022, 0.43, 0.62, 0.59, 0.49, −0.08, 0.01; ranks of |d|: 0.01 1, 0.08 2,
      // 0.147 3, 0.43 4, 0.49 5, 0.59 6, 0.62 7, 0.952 8, 1.022 9; V = 45 − (3 + 2) = 40; exact:
      // p = 2·P(V ≤ 5) = 2·10/512 = 0.0390625; r = |qnorm(0.0390625/2)| / 3 = 2.0635279 / 3.
      // Σd = 3.887 → mean 0.431889; sorted d: −0.147, −0.08, 0.01, 0.43, 0.49, … → median 0.49;
      // improved 7/9, worsened 2/9.
      const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
      const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
      const given: Given = {
        alloggi: [unit('A1', 20, '2023-01-01')],
        ospitalita: x.map((_, i) => stay(`C${i}`, `P${i}`, 'A1', '2023-06-01', '2024-01-15')),
        valutazioni: x.flatMap((xi, i) => [
          { codice_caso: `C${i}`, fase: 'ingresso', data: '2023-06-02', dimensione: 'abitare', punteggio: y[i] },
          { codice_caso: `C${i}`, fase: 'uscita', data: '2024-01-15', dimensione: 'abitare', punteggio: xi },
        ]),
      };
      const r = await catalogue(given, JANUARY);
      const v = value(r, 'score_change_exit', { dimension: 'abitare' });
      expect(v.n).toBe(9);
      expect(v.value).toBeCloseTo(3.887 / 9, 12);
      const d = v.detail!;
      expect(d['p_value']).toBeCloseTo(0.0390625, 12);
      expect(d['method']).toBe('exact');
      expect(d['effect_r'] as number).toBeCloseTo(2.0635278983 / 3, 8);
      expect(d['median'] as number).toBeCloseTo(0.49, 12);
      expect(d['improved'] as number).toBeCloseTo(7 / 9, 12);
      expect(d['worsened'] as number).toBeCloseTo(2 / 9, 12);
      expect(d['unchanged']).toBe(0);
      expect(d['missing']).toBe(0);
    });

    it('treats changes equal in decimals as tied (0.3 − 0.1 = 0.5 − 0.3)', async () => {
      // Changes 0.1 → 0.3, 0.3 → 0.5 (in binary 0.19999999999999998 and 0.2) and 2 → 3: as decimals
      // |d| 0.2, 0.2, 1 are tied → normal approximation: V = 1.5 + 1.5 + 3 = 6, centre 3,
      // σ² = 3·4·7/24 − (2³ − 2)/48 = 3.375, z = (6 − 3 − 0.5)/1.83712 = 1.36083, p = 0.173568.
      // (Without the rounding there would be no ties and R's exact test would run.)
      const pairs = [[0.1, 0.3], [0.3, 0.5], [2, 3]] as const;
      const given: Given = {
        alloggi: [unit('A1', 9, '2023-01-01')],
        ospitalita: pairs.map((_, i) => stay(`C${i}`, `P${i}`, 'A1', '2023-06-01', '2024-01-15')),
        valutazioni: pairs.flatMap(([entry, exit], i) => [
          { codice_caso: `C${i}`, fase: 'ingresso', data: '2023-06-02', dimensione: 'abitare', punteggio: entry },
          { codice_caso: `C${i}`, fase: 'uscita', data: '2024-01-15', dimensione: 'abitare', punteggio: exit },
        ]),
      };
      const r = await catalogue(given, JANUARY);
      const d = value(r, 'score_change_exit', { dimension: 'abitare' }).detail!;
      expect(d['method']).toBe('normal');
      expect(d['p_value'] as number).toBeCloseTo(0.173568, 6);
      expect(d['median']).toBe(0.2);
    });
  });

  describe('income_change_exit', () => {
    it('is the median change of income from the first stay to the last, over exits with both', async () => {
      const r = await catalogue(network, JANUARY);
      // P1 300 (C1) → 900 (C2) = +600 (C2's income at entry and C1's at exit are not the path's);
      // P2 500 → 400 = −100; P3 0 → 0 = 0 (0 is a value); P4 missing.
      // Median of −100, 0, 600 = 0; n 3; increased 1/3; missing 1.
      const v = value(r, 'income_change_exit');
      expect([v.value, v.n]).toEqual([0, 3]);
      expect(v.detail).toEqual({ increased: 1 / 3, missing: 1 });
    });
  });

  describe('zero exits and an empty period', () => {
    it('gives 0 counts and null rates and statistics when nobody exits', async () => {
      // March 2024: P2's second path (entered 01/02) and P6, P7 are open; nobody exits.
      const r = await catalogue(network, { ...JANUARY, from: '2024-03-01', to: '2024-03-31' });
      expect(value(r, 'exits').value).toBe(0);
      for (const id of ['positive_exit_rate', 'negative_exit_rate', 'planned_exit_rate']) {
        const v = value(r, id);
        expect([v.numerator, v.denominator, v.value, v.ci95], id).toEqual([0, 0, null, null]);
      }
      for (const id of ['length_of_stay_median', 'length_of_stay_mean', 'income_change_exit']) {
        const v = value(r, id);
        expect([v.value, v.n], id).toEqual([null, 0]);
      }
      const rows = r.values.filter((v) => v.id === 'exits_by_destination');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((v) => v.value === 0)).toBe(true);
      const score = value(r, 'score_change_exit', { dimension: 'abitare' });
      expect([score.value, score.n]).toEqual([null, 0]);
      // Nobody entered in March either: the Kaplan–Meier cohort is empty.
      const km = value(r, 'length_of_stay_km_median');
      expect([km.value, km.n]).toEqual([null, 0]);
    });

    it('counts exits in a period with entries but no exits as 0, with a censored cohort', async () => {
      // Two entries in January, both open at as_of 31/03: no exit; KM: two censored, median null.
      const r = await catalogue(cohort('2024-01-10', [null, null]), { ...JANUARY, asOf: '2024-03-31' });
      expect(value(r, 'exits').value).toBe(0);
      expect(value(r, 'positive_exit_rate').value).toBeNull();
      const km = value(r, 'length_of_stay_km_median');
      expect([km.value, km.n, km.detail]).toEqual([null, 2, { events: 0, censored: 2 }]);
    });

    it('gives zeros and nulls on a database with stays but none near the period', async () => {
      const r = await catalogue(cohort('2020-01-10', [5]), JANUARY);
      expect(value(r, 'exits').value).toBe(0);
      expect(value(r, 'exits').previous).toEqual({ value: 0, change: 0 });
      expect(value(r, 'length_of_stay_km_median').value).toBeNull();
      expect(value(r, 'income_change_exit').n).toBe(0);
    });
  });
});
