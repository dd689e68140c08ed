import { describe, expect, it } from 'vitest';
import { check, checks, stay, unit } from './harness.js';

describe('check/stays', () => {
  it('stay_outside_availability: nights before opening, during a closure, after closing, in a unit without rows', async () => {
    const report = await checks({
      alloggi: [
        unit('A', 9, '2024-01-10', { data_chiusura: '2024-03-31' }), unit('A', 9, '2024-05-01'), // closed in April
        unit('D', 9, '2024-01-01', { data_chiusura: '2024-02-29' }), unit('D', 9, '2024-02-01', { data_chiusura: '2024-03-31' }), // overlapping rows
        unit('E', 9, '2024-01-01', { data_chiusura: '2024-05-31' }),
      ],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-05', '2024-01-20'), // nights 5–19 Jan = 15; available from 10 Jan: 10; outside 5
        stay('S2', 'P2', 'A', '2024-03-20', '2024-05-10'), // nights 20 Mar – 9 May = 12 + 30 + 9 = 51; April (30) outside
        stay('S3', 'P3', 'A', '2024-01-10', '2024-04-01'), // last night 31 Mar = closing day, still available: none outside
        stay('S5', 'P5', 'D', '2024-02-15', '2024-04-11'), // nights 15 Feb – 10 Apr = 15 + 31 + 10 = 56; merged rows cover to 31 Mar (46): 10 outside
        stay('S6', 'P6', 'E', '2024-05-01', null), // open: nights 1 May – 30 Jun (as_of) = 61; closed after 31 May: 30 outside
        stay('S7', 'P7', 'A', '2024-04-15', '2024-04-15'), // same-day exit: no night, nothing outside
        stay('S8', 'P8', 'Z', '2024-06-01', '2024-06-11'), // no unit row: 10 nights outside
      ],
    }, { asOf: '2024-06-30' });
    const result = check(report, 'stay_outside_availability');
    expect(result.keys).toEqual(['S1', 'S2', 'S5', 'S6', 'S8']);
    expect(result.details.map((d) => [d['codice_caso'], d['notti'], d['notti_fuori'], d['motivo']])).toEqual([
      ['S1', 15, 5, 'prima dell’apertura'],
      ['S2', 51, 30, 'durante una chiusura'],
      ['S5', 56, 10, 'dopo la chiusura'],
      ['S6', 61, 30, 'dopo la chiusura'],
      ['S8', 10, 10, 'alloggio senza periodi di disponibilità'],
    ]);
  });

  it('over_capacity: an event sweep per availability interval; contiguous runs merged into episodes', async () => {
    const report = await checks({
      alloggi: [unit('A', 2, '2024-01-01', { data_chiusura: '2024-06-30' }), unit('A', 4, '2024-07-01'), unit('B', 1, '2024-03-01')],
      ospitalita: [
        // A: Jan 1 occupied 1; Feb 1–9: 2; Feb 10–14: 3 > 2; Feb 15–19: 2 (S2's exit day is not a night); Feb 20–29: 1.
        stay('S1', 'P1', 'A', '2024-01-01', '2024-03-01'),
        stay('S2', 'P2', 'A', '2024-02-01', '2024-02-15'),
        stay('S3', 'P3', 'A', '2024-02-10', '2024-02-20'),
        // Apr 1–4: 2 + 1 = 3; Apr 5–7: 2 + 2 = 4; Apr 8–10: 2. One episode 1–7 Apr, peak 4.
        stay('S4', 'P4', 'A', '2024-04-01', '2024-04-11', { posti_occupati: 2 }),
        stay('S5', 'P5', 'A', '2024-04-05', '2024-04-08', { posti_occupati: 2 }),
        stay('S6', 'P6', 'A', '2024-04-01', '2024-04-05'),
        // Jun 20–24: 3; Jun 25–30: 4 (2 places); from Jul 1 the unit has 4 places: 4 is not more than 4.
        stay('S7', 'P7', 'A', '2024-06-20', '2024-07-10', { posti_occupati: 3 }),
        stay('S8', 'P8', 'A', '2024-06-25', null),
        // B opens on Mar 1: the February nights are not nights of B, so never more than 1 present.
        stay('S9', 'P9', 'B', '2024-02-01', '2024-03-05'),
        stay('S10', 'P10', 'B', '2024-02-15', '2024-02-28'),
      ],
    }, { asOf: '2024-07-31' });
    const result = check(report, 'over_capacity');
    expect(result.keys).toEqual(['A']);
    expect(result.details).toEqual([
      { codice_alloggio: 'A', dal: '2024-02-10', al: '2024-02-14', notti: 5, posti: 2, occupati_max: 3, casi: ['S1', 'S2', 'S3'] },
      { codice_alloggio: 'A', dal: '2024-04-01', al: '2024-04-07', notti: 7, posti: 2, occupati_max: 4, casi: ['S4', 'S5', 'S6'] },
      { codice_alloggio: 'A', dal: '2024-06-20', al: '2024-06-30', notti: 11, posti: 2, occupati_max: 4, casi: ['S7', 'S8'] },
    ]);
  });

  it('overlapping_stays: two stays of one person sharing a night; touching or zero-night stays do not overlap', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2023-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-01', '2024-03-01'),
        stay('S2', 'P1', 'A', '2024-02-01', '2024-02-10'), // inside S1
        stay('S3', 'P1', 'A', '2024-02-20', '2024-04-01'), // shares 20–29 Feb with S1
        stay('S4', 'P2', 'A', '2024-01-01', '2024-02-01'),
        stay('S5', 'P2', 'A', '2024-02-01', '2024-03-01'), // enters on S4's exit day: no shared night
        stay('S6', 'P3', 'A', '2024-01-01', '2024-01-01'), // zero nights, inside S7
        stay('S7', 'P3', 'A', '2023-12-01', '2024-02-01'),
        stay('S8', 'P4', 'A', '2024-01-01', null), // two open stays
        stay('S9', 'P4', 'A', '2024-03-01', null),
      ],
    }, { asOf: '2024-06-30' });
    const result = check(report, 'overlapping_stays');
    expect(result.keys).toEqual(['S1', 'S2', 'S3', 'S8', 'S9']);
    expect(result.details.map((d) => [d['codice_caso'], d['sovrapposta_a']])).toEqual([
      ['S1', 'S2'], ['S2', 'S1'], ['S3', 'S1'], ['S8', 'S9'], ['S9', 'S8'],
    ]);
  });

  it('transfer_not_followed: a trasferimento_interno that ends its path (no stay continuing within 14 days)', async () => {
    const t = { destinazione_uscita: 'trasferimento_interno' };
    const report = await checks({
      alloggi: [unit('A', 9, '2023-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-01', '2024-03-01', t),
        stay('S2', 'P1', 'A', '2024-03-15', '2024-05-01', t), // 14 days after S1: S1 followed; S2 is not
        stay('S3', 'P2', 'A', '2024-01-01', '2024-03-01', t),
        stay('S4', 'P2', 'A', '2024-03-16', '2024-04-01', { destinazione_uscita: 'erp' }), // 15 days: a new path
        stay('S5', 'P3', 'A', '2024-01-01', '2024-03-01', t),
        stay('S6', 'P3', 'A', '2024-02-20', null), // entered before the exit and continues: followed
        stay('S7', 'P4', 'A', '2024-12-20', '2024-12-25', t), // 25 Dec + 14 = 8 Jan 2025 > as_of: not yet known
        stay('S8', 'P5', 'A', '2024-01-01', '2024-06-01', { destinazione_uscita: 'affitto_autonomo' }),
        stay('S9', 'P6', 'A', '2024-01-01', '2024-03-01', t),
        stay('S10', 'P6', 'A', '2024-02-01', '2024-02-20'), // nested, exits first: nothing continues after S9
      ],
    }, { asOf: '2024-12-31' });
    const result = check(report, 'transfer_not_followed');
    expect(result.keys).toEqual(['S2', 'S3', 'S9']);
    expect(result.details[0]).toEqual({ codice_caso: 'S2', codice_persona: 'P1', codice_percorso: 'P1#1', codice_alloggio: 'A', data_uscita: '2024-05-01' });
  });

  it('long_stay: paths (transfers included) whose exit, or as_of when open, is after entry + 24 months', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2020-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2022-01-15', '2024-01-15'), // exactly 24 months: not longer
        stay('S2', 'P2', 'A', '2022-01-15', '2024-01-16'), // 365 + 365 + 1 = 731 days
        stay('S3', 'P3', 'A', '2022-01-01', '2023-01-10', { destinazione_uscita: 'trasferimento_interno' }),
        stay('S4', 'P3', 'A', '2023-01-20', '2024-02-01'), // one path 1 Jan 2022 – 1 Feb 2024: 730 + 31 = 761 days
        stay('S5', 'P4', 'A', '2023-06-01', null), // open: 366 + 365 + 29 = 760 days to as_of
        stay('S6', 'P5', 'A', '2023-07-01', null), // open: 24 months reached on 1 Jul 2025, after as_of
      ],
    }, { asOf: '2025-06-30' });
    const result = check(report, 'long_stay');
    expect(result.keys).toEqual(['P2#1', 'P3#1', 'P4#1']);
    expect(result.label).toBe('Percorsi più lunghi di 24 mesi');
    expect(result.details.map((d) => [d['codice_percorso'], d['casi'], d['giorni'], d['aperto']])).toEqual([
      ['P2#1', ['S2'], 731, false],
      ['P3#1', ['S3', 'S4'], 761, false],
      ['P4#1', ['S5'], 760, true],
    ]);
  });
});
