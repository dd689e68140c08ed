/**
 * The housing-offer indicators (indicators/offerta/*.yaml): places available and at the end,
 * turnover, vacancy gaps, requests and demand, with the edge cases of §3 (exit day, zero-night
 * stays, 29 February, stays open at as_of, a unit closing mid-period, empty periods, zero
 * denominators, the previous period, the ambito breakdown).
 */
import { describe, expect, it } from 'vitest';
import type { CatalogueResult } from '../../src/indicators/index.js';
import { catalogue, stay, unit, value, type Given } from './harness.js';

const IDS = [
  'place_nights_available',
  'place_nights_occupied',
  'occupancy_rate',
  'places_available_avg',
  'places_at_end',
  'turnover_per_place',
  'vacancy_gap_days_median',
  'requests_received',
  'requests_accepted',
  'requests_waiting_at_end',
  'request_acceptance_rate',
  'request_wait_days_median',
  'demand_per_place',
];
const COUNTS = ['place_nights_available', 'place_nights_occupied', 'places_at_end', 'requests_received', 'requests_accepted', 'requests_waiting_at_end'];

const JAN = { from: '2024-01-01', to: '2024-01-31' };
const request = (codice_segnalazione: string, data_segnalazione: string, esito: string, data_esito: string | null = null, ambito: string | null = 'Monza') => ({
  codice_segnalazione, data_segnalazione, esito, data_esito, ambito,
});
const desio = { ambito: 'Desio', comune: 'Desio' };
const seregno = { ambito: 'Seregno', comune: 'Seregno' };

/**
 * January 2024 (31 days; previous period December 2023, 31 days), as_of 31/03/2024.
 *   A1 Monza 2 places, open.   A2 Desio 3 places, closes 20/01/2024.   A3 Seregno 1 place, opens 01/02/2024.
 *   C1 P1 A1 15/12/2023 → 10/01        C2 P2 A1 10/01 → open (enters on C1's exit day)
 *   C3 P3 A2 01/12/2023 → 05/01        C4 P4 A2 12/01 → 12/01 (zero nights)
 *   C5 P5 A2 15/01 → open (A2 closes 20/01)   C6 P6 A1 25/01 → 28/01
 *   R1 Monza 20/12/2023 accolta 10/01   R2 Desio 05/01 accolta 15/01   R3 Monza 08/01 non_accolta 09/01
 *   R4 Monza 20/01 in_attesa            R5 Desio 25/01 accolta 05/02   R6 Monza 28/01 ritirata 30/01
 *   R7 Desio 30/01 accolta, no date     R8 Monza 10/02 in_attesa
 */
const network: Given = {
  alloggi: [unit('A1', 2, '2023-01-01'), unit('A2', 3, '2023-01-01', { ...desio, data_chiusura: '2024-01-20' }), unit('A3', 1, '2024-02-01', seregno)],
  ospitalita: [
    stay('C1', 'P1', 'A1', '2023-12-15', '2024-01-10'),
    stay('C2', 'P2', 'A1', '2024-01-10'),
    stay('C3', 'P3', 'A2', '2023-12-01', '2024-01-05'),
    stay('C4', 'P4', 'A2', '2024-01-12', '2024-01-12'),
    stay('C5', 'P5', 'A2', '2024-01-15'),
    stay('C6', 'P6', 'A1', '2024-01-25', '2024-01-28'),
  ],
  segnalazioni: [
    request('R1', '2023-12-20', 'accolta', '2024-01-10'),
    request('R2', '2024-01-05', 'accolta', '2024-01-15', 'Desio'),
    request('R3', '2024-01-08', 'non_accolta', '2024-01-09'),
    request('R4', '2024-01-20', 'in_attesa'),
    request('R5', '2024-01-25', 'accolta', '2024-02-05', 'Desio'),
    request('R6', '2024-01-28', 'ritirata', '2024-01-30'),
    request('R7', '2024-01-30', 'accolta', null, 'Desio'),
    request('R8', '2024-02-10', 'in_attesa'),
  ],
};

const run = (given: Given, options: { from: string; to: string; asOf: string; by?: 'ambito' }) => catalogue(given, { ...options, ids: IDS });

