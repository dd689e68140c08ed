/**
 * The 6-month follow-up indicators (indicators/follow_up/*.yaml): follow-ups that fell due in the
 * period (target date = path exit + 6 calendar months, clamped), assessable once the ± 60-day
 * window has closed, completed by a «raggiunta» contact in the window.
 */
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/config.js';
import { catalogue, defaultProject, stay, unit, value, type Given } from './harness.js';

const IDS = [
  'followup_due',
  'followup_pending',
  'followup_completion_rate',
  'housing_sustained_6m',
  'housing_sustained_6m_lower',
  'returns_6m_rate',
  'score_change_followup',
];

const contact = (caso: string, data_contatto: string, esito_contatto = 'raggiunta', situazione_abitativa: string | null = null) => ({
  codice_caso: caso, data_contatto, esito_contatto, situazione_abitativa,
});
const assessment = (caso: string, fase: string, data: string, punteggio: number, dimensione = 'abitare') => ({
  codice_caso: caso, fase, data, dimensione, punteggio,
});
const dest = (destinazione_uscita: string, extra: Record<string, unknown> = {}) => ({ destinazione_uscita, ...extra });

const H1 = { from: '2025-01-01', to: '2025-06-30' };
const units = [unit('A1', 5, '2023-01-01'), unit('B1', 5, '2023-01-01', { ambito: 'Desio', comune: 'Desio' })];

/**
 * Period 2025-01-01 → 2025-06-30 (previous 2024-07-04 → 2024-12-31, 181 days each), as_of 15/08/2025.
 *   P1  A1 (Monza)  exit 15/07/2024 affitto_autonomo → target 15/01/2025, window closes 16/03: assessable;
 *       reached 20/01/2025 in affitto_autonomo; abitare exit 3 → follow-up 4 (+1).
 *   P2  A1 → B1 (transfer, 9-day gap: one path, last stay in Desio) exit 10/08/2024 erp → target
 *       10/02/2025, closes 11/04: assessable; reached 01/02/2025 (contact on the FIRST stay) in
 *       senza_dimora; abitare 4 → 2 (−2); new path entering 20/01/2025 ≤ target: a return.
 *   P3  B1 exit 01/09/2024 famiglia → target 01/03/2025, closes 30/04: assessable; non_raggiunta;
 *       exit score 3 only.
 *   P4  A1 exit 20/12/2024 altra_accoglienza (neutra) → target 20/06/2025, closes 19/08/2025 >
 *       as_of: pending (although reached 25/06/2025 in erp); abitare 2 → 3 (+1).
 *   P5  B1 exit 05/10/2024 housing_sociale → target 05/04/2025, closes 04/06: assessable; no
 *       contact; new path 01/06/2025 > target: not a return.
 *   P6  exit 01/02/2025 → target 01/08/2025: not due in the period. P7 open.
 *   P8  A1 exit 10/03/2024 affitto_autonomo → target 10/09/2024: due in the previous period, reached
 *       15/09/2024 in affitto_autonomo.
 */
