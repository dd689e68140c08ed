import { describe, expect, it } from 'vitest';
import { catalogue, stay, unit, value, type Given } from './harness.js';

const INGRESSO = ['entries', 'persons_entered', 'children_entered', 'entry_profile', 'referral_wait_days_median', 'entry_score_mean'];
const JANUARY = { from: '2024-01-01', to: '2024-01-31', asOf: '2024-06-30', ids: INGRESSO };

/**
 * A small network, January 2024 (previous period: December 2023), as_of 30/06/2024.
 * Units: A1 Monza/Monza, A2 Desio/Desio, A3 Monza/Lissone.
 *   P1  C1 A1 03/01 → 20/01, then C2 A2 01/02 (12 days later: a transfer, same path).
 *       First stay: 2 children, madre_con_figli, italiana, Comune di Monza, born 1990 (34: 25-34),
 *       referred 29/12/2023 (wait 5). C2 says vittima_violenza: ignored (values of the first stay).
 *   P2  C3 A2 10/01 open: 1 child, vittima_violenza, extra_ue, CAV, born 1975 (49: 45+), referred 01/01 (9).
 *   P3  C4 A3 02/01 → 05/01: 0 children, madre_con_figli, ue, Comune di Monza, born 2001 (23: <25),
 *       referred 16/12/2023 (16 + 1 = 17 days: 15 to 31/12, 2 more); then C5 A1 25/01 (20 days
 *       after: a new path): 1 child, no target, ue, no referring agency, born 2001, no referral date.
 *   P4  C6 A1 20/12/2023: 3 children (an entry of the previous period).
 *   P5  C7 A2 10/02: 4 children (after the period).
 * January entries: P1#1 (A1), P2#1 (A2), P3#1 (A3), P3#2 (A1) = 4.
 */
const network: Given = {
  alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01', { ambito: 'Desio', comune: 'Desio' }), unit('A3', 4, '2023-01-01', { comune: 'Lissone' })],
  ospitalita: [
    stay('C1', 'P1', 'A1', '2024-01-03', '2024-01-20', { figli: 2, target: 'madre_con_figli', cittadinanza: 'italiana', ente_inviante: 'Comune di Monza', anno_nascita: 1990, data_segnalazione: '2023-12-29' }),
    stay('C2', 'P1', 'A2', '2024-02-01', null, { figli: 2, target: 'vittima_violenza', cittadinanza: 'italiana', anno_nascita: 1990 }),
    stay('C3', 'P2', 'A2', '2024-01-10', null, { figli: 1, target: 'vittima_violenza', cittadinanza: 'extra_ue', ente_inviante: 'CAV', anno_nascita: 1975, data_segnalazione: '2024-01-01' }),
    stay('C4', 'P3', 'A3', '2024-01-02', '2024-01-05', { figli: 0, target: 'madre_con_figli', cittadinanza: 'ue', ente_inviante: 'Comune di Monza', anno_nascita: 2001, data_segnalazione: '2023-12-16' }),
    stay('C5', 'P3', 'A1', '2024-01-25', null, { figli: 1, cittadinanza: 'ue', anno_nascita: 2001 }),
    stay('C6', 'P4', 'A1', '2023-12-20', null, { figli: 3, target: 'madre_con_figli', cittadinanza: 'italiana', anno_nascita: 1985, data_segnalazione: '2023-12-10' }),
    stay('C7', 'P5', 'A2', '2024-02-10', null, { figli: 4 }),
  ],
  valutazioni: [
    // P1: abitare 2 on C1 (04/01) and 5 on C2 (02/02): the earliest, 2, is the entry score.
    { codice_caso: 'C1', fase: 'ingresso', data: '2024-01-04', dimensione: 'abitare', punteggio: 2 },
    { codice_caso: 'C1', fase: 'ingresso', data: '2024-01-04', dimensione: 'lavoro', punteggio: 1 },
    { codice_caso: 'C2', fase: 'ingresso', data: '2024-02-02', dimensione: 'abitare', punteggio: 5 },
    { codice_caso: 'C3', fase: 'ingresso', data: '2024-01-11', dimensione: 'abitare', punteggio: 3 },
    { codice_caso: 'C4', fase: 'ingresso', data: '2024-01-03', dimensione: 'abitare', punteggio: 4 },
    // An exit score is not an entry score.
    { codice_caso: 'C4', fase: 'uscita', data: '2024-01-05', dimensione: 'lavoro', punteggio: 5 },
  ],
};