/** Every value of the result is a finite number or null: never NaN or Infinity. */
function expectNoNaN(result: CatalogueResult) {
  for (const v of result.values) {
    for (const x of [v.value, v.numerator, v.denominator, v.n, v.previous?.value ?? null, v.previous?.change ?? null]) {
      if (x !== null) expect(Number.isFinite(x), `${v.id} ${JSON.stringify(v.group)}`).toBe(true);
    }
  }
}

describe('indicators/offerta', () => {
  it('computes every offer indicator on a small network by hand', async () => {
    const r = await run(network, { ...JAN, asOf: '2024-03-31' });
    // Available: A1 2 × 31 = 62; A2 3 × 20 (01..20) = 60; A3 none in January → 122 place-nights.
    expect(value(r, 'place_nights_available').value).toBe(122);
    // Average places: 122 / 31.
    expect(value(r, 'places_available_avg').value).toBeCloseTo(122 / 31, 10);
    expect(value(r, 'places_available_avg').denominator).toBe(31);
    // On 31/01 only A1 (2 places) is available: A2 closed on 20/01, A3 opens on 01/02.
    expect(value(r, 'places_at_end').value).toBe(2);
    // Entries in January: C2, C4 (zero nights, still an entry), C5, C6 = 4 → 4 / (122/31) = 124/122.
    expect(value(r, 'turnover_per_place').numerator).toBe(4);
    expect(value(r, 'turnover_per_place').value).toBeCloseTo(124 / 122, 10);
    // Exits in January: C1 10/01 → C2 enters 10/01: 0; C3 05/01 → next A2 entry that occupies the
    // place is C5 on 15/01 (C4 has zero nights): 10; C6 28/01 → no later A1 entry: open_at_end.
    // C4 is not an exit of the cohort. Median of 0, 10 = 5.
    const gap = value(r, 'vacancy_gap_days_median');
    expect([gap.value, gap.n, gap.detail]).toEqual([5, 2, { open_at_end: 1 }]);
    // Received in January: R2..R7 = 6.
    expect(value(r, 'requests_received').value).toBe(6);
    // Accepted with data_esito in January: R1, R2 = 2; R7 (received in January, no date) → undated.
    expect(value(r, 'requests_accepted').value).toBe(2);
    expect(value(r, 'requests_accepted').detail).toEqual({ undated: 1 });
    // Waiting on 31/01: R4 (in_attesa), R5 (decided 05/02) = 2; R7 is decided (undated); R8 not yet received.
    expect(value(r, 'requests_waiting_at_end').value).toBe(2);
    // Received in January and decided by 31/01: R2 accolta, R3 non_accolta, R7 accolta (undated);
    // R6 withdrawn left out; R4, R5 waiting. 2 / 3.
    const rate = value(r, 'request_acceptance_rate');
    expect([rate.numerator, rate.denominator, rate.detail]).toEqual([2, 3, { waiting: 2, withdrawn: 1 }]);
    expect(rate.value).toBeCloseTo(2 / 3, 10);
    // Wilson 95 %, p = 2/3, n = 3, z² = 3.841459: centre (0.666667 + 0.640243) / 2.280486 = 0.573084,
    // half-width 1.959964 × √(0.074074 + 0.106707) / 2.280486 = 0.365424 → [0.2077, 0.9385].
    expect(rate.ci95![0]).toBeCloseTo(0.2077, 4);
    expect(rate.ci95![1]).toBeCloseTo(0.9385, 4);
    // Waits of January acceptances: R1 10/01 − 20/12/2023 = 11 + 10 = 21; R2 15/01 − 05/01 = 10 → median 15.5.
    const wait = value(r, 'request_wait_days_median');
    expect([wait.value, wait.n]).toEqual([15.5, 2]);
    // Demand: 6 / (122/31) = 186/122.
    expect(value(r, 'demand_per_place').value).toBeCloseTo(186 / 122, 10);
    expectNoNaN(r);
  });

  it('--by ambito gives every district that has units (zero where nothing happened) and counts add up', async () => {
    const r = await run(network, { ...JAN, asOf: '2024-03-31', by: 'ambito' });
    const districts = ['Desio', 'Monza', 'Seregno'];
    for (const id of IDS.filter((id) => !id.startsWith('request') && id !== 'demand_per_place')) {
      expect(r.values.filter((v) => v.id === id).map((v) => v.group['ambito'] ?? '*').sort(), id).toEqual(['*', ...districts]);
    }
    // Counts add up to the overall value.
    for (const id of COUNTS) {
      const total = value(r, id).value!;
      expect(districts.reduce((s, a) => s + value(r, id, { ambito: a }).value!, 0), id).toBe(total);
    }
    // Places: Monza 62/31 = 2, Desio 60/31, Seregno 0/31 = 0 (A3 has no January day).
    expect(value(r, 'places_available_avg', { ambito: 'Monza' }).value).toBe(2);
    expect(value(r, 'places_available_avg', { ambito: 'Desio' }).value).toBeCloseTo(60 / 31, 10);
    expect(value(r, 'places_available_avg', { ambito: 'Seregno' }).value).toBe(0);
    // At the end: Monza 2, Desio 0, Seregno 0.
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'places_at_end', { ambito: a }).value)).toEqual([2, 0, 0]);
    // Turnover: Monza C2, C6 → 2/2 = 1; Desio C4, C5 → 2 / (60/31) = 62/60; Seregno 0 / 0 places → null.
    expect(value(r, 'turnover_per_place', { ambito: 'Monza' }).value).toBe(1);
    expect(value(r, 'turnover_per_place', { ambito: 'Desio' }).value).toBeCloseTo(62 / 60, 10);
    expect(value(r, 'turnover_per_place', { ambito: 'Seregno' }).value).toBeNull();
    // Vacancy: Monza gap 0 (C1) and C6 open; Desio gap 10 (C3); Seregno nothing.
    expect(value(r, 'vacancy_gap_days_median', { ambito: 'Monza' })).toMatchObject({ value: 0, n: 1, detail: { open_at_end: 1 } });
    expect(value(r, 'vacancy_gap_days_median', { ambito: 'Desio' })).toMatchObject({ value: 10, n: 1 });
    expect(value(r, 'vacancy_gap_days_median', { ambito: 'Seregno' })).toMatchObject({ value: null, n: 0 });
    // Requests by their own ambito: received Monza R3, R4, R6 = 3; Desio R2, R5, R7 = 3; Seregno 0.
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'requests_received', { ambito: a }).value)).toEqual([3, 3, 0]);
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'requests_accepted', { ambito: a }).value)).toEqual([1, 1, 0]);
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'requests_waiting_at_end', { ambito: a }).value)).toEqual([1, 1, 0]);
    // Acceptance: Monza 0 of 1 (R3); Desio 2 of 2 (R2, R7); Seregno 0 of 0 → null.
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'request_acceptance_rate', { ambito: a }).value)).toEqual([0, 1, null]);
    expect(value(r, 'request_wait_days_median', { ambito: 'Monza' })).toMatchObject({ value: 21, n: 1 });
    // Demand: Monza 3 / 2 = 1.5; Desio 3 / (60/31) = 93/60; Seregno 0 / 0 → null.
    expect(value(r, 'demand_per_place', { ambito: 'Monza' }).value).toBe(1.5);
    expect(value(r, 'demand_per_place', { ambito: 'Desio' }).value).toBeCloseTo(93 / 60, 10);
    expect(value(r, 'demand_per_place', { ambito: 'Seregno' }).value).toBeNull();
    // Requests allow ambito only; a --by comune run gives their overall value only.
    const byComune = await catalogue(network, { ...JAN, asOf: '2024-03-31', by: 'comune', ids: ['requests_received', 'places_at_end'] });
    expect(byComune.values.filter((v) => v.id === 'requests_received').map((v) => v.group)).toEqual([{}]);
    expect(byComune.values.filter((v) => v.id === 'places_at_end')).toHaveLength(4);
  });

  it('gives the previous period (same days, ending the day before from) with its value and change', async () => {
    const r = await run(network, { ...JAN, asOf: '2024-03-31' });
    expect(r.period.previous).toEqual({ from: '2023-12-01', end: '2023-12-31', days: 31 });
    // December: A1 2 × 31 + A2 3 × 31 = 155 → 5 places; January 122/31; change −33/31.
    const avg = value(r, 'places_available_avg');
    expect(avg.previous!.value).toBe(5);
    expect(avg.previous!.change).toBeCloseTo(-33 / 31, 10);
    // On 31/12/2023: A1 2 + A2 3 = 5; on 31/01: 2; change −3.
    expect(value(r, 'places_at_end').previous).toEqual({ value: 5, change: -3 });
    // December entries: C3 (01/12), C1 (15/12) = 2 → 2 / 5 = 0.4; change 124/122 − 0.4.
    const turnover = value(r, 'turnover_per_place');
    expect(turnover.previous!.value).toBeCloseTo(0.4, 10);
    expect(turnover.previous!.change).toBeCloseTo(124 / 122 - 0.4, 10);
    // December: R1 received → 1 (change 6 − 1 = 5); no acceptance dated in December; waiting on
    // 31/12: R1 (decided 10/01) = 1; no exit in December → no gap.
    expect(value(r, 'requests_received').previous).toEqual({ value: 1, change: 5 });
    expect(value(r, 'requests_accepted').previous).toEqual({ value: 0, change: 2 });
    expect(value(r, 'requests_waiting_at_end').previous).toEqual({ value: 1, change: 1 });
    expect(value(r, 'vacancy_gap_days_median').previous).toEqual({ value: null, change: null });
    // R1 received in December, decided (10/01) after the previous end: waiting, so 0 decided → null.
    expect(value(r, 'request_acceptance_rate').previous).toEqual({ value: null, change: null });
    // Demand in December: 1 / 5 = 0.2.
    expect(value(r, 'demand_per_place').previous!.value).toBeCloseTo(0.2, 10);
  });

  it('does not count the exit day as a night', async () => {
    // A1 1 place. C1 exits on 01/01 (from): nights 20/12..31/12 only, none in January. C2 enters on
    // 31/01 (end): the night of 31/01. Occupied 1 of 31. C1's exit → C2's entry: 30 days.
    const r = await run(
      { alloggi: [unit('A1', 1, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2023-12-20', '2024-01-01'), stay('C2', 'P2', 'A1', '2024-01-31', '2024-02-05')] },
      { ...JAN, asOf: '2024-12-31' },
    );
    expect(value(r, 'place_nights_occupied').value).toBe(1);
    expect(value(r, 'occupancy_rate').value).toBeCloseTo(1 / 31, 10);
    expect(value(r, 'vacancy_gap_days_median')).toMatchObject({ value: 30, n: 1, detail: { open_at_end: 0 } });
  });

  it('a zero-night stay (same-day entry and exit) occupies nothing, neither ends nor starts a vacancy, but is an entry', async () => {
    // A1 1 place. C1 exits 10/01; C2 and C4 enter and exit on 12/01 and 28/01; C3 20/01 → 25/01.
    // Gaps: C1 → C3 = 10 (not 2 to C2); C3's exit has no later occupying entry → open_at_end.
    // Neither C2 nor C4 is an exit of the cohort (nor its own next entry, which would give 0).
    // Occupied: C1 01..09 = 9, C3 20..24 = 5 → 14. Entries: C2, C3, C4 = 3 → turnover 3 / 1 place.
    const r = await run(
      {
        alloggi: [unit('A1', 1, '2023-01-01')],
        ospitalita: [
          stay('C1', 'P1', 'A1', '2023-12-01', '2024-01-10'),
          stay('C2', 'P2', 'A1', '2024-01-12', '2024-01-12'),
          stay('C3', 'P3', 'A1', '2024-01-20', '2024-01-25'),
          stay('C4', 'P4', 'A1', '2024-01-28', '2024-01-28'),
        ],
      },
      { ...JAN, asOf: '2024-12-31' },
    );
    expect(value(r, 'vacancy_gap_days_median')).toMatchObject({ value: 10, n: 1, detail: { open_at_end: 1 } });
    expect(value(r, 'place_nights_occupied').value).toBe(14);
    expect(value(r, 'turnover_per_place')).toMatchObject({ numerator: 3, denominator: 1, value: 3 });
  });

  it('counts 29 February 2024 as a day and a night', async () => {
    // February 2024: 29 days. A1 1 place + A2 1 place → 58 place-nights, 2 places on average.
    // C1 in A2 28/02 → 01/03: nights 28 and 29 = 2. C0 in A1 01/02 → 28/02: nights 1..27 = 27.
    const given: Given = {
      alloggi: [unit('A1', 1, '2023-01-01'), unit('A2', 1, '2023-01-01')],
      ospitalita: [stay('C0', 'P0', 'A1', '2024-02-01', '2024-02-28'), stay('C1', 'P1', 'A2', '2024-02-28', '2024-03-01'), stay('C2', 'P2', 'A1', '2024-03-01')],
    };
    const feb = await run(given, { from: '2024-02-01', to: '2024-02-29', asOf: '2024-12-31' });
    expect(value(feb, 'place_nights_available').value).toBe(58);
    expect(value(feb, 'places_available_avg')).toMatchObject({ numerator: 58, denominator: 29, value: 2 });
    expect(value(feb, 'place_nights_occupied').value).toBe(29);
    // The previous period has 29 days too: 03/01 → 31/01.
    expect(feb.period.previous).toEqual({ from: '2024-01-03', end: '2024-01-31', days: 29 });
    // C0 exits 28/02 and C2 enters A1 on 01/03: 2 days in a leap year (28/02 → 29/02 → 01/03).
    const spring = await run(given, { from: '2024-02-01', to: '2024-03-31', asOf: '2024-12-31' });
    expect(value(spring, 'vacancy_gap_days_median')).toMatchObject({ value: 2, n: 1 });
  });

  it('treats stays and decisions after as_of as not happened yet', async () => {
    // as_of 20/01/2024: end 20/01, 20 days. A1, A2 1 place each → 40 / 20 = 2 places.
    // C1 in A1 exits 25/01, after as_of: open, nights 05..20 = 16, no exit in the cohort.
    // C2 in A2 exits 15/01 (nights 10..14 = 5); no later entry into A2 by the end → open_at_end.
    // R1 accepted on 22/01, after as_of: still waiting on 20/01. R2 received on 25/01 does not exist yet.
    const r = await run(
      {
        alloggi: [unit('A1', 1, '2023-01-01'), unit('A2', 1, '2023-01-01')],
        ospitalita: [stay('C1', 'P1', 'A1', '2024-01-05', '2024-01-25'), stay('C2', 'P2', 'A2', '2024-01-10', '2024-01-15')],
        segnalazioni: [request('R1', '2024-01-03', 'accolta', '2024-01-22'), request('R2', '2024-01-25', 'in_attesa')],
      },
      { ...JAN, asOf: '2024-01-20' },
    );
    expect(value(r, 'places_available_avg')).toMatchObject({ numerator: 40, denominator: 20, value: 2 });
    expect(value(r, 'place_nights_occupied').value).toBe(21);
    expect(value(r, 'vacancy_gap_days_median')).toMatchObject({ value: null, n: 0, detail: { open_at_end: 1 } });
    expect(value(r, 'requests_received').value).toBe(1);
    expect(value(r, 'requests_accepted').value).toBe(0);
    expect(value(r, 'requests_waiting_at_end').value).toBe(1);
    expect(value(r, 'request_acceptance_rate')).toMatchObject({ value: null, numerator: 0, denominator: 0, ci95: null, detail: { waiting: 1, withdrawn: 0 } });
  });

  it('stops availability and nights when a unit closes mid-period', async () => {
    // A1 2 places closes 10/01: 2 × 10 = 20; A2 1 place all month: 31 → 51 / 31 places on average.
    // C1 in A1 from 05/01, open: nights 05..10 only = 6 (not 05..31 = 27). On 31/01 only A2: 1 place.
    // Entries: C1 → turnover 1 / (51/31) = 31/51.
    const r = await run(
      { alloggi: [unit('A1', 2, '2023-01-01', { data_chiusura: '2024-01-10' }), unit('A2', 1, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2024-01-05')] },
      { ...JAN, asOf: '2024-12-31' },
    );
    expect(value(r, 'place_nights_available').value).toBe(51);
    expect(value(r, 'places_available_avg').value).toBeCloseTo(51 / 31, 10);
    expect(value(r, 'place_nights_occupied').value).toBe(6);
    expect(value(r, 'occupancy_rate').value).toBeCloseTo(6 / 51, 10);
    expect(value(r, 'places_at_end').value).toBe(1);
    expect(value(r, 'turnover_per_place').value).toBeCloseTo(31 / 51, 10);
  });

  it('gives 0 or null, never NaN or an error, for a period after the data', async () => {
    // June 2024 with as_of 31/03: end (31/03) precedes from, the period has no day.
    const r = await run(network, { from: '2024-06-01', to: '2024-06-30', asOf: '2024-03-31' });
    expect(r.period.days).toBe(0);
    for (const id of COUNTS) expect(value(r, id).value, id).toBe(0);
    for (const id of ['occupancy_rate', 'places_available_avg', 'turnover_per_place', 'vacancy_gap_days_median', 'request_acceptance_rate', 'request_wait_days_median', 'demand_per_place']) {
      expect(value(r, id).value, id).toBeNull();
    }
    expectNoNaN(r);
  });

  it('gives 0 or null with no units at all', async () => {
    // No units, no stays, no requests: 0 places over 31 days = 0; every ratio over them is null.
    const empty = await run({}, { ...JAN, asOf: '2024-12-31' });
    expect(value(empty, 'places_available_avg')).toMatchObject({ value: 0, numerator: 0, denominator: 31 });
    for (const id of COUNTS) expect(value(empty, id).value, id).toBe(0);
    for (const id of ['occupancy_rate', 'turnover_per_place', 'vacancy_gap_days_median', 'request_acceptance_rate', 'request_wait_days_median', 'demand_per_place']) {
      expect(value(empty, id).value, id).toBeNull();
    }
    expectNoNaN(empty);
    // Requests but no units: 2 received, demand per place has no value; --by ambito lists only the
    // requests' own district (no unit, so no known district) and no empty «non indicato» places row.
    const onlyRequests = await run({ segnalazioni: [request('R1', '2024-01-05', 'in_attesa'), request('R2', '2024-01-06', 'in_attesa')] }, { ...JAN, asOf: '2024-12-31', by: 'ambito' });
    expect(value(onlyRequests, 'demand_per_place')).toMatchObject({ numerator: 2, denominator: 0, value: null });
    expect(onlyRequests.values.filter((v) => v.id === 'places_available_avg').map((v) => v.group)).toEqual([{}]);
    expectNoNaN(onlyRequests);
  });

  it('gives null, not a division by zero, for zero denominators', async () => {
    // A1 opens in February: no January place → turnover and demand null although there are an
    // entry (C1 on 31/01, into a unit not yet available) and a request. R1 withdrawn, R2 waiting:
    // no request decided as accolta/non_accolta → acceptance rate null. No exit, no acceptance → medians null.
    const r = await run(
      {
        alloggi: [unit('A1', 1, '2024-02-01')],
        ospitalita: [stay('C1', 'P1', 'A1', '2024-01-31')],
        segnalazioni: [request('R1', '2024-01-02', 'ritirata', '2024-01-03'), request('R2', '2024-01-04', 'in_attesa')],
      },
      { ...JAN, asOf: '2024-12-31' },
    );
    expect(value(r, 'places_available_avg').value).toBe(0);
    expect(value(r, 'turnover_per_place')).toMatchObject({ numerator: 1, denominator: 0, value: null });
    expect(value(r, 'demand_per_place')).toMatchObject({ numerator: 2, denominator: 0, value: null });
    expect(value(r, 'occupancy_rate').value).toBeNull();
    expect(value(r, 'request_acceptance_rate')).toMatchObject({ value: null, ci95: null, detail: { waiting: 1, withdrawn: 1 } });
    expect(value(r, 'vacancy_gap_days_median')).toMatchObject({ value: null, n: 0 });
    expect(value(r, 'request_wait_days_median')).toMatchObject({ value: null, n: 0 });
  });
});