const network: Given = {
  alloggi: units,
  ospitalita: [
    stay('C1', 'P1', 'A1', '2024-01-10', '2024-07-15', dest('affitto_autonomo', { target: 'madre_con_figli', cittadinanza: 'italiana' })),
    stay('C2a', 'P2', 'A1', '2024-01-01', '2024-05-01', dest('trasferimento_interno', { target: 'vittima_violenza', cittadinanza: 'extra_ue' })),
    stay('C2b', 'P2', 'B1', '2024-05-10', '2024-08-10', dest('erp')),
    stay('C2c', 'P2', 'A1', '2025-01-20'),
    stay('C3', 'P3', 'B1', '2024-02-01', '2024-09-01', dest('famiglia', { target: 'madre_con_figli' })),
    stay('C4', 'P4', 'A1', '2024-06-01', '2024-12-20', dest('altra_accoglienza')),
    stay('C5', 'P5', 'B1', '2024-03-01', '2024-10-05', dest('housing_sociale', { target: 'vittima_violenza' })),
    stay('C5b', 'P5', 'B1', '2025-06-01'),
    stay('C6', 'P6', 'A1', '2024-08-01', '2025-02-01', dest('erp')),
    stay('C7', 'P7', 'A1', '2025-03-01'),
    stay('C8', 'P8', 'A1', '2023-09-01', '2024-03-10', dest('affitto_autonomo')),
  ],
  followup: [
    contact('C1', '2025-01-20', 'raggiunta', 'affitto_autonomo'),
    contact('C2a', '2025-02-01', 'raggiunta', 'senza_dimora'),
    contact('C3', '2025-03-01', 'non_raggiunta'),
    contact('C4', '2025-06-25', 'raggiunta', 'erp'),
    contact('C8', '2024-09-15', 'raggiunta', 'affitto_autonomo'),
  ],
  valutazioni: [
    assessment('C1', 'uscita', '2024-07-10', 3),
    assessment('C1', 'follow_up', '2025-01-20', 4),
    assessment('C2b', 'uscita', '2024-08-10', 4),
    assessment('C2b', 'follow_up', '2025-02-10', 2),
    assessment('C3', 'uscita', '2024-09-01', 3),
    assessment('C4', 'uscita', '2024-12-20', 2),
    assessment('C4', 'follow_up', '2025-06-25', 3),
  ],
};