describe('indicators/ingresso', () => {
  describe('entries, persons_entered, children_entered', () => {
    it('counts paths entering in the period, distinct persons and their children', async () => {
      const r = await catalogue(network, JANUARY);
      // 4 entries (P1#1, P2#1, P3#1, P3#2); previous period (December): P4 → 1, change 3.
      expect(value(r, 'entries').value).toBe(4);
      expect(value(r, 'entries').previous).toEqual({ value: 1, change: 3 });
      // Persons P1, P2, P3 (P3 entered twice).
      expect(value(r, 'persons_entered').value).toBe(3);
      // Children 2 + 1 + 0 + 1 = 4, none missing; December: 3.
      expect(value(r, 'children_entered').value).toBe(4);
      expect(value(r, 'children_entered').detail).toEqual({ missing: 0 });
      expect(value(r, 'children_entered').previous?.value).toBe(3);
    });

    it('places a path in the ambito, comune and alloggio of its first stay', async () => {
      const byAmbito = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: P1#1 (A1), P3#1 (A3), P3#2 (A1) = 3; Desio: P2#1 = 1 (P1's transfer to A2 is not an entry).
      expect(value(byAmbito, 'entries', { ambito: 'Monza' }).value).toBe(3);
      expect(value(byAmbito, 'entries', { ambito: 'Desio' }).value).toBe(1);
      // Persons in Monza: P1, P3 (twice, once) = 2. Children in Monza 2 + 0 + 1 = 3, Desio 1.
      expect(value(byAmbito, 'persons_entered', { ambito: 'Monza' }).value).toBe(2);
      expect(value(byAmbito, 'children_entered', { ambito: 'Monza' }).value).toBe(3);
      expect(value(byAmbito, 'children_entered', { ambito: 'Desio' }).value).toBe(1);

      const byComune = await catalogue(network, { ...JANUARY, by: 'comune' });
      // Monza: P1#1, P3#2 (A1); Lissone: P3#1 (A3); Desio: P2#1.
      expect(value(byComune, 'entries', { comune: 'Monza' }).value).toBe(2);
      expect(value(byComune, 'entries', { comune: 'Lissone' }).value).toBe(1);
      expect(value(byComune, 'entries', { comune: 'Desio' }).value).toBe(1);

      const byAlloggio = await catalogue(network, { ...JANUARY, by: 'alloggio' });
      expect(value(byAlloggio, 'entries', { alloggio: 'A1' }).value).toBe(2);
      expect(value(byAlloggio, 'entries', { alloggio: 'A2' }).value).toBe(1);
      expect(value(byAlloggio, 'entries', { alloggio: 'A3' }).value).toBe(1);
    });

    it('takes target and cittadinanza from the first stay of the path', async () => {
      const byTarget = await catalogue(network, { ...JANUARY, by: 'target' });
      // madre_con_figli: P1#1 (C1, not C2's vittima_violenza), P3#1; vittima_violenza: P2#1; none: P3#2.
      expect(value(byTarget, 'entries', { target: 'madre_con_figli' }).value).toBe(2);
      expect(value(byTarget, 'entries', { target: 'vittima_violenza' }).value).toBe(1);
      expect(value(byTarget, 'entries', { target: 'non_indicato' }).value).toBe(1);
      expect(value(byTarget, 'entries', { target: 'altro' }).value).toBe(0);
      const byCittadinanza = await catalogue(network, { ...JANUARY, by: 'cittadinanza' });
      // ue: P3#1, P3#2 = 2 entries of one person.
      expect(value(byCittadinanza, 'entries', { cittadinanza: 'ue' }).value).toBe(2);
      expect(value(byCittadinanza, 'persons_entered', { cittadinanza: 'ue' }).value).toBe(1);
      expect(value(byCittadinanza, 'children_entered', { cittadinanza: 'ue' }).value).toBe(1);
    });

    it('counts children missing in detail.missing, and 0 children as a value', async () => {
      const given: Given = {
        alloggi: [unit('A1', 9, '2023-01-01')],
        ospitalita: [
          stay('C1', 'P1', 'A1', '2024-01-02', null, { figli: 0 }),
          stay('C2', 'P2', 'A1', '2024-01-03', null, { figli: 3 }),
          stay('C3', 'P3', 'A1', '2024-01-04'),
        ],
      };
      const r = await catalogue(given, JANUARY);
      // 0 + 3 = 3; P3 missing.
      expect(value(r, 'children_entered').value).toBe(3);
      expect(value(r, 'children_entered').detail).toEqual({ missing: 1 });
    });
  });

  describe('paths (transfers, re-entries, overlaps, as_of)', () => {
    it('joins a stay entering exactly 14 days after the exit and starts a new path at 15', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01')],
        ospitalita: [
          // P1: exit 05/01, next entry 19/01 = 14 days later → transfer, one entry.
          stay('C1', 'P1', 'A1', '2024-01-02', '2024-01-05'),
          stay('C2', 'P1', 'A2', '2024-01-19'),
          // P2: exit 05/01, next entry 20/01 = 15 days later → a re-entry, two entries.
          stay('C3', 'P2', 'A1', '2024-01-02', '2024-01-05'),
          stay('C4', 'P2', 'A2', '2024-01-20'),
        ],
      };
      const r = await catalogue(given, JANUARY);
      expect(value(r, 'entries').value).toBe(3);
      expect(value(r, 'persons_entered').value).toBe(2);
    });

    it('joins overlapping stays of one person, and a stay within 14 days of the latest exit so far', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01'), unit('A2', 4, '2023-01-01')],
        ospitalita: [
          // C2 lies inside C1; C3 enters 13 days after C1's exit (01/03), 33 after C2's (10/02).
          stay('C1', 'P1', 'A1', '2024-01-05', '2024-03-01'),
          stay('C2', 'P1', 'A2', '2024-01-20', '2024-02-10'),
          stay('C3', 'P1', 'A2', '2024-03-14'),
        ],
      };
      const r = await catalogue(given, { ...JANUARY, from: '2024-01-01', to: '2024-03-31' });
      expect(value(r, 'entries').value).toBe(1);
    });

    it('ignores stays entering after as_of and ends the period at as_of', async () => {
      const given: Given = {
        alloggi: [unit('A1', 4, '2023-01-01')],
        ospitalita: [stay('C1', 'P1', 'A1', '2024-01-10'), stay('C2', 'P2', 'A1', '2024-01-20', null, { figli: 2 })],
      };
      // as_of 15/01: P2's entry on 20/01 has not happened yet.
      const r = await catalogue(given, { ...JANUARY, asOf: '2024-01-15' });
      expect(value(r, 'entries').value).toBe(1);
      expect(value(r, 'children_entered').value).toBe(0);
    });
  });

  describe('entry_profile', () => {
    it('gives counts and shares of entries by target, cittadinanza, ente_inviante and age band', async () => {
      const r = await catalogue(network, JANUARY);
      const share = (profile: string, category: string) => {
        const v = value(r, 'entry_profile', { [profile]: category });
        return [v.numerator, v.denominator, v.value];
      };
      // target (first stay): madre_con_figli P1#1, P3#1 = 2/4; vittima_violenza 1/4; none (P3#2) 1/4; altro 0/4.
      expect(share('target', 'madre_con_figli')).toEqual([2, 4, 0.5]);
      expect(share('target', 'vittima_violenza')).toEqual([1, 4, 0.25]);
      expect(share('target', 'non_indicato')).toEqual([1, 4, 0.25]);
      expect(share('target', 'altro')).toEqual([0, 4, 0]);
      // cittadinanza: italiana 1, extra_ue 1, ue 2.
      expect(share('cittadinanza', 'italiana')).toEqual([1, 4, 0.25]);
      expect(share('cittadinanza', 'extra_ue')).toEqual([1, 4, 0.25]);
      expect(share('cittadinanza', 'ue')).toEqual([2, 4, 0.5]);
      // ente_inviante: Comune di Monza P1#1, P3#1 = 2; CAV 1; none 1.
      expect(share('ente_inviante', 'Comune di Monza')).toEqual([2, 4, 0.5]);
      expect(share('ente_inviante', 'CAV')).toEqual([1, 4, 0.25]);
      expect(share('ente_inviante', 'non_indicato')).toEqual([1, 4, 0.25]);
      // age = 2024 − birth year: P1 34 (25-34), P2 49 (45+), P3 23 twice (<25).
      expect(share('age_band', '<25')).toEqual([2, 4, 0.5]);
      expect(share('age_band', '25-34')).toEqual([1, 4, 0.25]);
      expect(share('age_band', '35-44')).toEqual([0, 4, 0]);
      expect(share('age_band', '45+')).toEqual([1, 4, 0.25]);
      // Wilson interval for 2 of 4 (a proportion of paths): centre (0.5 + z²/8)/(1 + z²/4) = 0.5.
      const ci = value(r, 'entry_profile', { target: 'madre_con_figli' }).ci95!;
      expect((ci[0] + ci[1]) / 2).toBeCloseTo(0.5, 12);
    });

    it('adds up to the entries within each profile field', async () => {
      const r = await catalogue(network, JANUARY);
      for (const profile of ['target', 'cittadinanza', 'ente_inviante', 'age_band']) {
        const rows = r.values.filter((v) => v.id === 'entry_profile' && Object.keys(v.group)[0] === profile);
        expect(rows.reduce((s, v) => s + (v.numerator ?? 0), 0), profile).toBe(4);
        expect(new Set(rows.map((v) => v.denominator)), profile).toEqual(new Set([4]));
      }
      // No value outside the four profile fields.
      const fields = new Set(r.values.filter((v) => v.id === 'entry_profile').flatMap((v) => Object.keys(v.group)));
      expect(fields).toEqual(new Set(['target', 'cittadinanza', 'ente_inviante', 'age_band']));
    });

    it('bands the age at entry as year of entry − birth year, at each boundary', async () => {
      // All enter on 10/01/2024: age = 2024 − year. Entering in January, most have not had their
      // birthday yet: the band uses the age reached in the year of entry (documented).
      const years = [2000, 1999, 1990, 1989, 1980, 1979, null]; // 24, 25, 34, 35, 44, 45, unknown
      const given: Given = {
        alloggi: [unit('A1', 9, '2023-01-01')],
        ospitalita: years.map((y, i) => stay(`C${i}`, `P${i}`, 'A1', '2024-01-10', null, { anno_nascita: y })),
      };
      const r = await catalogue(given, JANUARY);
      const count = (band: string) => value(r, 'entry_profile', { age_band: band }).numerator;
      // <25: 24; 25-34: 25, 34; 35-44: 35, 44; 45+: 45; unknown: 1.
      expect([count('<25'), count('25-34'), count('35-44'), count('45+'), count('non_indicato')]).toEqual([1, 2, 2, 1, 1]);
    });

    it('breaks down by the ambito of the first stay', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: P1#1, P3#1, P3#2 (3 entries): madre_con_figli 2/3; Desio: P2#1: madre_con_figli 0/1.
      const monza = value(r, 'entry_profile', { ambito: 'Monza', target: 'madre_con_figli' });
      expect([monza.numerator, monza.denominator]).toEqual([2, 3]);
      const desio = value(r, 'entry_profile', { ambito: 'Desio', target: 'madre_con_figli' });
      expect([desio.numerator, desio.denominator, desio.value]).toEqual([0, 1, 0]);
    });
  });

  describe('referral_wait_days_median', () => {
    it('is the median of entry − referral date over entries with a referral date', async () => {
      const r = await catalogue(network, JANUARY);
      // Waits: P1 5, P2 9, P3#1 17; P3#2 has no referral date (missing). Median 9, n 3.
      const v = value(r, 'referral_wait_days_median');
      expect([v.value, v.n, v.detail]).toEqual([9, 3, { missing: 1 }]);
      // December: P4 10/12 → 20/12 = 10 days.
      expect(v.previous?.value).toBe(10);
    });

    it('takes the mean of the two middle values for an even count (by ambito)', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: P1 5, P3#1 17 → (5 + 17) / 2 = 11, n 2, missing 1 (P3#2); Desio: P2 9.
      const monza = value(r, 'referral_wait_days_median', { ambito: 'Monza' });
      expect([monza.value, monza.n, monza.detail]).toEqual([11, 2, { missing: 1 }]);
      expect(value(r, 'referral_wait_days_median', { ambito: 'Desio' }).value).toBe(9);
    });
  });

  describe('entry_score_mean', () => {
    it('is the mean earliest entry score per dimension, with the entries not assessed as missing', async () => {
      const r = await catalogue(network, JANUARY);
      // abitare: P1 2 (not C2's later 5), P2 3, P3#1 4 → 9 / 3 = 3; n 3; missing 4 − 3 = 1.
      const abitare = value(r, 'entry_score_mean', { dimension: 'abitare' });
      expect([abitare.value, abitare.n, abitare.detail]).toEqual([3, 3, { missing: 1 }]);
      // lavoro: P1 1 (C4's exit score does not count) → 1; n 1; missing 3.
      const lavoro = value(r, 'entry_score_mean', { dimension: 'lavoro' });
      expect([lavoro.value, lavoro.n, lavoro.detail]).toEqual([1, 1, { missing: 3 }]);
      // Every dimension of the instrument is listed; salute was never assessed: n 0, value null.
      const salute = value(r, 'entry_score_mean', { dimension: 'salute' });
      expect([salute.value, salute.n]).toEqual([null, 0]);
      expect(r.values.filter((v) => v.id === 'entry_score_mean')).toHaveLength(8);
    });

    it('breaks down by the ambito of the first stay', async () => {
      const r = await catalogue(network, { ...JANUARY, by: 'ambito' });
      // Monza: abitare P1 2, P3#1 4 → 3, n 2, missing 1 (P3#2); Desio: P2 3, n 1, missing 0.
      const monza = value(r, 'entry_score_mean', { ambito: 'Monza', dimension: 'abitare' });
      expect([monza.value, monza.n, monza.detail]).toEqual([3, 2, { missing: 1 }]);
      const desio = value(r, 'entry_score_mean', { ambito: 'Desio', dimension: 'abitare' });
      expect([desio.value, desio.n, desio.detail]).toEqual([3, 1, { missing: 0 }]);
    });
  });

  describe('an empty period', () => {
    it('gives 0 counts, null shares and null statistics with n 0', async () => {
      // March 2024: nobody entered.
      const r = await catalogue(network, { ...JANUARY, from: '2024-03-01', to: '2024-03-31' });
      expect(value(r, 'entries').value).toBe(0);
      expect(value(r, 'persons_entered').value).toBe(0);
      expect(value(r, 'children_entered').value).toBe(0);
      const profile = value(r, 'entry_profile', { target: 'madre_con_figli' });
      expect([profile.numerator, profile.denominator, profile.value, profile.ci95]).toEqual([0, 0, null, null]);
      const wait = value(r, 'referral_wait_days_median');
      expect([wait.value, wait.n]).toEqual([null, 0]);
      const score = value(r, 'entry_score_mean', { dimension: 'abitare' });
      expect([score.value, score.n]).toEqual([null, 0]);
      // The previous period, 31 days (30/01 – 29/02): P5 entered on 10/02.
      expect(value(r, 'entries').previous).toEqual({ value: 1, change: -1 });
    });
  });
});