describe('follow_up indicators', () => {
  it('computes every indicator on a small network by hand', async () => {
    const r = await catalogue(network, { ...H1, asOf: '2025-08-15', ids: IDS });
    // Due: P1, P2, P3, P4, P5 = 5 (P6 due in August, P8 in the previous period: 1).
    expect(value(r, 'followup_due')).toMatchObject({ value: 5, previous: { value: 1 } });
    // Pending: P4 only (window closes 19/08/2025 > 15/08/2025).
    expect(value(r, 'followup_pending').value).toBe(1);
    // Assessable: P1, P2, P3, P5 = 4; completed P1, P2 = 2 → 2/4; missing (not reached) P3, P5 = 2.
    // Previous: P8 completed → 1/1.
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, detail: { missing: 2 }, previous: { value: 1 } });
    // Cohort (assessable, positive destination): P1, P2, P3, P5 (P4 neutra, and pending). Completed:
    // P1 (affitto_autonomo: sustained), P2 (senza_dimora: not) → 1/2; lower bound 1/4.
    const missing = { missing: 2, not_reached: 2, situation_unknown: 0 };
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, detail: missing });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25, detail: missing });
    // Wilson interval is given for the proportion: 1 of 4.
    expect(value(r, 'housing_sustained_6m_lower').ci95).not.toBeNull();
    // Returns: P1, P2, P3, P5 (positive destinations); P2 re-entered 20/01/2025 ≤ 10/02/2025 → 1/4.
    expect(value(r, 'returns_6m_rate')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25, detail: { missing: 0 } });
    // Previous period: P8 positive, no new path → 0/1.
    expect(value(r, 'returns_6m_rate').previous?.value).toBe(0);
    // abitare, over the 5 due: pairs P1 +1, P2 −2, P4 +1 (pending but assessed) → mean 0/3 = 0,
    // median 1, improved 2/3, worsened 1/3; missing 5 − 3 = 2 (P3 no follow-up score, P5 none).
    // Wilcoxon: |d| 1, 1, 2 → ranks 1.5, 1.5, 3, V = 3 = n(n+1)/4 → z = 0 (ties: normal), p = 1.
    const score = value(r, 'score_change_followup', { dimension: 'abitare' });
    expect(score.value).toBeCloseTo(0, 12);
    expect(score.n).toBe(3);
    expect(score.detail).toMatchObject({ median: 1, unchanged: 0, missing: 2, p_value: 1, method: 'normal' });
    expect(score.detail?.['improved']).toBeCloseTo(2 / 3, 12);
    expect(score.detail?.['worsened']).toBeCloseTo(1 / 3, 12);
    // An instrument dimension without any pair: n 0, value null.
    expect(value(r, 'score_change_followup', { dimension: 'lavoro' })).toMatchObject({ n: 0, value: null });
  });

  it('places a follow-up in the ambito of the path’s last stay', async () => {
    const r = await catalogue(network, { ...H1, asOf: '2025-08-15', ids: IDS, by: 'ambito' });
    // Monza: P1, P4; Desio: P2 (last stay in B1), P3, P5.
    expect(value(r, 'followup_due', { ambito: 'Monza' }).value).toBe(2);
    expect(value(r, 'followup_due', { ambito: 'Desio' }).value).toBe(3);
    expect(value(r, 'followup_pending', { ambito: 'Monza' }).value).toBe(1);
    expect(value(r, 'followup_pending', { ambito: 'Desio' }).value).toBe(0);
    // Monza: P1 completed → 1/1. Desio: P2 completed, P3 and P5 not → 1/3.
    expect(value(r, 'followup_completion_rate', { ambito: 'Monza' })).toMatchObject({ numerator: 1, denominator: 1 });
    expect(value(r, 'followup_completion_rate', { ambito: 'Desio' })).toMatchObject({ numerator: 1, denominator: 3, detail: { missing: 2 } });
    // Returns: Monza P1 no → 0/1; Desio P2 yes, P3, P5 no → 1/3.
    expect(value(r, 'returns_6m_rate', { ambito: 'Monza' })).toMatchObject({ numerator: 0, denominator: 1 });
    expect(value(r, 'returns_6m_rate', { ambito: 'Desio' })).toMatchObject({ numerator: 1, denominator: 3 });
    // Score change, abitare: Monza P1 +1, P4 +1 → mean 1, n 2, missing 0; Desio P2 −2 → n 1, missing 2.
    expect(value(r, 'score_change_followup', { ambito: 'Monza', dimension: 'abitare' })).toMatchObject({ value: 1, n: 2, detail: { missing: 0 } });
    expect(value(r, 'score_change_followup', { ambito: 'Desio', dimension: 'abitare' })).toMatchObject({ value: -2, n: 1, detail: { missing: 2 } });
  });

  it('breaks down by the path’s target and unit, listing every known value', async () => {
    const byTarget = await catalogue(network, { ...H1, asOf: '2025-08-15', ids: ['followup_due'], by: 'target' });
    // madre_con_figli: P1, P3; vittima_violenza: P2 (from its first stay), P5; altro: 0; P4 not stated.
    expect(value(byTarget, 'followup_due', { target: 'madre_con_figli' }).value).toBe(2);
    expect(value(byTarget, 'followup_due', { target: 'vittima_violenza' }).value).toBe(2);
    expect(value(byTarget, 'followup_due', { target: 'altro' }).value).toBe(0);
    expect(value(byTarget, 'followup_due', { target: 'non_indicato' }).value).toBe(1);
    const byUnit = await catalogue(network, { ...H1, asOf: '2025-08-15', ids: ['followup_due'], by: 'alloggio' });
    // A1: P1, P4; B1: P2, P3, P5.
    expect(value(byUnit, 'followup_due', { alloggio: 'A1' }).value).toBe(2);
    expect(value(byUnit, 'followup_due', { alloggio: 'B1' }).value).toBe(3);
  });
});

describe('follow_up target date', () => {
  // Exit 31/08 + 6 months = 31/02, which does not exist: clamped to the month's last day.
  const given: Given = {
    alloggi: units,
    ospitalita: [
      stay('C1', 'P1', 'A1', '2024-03-01', '2024-08-31'),
      stay('C2', 'P2', 'A1', '2023-03-01', '2023-08-31'),
    ],
  };
  const due = async (day: string) => value(await catalogue(given, { from: day, to: day, asOf: '2025-12-31', ids: ['followup_due'] }), 'followup_due').value;

  it('is 28 February after an exit on 31 August', async () => {
    expect(await due('2025-02-28')).toBe(1);
    expect(await due('2025-03-01')).toBe(0);
    expect(await due('2025-03-03')).toBe(0);
  });

  it('is 29 February in a leap year', async () => {
    expect(await due('2024-02-29')).toBe(1);
    expect(await due('2024-02-28')).toBe(0);
    expect(await due('2024-03-02')).toBe(0);
  });
});

describe('follow_up completion window', () => {
  it('takes contacts exactly 60 days from the target and leaves out those at 61', async () => {
    // All exit 15/07/2024 → target 15/01/2025. 60 days before: 16/11/2024 (15 + 31 + 14 days back);
    // 60 days after: 16/03/2025 (16 + 28 + 16 days on). 61: 15/11/2024 and 17/03/2025.
    const people = ['P1', 'P2', 'P3', 'P4'];
    const given: Given = {
      alloggi: units,
      ospitalita: people.map((p) => stay(`C${p}`, p, 'A1', '2024-01-10', '2024-07-15')),
      followup: [
        contact('CP1', '2024-11-16'),
        contact('CP2', '2025-03-16'),
        contact('CP3', '2024-11-15'),
        contact('CP4', '2025-03-17'),
      ],
    };
    const r = await catalogue(given, { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: IDS, by: 'alloggio' });
    // P1, P2 completed; P3, P4 not → 2/4.
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 2, denominator: 4, detail: { missing: 2 } });
  });

  it('never completes with a contact dated before (or on) the exit, and honours a configured window', async () => {
    // Window 200 days: target 15/01/2025, window 29/06/2024 → 03/08/2025, so the window opens before
    // the exit (15/07/2024). P1 reached 01/07/2024 (before the exit), P2 on the exit day, P3 the day
    // after: only P3 completes → 1/3. With the default 60 days P3 (183 days early) is outside → 0/3.
    const wide: Project = { ...defaultProject, config: { ...defaultProject.config, follow_up: { ...defaultProject.config.follow_up, window_days: 200 } } };
    const given: Given = {
      alloggi: units,
      ospitalita: ['P1', 'P2', 'P3'].map((p) => stay(`C${p}`, p, 'A1', '2024-01-10', '2024-07-15')),
      followup: [contact('CP1', '2024-07-01'), contact('CP2', '2024-07-15'), contact('CP3', '2024-07-16')],
    };
    const options = { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: ['followup_completion_rate'] };
    expect(value(await catalogue(given, options, wide), 'followup_completion_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(value(await catalogue(given, options), 'followup_completion_rate')).toMatchObject({ numerator: 0, denominator: 3 });
  });

  it('counts only contacts with esito raggiunta', async () => {
    // P1: non_raggiunta on the target day; P2: rifiuto on the target day → neither completes.
    const given: Given = {
      alloggi: units,
      ospitalita: ['P1', 'P2'].map((p) => stay(`C${p}`, p, 'A1', '2024-01-10', '2024-07-15', dest('erp'))),
      followup: [contact('CP1', '2025-01-15', 'non_raggiunta', 'erp'), contact('CP2', '2025-01-15', 'rifiuto', 'erp')],
    };
    const r = await catalogue(given, { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: IDS });
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 0, denominator: 2 });
    // No completed follow-up: the main rate has a zero denominator → null; the lower bound 0/2.
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ denominator: 0, value: null, ci95: null });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ numerator: 0, denominator: 2, value: 0, detail: { not_reached: 2 } });
  });
});

describe('follow_up pending', () => {
  // P1 exits 15/07/2024 → target 15/01/2025, window closes 16/03/2025; reached 20/02/2025 in erp.
  // P2 exits 01/07/2024 → target 01/01/2025, window closes 02/03/2025; never reached.
  const given: Given = {
    alloggi: units,
    ospitalita: [stay('C1', 'P1', 'A1', '2024-01-10', '2024-07-15', dest('erp')), stay('C2', 'P2', 'A1', '2024-01-10', '2024-07-01', dest('erp'))],
    followup: [contact('C1', '2025-02-20', 'raggiunta', 'erp')],
  };
  const period = { from: '2025-01-01', to: '2025-01-31' };

  it('keeps a follow-up whose window has not closed out of the completion denominator', async () => {
    // as_of 15/03/2025, in the middle of P1's window: P1 pending (although already reached), P2
    // assessable → completion 0/1, sustained has no completed follow-up → null, lower bound 0/1.
    const r = await catalogue(given, { ...period, asOf: '2025-03-15', ids: IDS });
    expect(value(r, 'followup_due').value).toBe(2);
    expect(value(r, 'followup_pending').value).toBe(1);
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ numerator: 0, denominator: 1 });
    // Returns do not wait for the window: both targets are ≤ as_of, no new path → 0/2.
    expect(value(r, 'returns_6m_rate')).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('becomes assessable on the day the window closes', async () => {
    // as_of 16/03/2025 = target + 60: P1 assessable and completed → 1/2; sustained (erp) 1/1.
    const r = await catalogue(given, { ...period, asOf: '2025-03-16', ids: IDS });
    expect(value(r, 'followup_pending').value).toBe(0);
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('ignores contacts after as_of and counts only follow-ups due by the effective end', async () => {
    // as_of 10/02/2025: the period ends on 31/01 (≤ as_of); P1's contact of 20/02 has not happened.
    // Both are pending (windows close 16/03 and 02/03), completion has no denominator → null.
    const r = await catalogue(given, { ...period, asOf: '2025-02-10', ids: IDS });
    expect(value(r, 'followup_due').value).toBe(2);
    expect(value(r, 'followup_pending').value).toBe(2);
    expect(value(r, 'followup_completion_rate')).toMatchObject({ denominator: 0, value: null, ci95: null });
    // as_of 10/01/2025 (end = 10/01): P2's target 01/01 is due, P1's 15/01 is not yet.
    const early = await catalogue(given, { ...period, asOf: '2025-01-10', ids: IDS });
    expect(value(early, 'followup_due').value).toBe(1);
    expect(value(early, 'returns_6m_rate')).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('follow_up housing situation', () => {
  // Every path exits 15/07/2024 to erp (positive) → target 15/01/2025; as_of 31/12/2025.
  const exits = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((p) => stay(`C${p}`, p, 'A1', '2024-01-10', '2024-07-15', dest('erp')));
  const given: Given = {
    alloggi: units,
    ospitalita: exits,
    followup: [
      // P1: reached, situation missing → not sustained, unknown.
      contact('CP1', '2025-01-15'),
      // P2: the nearest contact (target + 5) has no situation, a farther one (target + 30) says
      // affitto_autonomo → the nearest decides: not sustained, unknown.
      contact('CP2', '2025-01-20'),
      contact('CP2', '2025-02-14', 'raggiunta', 'affitto_autonomo'),
      // P3: target − 10 senza_dimora, target + 3 affitto_autonomo → nearest: sustained.
      contact('CP3', '2025-01-05', 'raggiunta', 'senza_dimora'),
      contact('CP3', '2025-01-18', 'raggiunta', 'affitto_autonomo'),
      // P4: a tie, target − 10 senza_dimora and target + 10 erp → the earlier: not sustained (known).
      contact('CP4', '2025-01-05', 'raggiunta', 'senza_dimora'),
      contact('CP4', '2025-01-25', 'raggiunta', 'erp'),
      // P5: reached, situation allontanamento (class ignota) → not sustained, unknown.
      contact('CP5', '2025-01-15', 'raggiunta', 'allontanamento'),
      // P6: a rifiuto on the target day does not count; reached at target + 20 in famiglia: sustained.
      contact('CP6', '2025-01-15', 'rifiuto', 'senza_dimora'),
      contact('CP6', '2025-02-04', 'raggiunta', 'famiglia'),
      // P7: never reached.
    ],
  };

  it('takes the situation of the completing contact nearest the target; missing counts as not sustained', async () => {
    const r = await catalogue(given, { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: IDS });
    // Completed: P1..P6 = 6; sustained P3, P6 = 2 → 2/6. Lower bound: 2 / 7 (P7 not reached).
    // Unknown situations: P1, P2, P5 = 3; not reached: P7 = 1; missing 4.
    const detail = { missing: 4, not_reached: 1, situation_unknown: 3 };
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ numerator: 2, denominator: 6, detail });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ numerator: 2, denominator: 7, detail });
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 6, denominator: 7 });
  });

  it('leaves paths without a positive destination out of both rates', async () => {
    // Q1 exits to altra_accoglienza (neutra), Q2 to senza_dimora, Q3 with no destination (ignota):
    // all reached in affitto_autonomo, none in the cohort → zero denominators → null.
    const g: Given = {
      alloggi: units,
      ospitalita: [
        stay('CQ1', 'Q1', 'A1', '2024-01-10', '2024-07-15', dest('altra_accoglienza')),
        stay('CQ2', 'Q2', 'A1', '2024-01-10', '2024-07-15', dest('senza_dimora')),
        stay('CQ3', 'Q3', 'A1', '2024-01-10', '2024-07-15'),
      ],
      followup: ['CQ1', 'CQ2', 'CQ3'].map((c) => contact(c, '2025-01-15', 'raggiunta', 'affitto_autonomo')),
    };
    const r = await catalogue(g, { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: IDS });
    expect(value(r, 'followup_completion_rate')).toMatchObject({ numerator: 3, denominator: 3 });
    expect(value(r, 'housing_sustained_6m')).toMatchObject({ denominator: 0, value: null });
    expect(value(r, 'housing_sustained_6m_lower')).toMatchObject({ denominator: 0, value: null });
    expect(value(r, 'returns_6m_rate')).toMatchObject({ denominator: 0, value: null });
  });
});

describe('follow_up returns to the network', () => {
  // Period 2025-01-01 → 2025-06-30, as_of 31/12/2025, every unit in Monza except B1 (Desio).
  //   R1 exit 15/07/2024 affitto_autonomo; new stay 30/07/2024 (15 days: a new path) → return.
  //   R2 exit 15/07/2024 erp; next stay 29/07/2024 (14 days: a transfer, same path) exiting
  //      20/08/2024 famiglia → the path exits 20/08/2024, target 20/02/2025; no new path → no return.
  //   R3 exit 15/07/2024 famiglia; new path on the target day 15/01/2025 → return (inclusive).
  //   R4 exit 15/07/2024 housing_sociale; new path 16/01/2025, one day after the target → no return.
  //   R5 path 1 exit 01/07/2024 erp (target 01/01/2025), path 2 enters 01/08/2024 in B1 (a return),
  //      exits 01/09/2024 affitto_autonomo (target 01/03/2025), no new path. Both due: R5 counts
  //      once, with the earliest path → return, in Monza.
  const given: Given = {
    alloggi: units,
    ospitalita: [
      stay('R1a', 'R1', 'A1', '2024-01-10', '2024-07-15', dest('affitto_autonomo')),
      stay('R1b', 'R1', 'A1', '2024-07-30'),
      stay('R2a', 'R2', 'A1', '2024-01-10', '2024-07-15', dest('erp')),
      stay('R2b', 'R2', 'A1', '2024-07-29', '2024-08-20', dest('famiglia')),
      stay('R3a', 'R3', 'A1', '2024-01-10', '2024-07-15', dest('famiglia')),
      stay('R3b', 'R3', 'A1', '2025-01-15'),
      stay('R4a', 'R4', 'A1', '2024-01-10', '2024-07-15', dest('housing_sociale')),
      stay('R4b', 'R4', 'A1', '2025-01-16'),
      stay('R5a', 'R5', 'A1', '2024-01-10', '2024-07-01', dest('erp')),
      stay('R5b', 'R5', 'B1', '2024-08-01', '2024-09-01', dest('affitto_autonomo')),
    ],
  };

  it('counts persons with a new path within 6 months of the exit, one per person', async () => {
    const r = await catalogue(given, { ...H1, asOf: '2025-12-31', ids: ['returns_6m_rate', 'followup_due'] });
    // Persons: R1 yes, R2 no, R3 yes, R4 no, R5 yes → 3/5 (6 follow-ups due: R5 has two).
    expect(value(r, 'returns_6m_rate')).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(value(r, 'followup_due').value).toBe(6);
  });

  it('puts a person in the group of her earliest path', async () => {
    const r = await catalogue(given, { ...H1, asOf: '2025-12-31', ids: ['returns_6m_rate'], by: 'ambito' });
    // Monza: all five persons (R5 with her first path, in A1) → 3/5; Desio: nobody → null.
    expect(value(r, 'returns_6m_rate', { ambito: 'Monza' })).toMatchObject({ numerator: 3, denominator: 5 });
    expect(value(r, 'returns_6m_rate', { ambito: 'Desio' })).toMatchObject({ denominator: 0, value: null });
  });
});

describe('follow_up score change', () => {
  it('pairs the exit score with a follow-up score inside the window only', async () => {
    // S1 exit 15/07/2024 → target 15/01/2025: follow-up 17/03/2025 (61 days after) is outside → no pair.
    // S2: exit 2 → follow-up 16/03/2025 (60 days after) 4 → +2. S3: follow-up but no exit score.
    // Cohort 3, pairs 1: value 2, n 1, missing 2.
    const given: Given = {
      alloggi: units,
      ospitalita: ['S1', 'S2', 'S3'].map((p) => stay(`C${p}`, p, 'A1', '2024-01-10', '2024-07-15')),
      valutazioni: [
        assessment('CS1', 'uscita', '2024-07-15', 3),
        assessment('CS1', 'follow_up', '2025-03-17', 5),
        assessment('CS2', 'uscita', '2024-07-15', 2),
        assessment('CS2', 'follow_up', '2025-03-16', 4),
        assessment('CS3', 'follow_up', '2025-01-15', 4),
      ],
    };
    const r = await catalogue(given, { from: '2025-01-01', to: '2025-01-31', asOf: '2025-12-31', ids: ['score_change_followup'] });
    expect(value(r, 'score_change_followup', { dimension: 'abitare' })).toMatchObject({ value: 2, n: 1, detail: { missing: 2, improved: 1 } });
  });
});

describe('follow_up empty periods', () => {
  it('gives 0 counts and null rates when nothing fell due', async () => {
    // The network's first target is 10/09/2024 (P8): nothing falls due in 2023-H1.
    const r = await catalogue(network, { from: '2023-01-01', to: '2023-06-30', asOf: '2025-08-15', ids: IDS });
    expect(value(r, 'followup_due').value).toBe(0);
    expect(value(r, 'followup_pending').value).toBe(0);
    for (const id of ['followup_completion_rate', 'housing_sustained_6m', 'housing_sustained_6m_lower', 'returns_6m_rate']) {
      expect(value(r, id), id).toMatchObject({ value: null, ci95: null });
    }
    expect(value(r, 'score_change_followup', { dimension: 'abitare' })).toMatchObject({ value: null, n: 0 });
  });

  it('works on a network with units only', async () => {
    const r = await catalogue({ alloggi: units }, { ...H1, asOf: '2025-08-15', ids: IDS, by: 'ambito' });
    expect(value(r, 'followup_due').value).toBe(0);
    expect(value(r, 'followup_due', { ambito: 'Desio' }).value).toBe(0);
    expect(value(r, 'followup_completion_rate', { ambito: 'Monza' }).value).toBeNull();
    expect(value(r, 'score_change_followup', { dimension: 'abitare' }).value).toBeNull();
  });
});
