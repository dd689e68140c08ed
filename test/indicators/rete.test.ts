import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, value, type Given } from './harness.js';
import { csv, mev, query, testDir, type TestDir } from '../helpers.js';

const AS_OF = { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31' };
const NETWORK_IDS = [
  'survey_response_rate', 'network_density', 'network_reciprocity', 'degree_centralization', 'network_components',
  'org_degree', 'org_betweenness', 'trust_score', 'value_score', 'collaboration_level_mean', 'collaboration_factor_score',
];

const org = (codice_ente: string, ondate: string[] | null = null, extra: Record<string, unknown> = {}) => ({
  codice_ente, nome: `Ente ${codice_ente}`, ondate, ...extra,
});
/** A partner-survey row: trust and value items in their order, null = not answered. */
const rating = (
  ondata: string, ente: string, partner: string, livello: number,
  trust: (number | null)[] = [], value: (number | null)[] = [],
) => ({
  ondata, ente, partner, livello,
  fiducia_affidabilita: trust[0] ?? null, fiducia_missione: trust[1] ?? null, fiducia_apertura: trust[2] ?? null,
  valore_potere: value[0] ?? null, valore_coinvolgimento: value[1] ?? null, valore_risorse: value[2] ?? null,
});
const answer = (ondata: string, ente: string, item: string, punteggio: number) => ({ ondata, ente, item, punteggio });

const run = (given: Given, options: Record<string, unknown> = {}) => catalogue(given, { ...AS_OF, ids: NETWORK_IDS, ...options });

describe('indicators/rete', () => {
  describe('trust_score and value_score (PARTNER), four organisations', () => {
    // Wave 2025. Per rating, the mean of the answered items when at least two are answered:
    //   E01→E02 trust (4,4,4) = 4     value (3,4,2) = 3
    //   E01→E03 trust (3,2,–) = 2.5   value (4,–,–) undefined (one item)
    //   E02→E01 trust (4,3,2) = 3     value (4,4,4) = 4
    //   E03→E02 trust (2,–,–) undef.  value (2,3,4) = 3
    //   E04→E02 trust (4,4,–) = 4     value (1,2,–) = 1.5
    //   E04→E01 trust none   undef.   value (3,3,3) = 3   (livello 0: still a rating)
    const given: Given = {
      enti: ['E01', 'E02', 'E03', 'E04'].map((c) => org(c)),
      rete: [
        rating('2025', 'E01', 'E02', 3, [4, 4, 4], [3, 4, 2]),
        rating('2025', 'E01', 'E03', 2, [3, 2, null], [4, null, null]),
        rating('2025', 'E02', 'E01', 3, [4, 3, 2], [4, 4, 4]),
        rating('2025', 'E03', 'E02', 1, [2, null, null], [2, 3, 4]),
        rating('2025', 'E04', 'E02', 2, [4, 4, null], [1, 2, null]),
        rating('2025', 'E04', 'E01', 0, [], [3, 3, 3]),
      ],
    };

    it('network-wide trust: mean over the 4 defined ratings (4 + 2.5 + 3 + 4) / 4 = 3.375; 2 of 4 at 4', async () => {
      const v = value(await run(given), 'trust_score', { wave: '2025' });
      expect(v.value).toBeCloseTo(3.375, 12);
      expect(v.n).toBe(4);
      // 100 × 3.375 / 4 = 84.375
      expect(v.detail).toEqual({ percent_of_max: 84.375, share_at_max: 0.5 });
      expect(v.ci95).toBeNull();
    });

    it('per organisation, the mean of the ratings received, n = raters with the score defined', async () => {
      const r = await run(given);
      const trust = (o: string) => value(r, 'trust_score', { wave: '2025', org: o });
      // E02: 4 (E01), undefined (E03), 4 (E04) → 4 from 2 raters
      expect([trust('E02').value, trust('E02').n]).toEqual([4, 2]);
      // E01: 3 (E02), undefined (E04) → 3 from 1
      expect([trust('E01').value, trust('E01').n]).toEqual([3, 1]);
      expect([trust('E03').value, trust('E03').n]).toEqual([2.5, 1]);
      // E04 received no rating: defined as null with n 0, not missing from the output
      expect([trust('E04').value, trust('E04').n]).toEqual([null, 0]);
    });

    it('network-wide value: (3 + 4 + 3 + 1.5 + 3) / 5 = 2.9; 1 of 5 at 4; per organisation', async () => {
      const r = await run(given);
      const v = value(r, 'value_score', { wave: '2025' });
      expect(v.value).toBeCloseTo(2.9, 12);
      expect(v.n).toBe(5);
      // 100 × 2.9 / 4 = 72.5
      expect((v.detail as { percent_of_max: number }).percent_of_max).toBeCloseTo(72.5, 10);
      expect((v.detail as { share_at_max: number }).share_at_max).toBeCloseTo(0.2, 12);
      const val = (o: string) => value(r, 'value_score', { wave: '2025', org: o });
      // E02: 3, 3, 1.5 → 7.5 / 3 = 2.5; E01: 4, 3 → 3.5; E03: only an undefined rating
      expect([val('E02').value, val('E02').n]).toEqual([2.5, 3]);
      expect([val('E01').value, val('E01').n]).toEqual([3.5, 2]);
      expect([val('E03').value, val('E03').n]).toEqual([null, 0]);
    });

    it('hides per-organisation scores with fewer raters than the suppression threshold', async () => {
      const r = await run(given, { suppress: 3 });
      // E02 trust from 2 raters < 3: suppressed; the network-wide value (4 ratings) is shown
      expect(value(r, 'trust_score', { wave: '2025', org: 'E02' })).toMatchObject({ suppressed: true, value: null, n: null });
      expect(value(r, 'trust_score', { wave: '2025' })).toMatchObject({ suppressed: false, value: 3.375 });
    });
  });

  describe('network structure', () => {
    // Wave 2025, E1..E4 answer, E5 does not. Ratings (livello):
    //   E1→E2 3, E2→E1 2 (mutual); E2→E3 1, E3→E2 0 (not returned); E3→E4 4, E4→E3 1 (mutual);
    //   E1→E5 2 (to a non-respondent); E4→E1 0 (no tie).
    // Undirected edges: E1–E2, E2–E3, E3–E4, E1–E5: the path E5–E1–E2–E3–E4 (n 5, m 4).
    const given: Given = {
      enti: ['E1', 'E2', 'E3', 'E4', 'E5'].map((c) => org(c)),
      rete: [
        rating('2025', 'E1', 'E2', 3), rating('2025', 'E2', 'E1', 2),
        rating('2025', 'E2', 'E3', 1), rating('2025', 'E3', 'E2', 0),
        rating('2025', 'E3', 'E4', 4), rating('2025', 'E4', 'E3', 1),
        rating('2025', 'E1', 'E5', 2), rating('2025', 'E4', 'E1', 0),
      ],
    };

    it('reciprocity: of 5 ties between respondents (E1→E2, E2→E1, E2→E3, E3→E4, E4→E3), 4 are returned', async () => {
      const v = value(await run(given), 'network_reciprocity', { wave: '2025' });
      // E1→E5 is left out: E5 did not answer, so it could not return the tie
      expect([v.numerator, v.denominator, v.value]).toEqual([4, 5, 0.8]);
      expect(v.ci95).toBeNull();
      expect(v.detail).toEqual({ respondents: 4 });
    });

    it('density 2·4 / (5·4) = 0.4; centralisation (1 + 0 + 0 + 0 + 1) / (4·3) = 1/6; one component', async () => {
      const r = await run(given);
      expect(value(r, 'network_density', { wave: '2025' })).toMatchObject({ numerator: 4, denominator: 10, value: 0.4, n: 5 });
      expect(value(r, 'degree_centralization', { wave: '2025' }).value).toBeCloseTo(1 / 6, 12);
      expect(value(r, 'network_components', { wave: '2025' })).toMatchObject({ value: 1, detail: { isolates: 0, largest: 5 } });
    });

    it('per organisation: degree and betweenness on the path E5–E1–E2–E3–E4', async () => {
      const r = await run(given);
      const deg = (o: string) => value(r, 'org_degree', { wave: '2025', org: o });
      expect(['E1', 'E2', 'E3', 'E4', 'E5'].map((o) => deg(o).value)).toEqual([2, 2, 2, 1, 1]);
      // E1 named E2 and E5 and was named by E2 (E4→E1 is livello 0)
      expect(deg('E1').detail).toEqual({ ties_sent: 2, ties_received: 1 });
      // Normalised by (5−1)(5−2)/2 = 6 pairs. E1 lies between E5 and each of E2, E3, E4: 3/6;
      // E2 between {E5, E1} and {E3, E4}: 4/6; E3 between {E5, E1, E2} and E4: 3/6; the ends 0.
      const bet = (o: string) => value(r, 'org_betweenness', { wave: '2025', org: o }).value;
      expect(bet('E1')).toBeCloseTo(0.5, 12);
      expect(bet('E2')).toBeCloseTo(4 / 6, 12);
      expect(bet('E3')).toBeCloseTo(0.5, 12);
      expect([bet('E4'), bet('E5')]).toEqual([0, 0]);
    });

    it('isolates count as nodes: two more organisations nobody names', async () => {
      const r = await run({ ...given, enti: [...given.enti!, org('E6'), org('E7')] });
      // n 7, m 4: 8 / 42; components: the path and two isolates
      expect(value(r, 'network_density', { wave: '2025' })).toMatchObject({ numerator: 4, denominator: 21 });
      expect(value(r, 'network_components', { wave: '2025' })).toMatchObject({ value: 3, detail: { isolates: 2, largest: 5 } });
      // dmax 2; Σ(2 − d) = 0 + 0 + 0 + 1 + 1 + 2 + 2 = 6; / (6·5) = 0.2
      expect(value(r, 'degree_centralization', { wave: '2025' }).value).toBeCloseTo(0.2, 12);
      // E2: 4 pairs of (6·5)/2 = 15
      expect(value(r, 'org_betweenness', { wave: '2025', org: 'E2' }).value).toBeCloseTo(4 / 15, 12);
      expect(value(r, 'org_degree', { wave: '2025', org: 'E6' }).value).toBe(0);
      // response rate: E1..E4 of 7
      expect(value(r, 'survey_response_rate', { wave: '2025' })).toMatchObject({ numerator: 4, denominator: 7 });
    });
  });

  describe('survey_response_rate', () => {
    it('counts the organisations of the wave from enti.ondate (empty = every wave) and their partner-survey answers', async () => {
      // 2024: E1 (all waves), E2 → E1 answered: 1/2. 2025: E1, E3 → E3 answered: 1/2; E3's rating
      // of E2 (not in 2025) is left out of every indicator. E2 answered only the questionnaire in
      // 2024: not a partner-survey respondent.
      const r = await run({
        enti: [org('E1'), org('E2', ['2024']), org('E3', ['2025'])],
        rete: [rating('2024', 'E1', 'E2', 2), rating('2025', 'E3', 'E1', 1), rating('2025', 'E3', 'E2', 3)],
        collaborazione: [answer('2024', 'E2', 'com_1', 4)],
      });
      expect(value(r, 'survey_response_rate', { wave: '2024' })).toMatchObject({
        numerator: 1, denominator: 2, value: 0.5, detail: { questionnaire_respondents: 1, ratings_left_out: 0 },
      });
      const v2025 = value(r, 'survey_response_rate', { wave: '2025' });
      expect(v2025).toMatchObject({ numerator: 1, denominator: 2, detail: { questionnaire_respondents: 0, ratings_left_out: 1 } });
      // Wilson 95 % for 1 of 2: [0.0945, 0.9055]
      expect(v2025.ci95![0]).toBeCloseTo(0.0945, 4);
      expect(v2025.ci95![1]).toBeCloseTo(0.9055, 4);
      // the left-out rating (livello 3) is not in the level mean: only E3→E1 = 1
      expect(value(r, 'collaboration_level_mean', { wave: '2025' })).toMatchObject({ value: 1, n: 1 });
    });
  });

  describe('collaboration_level_mean', () => {
    it('averages livello over all ratings including 0, with shares per level and discordant pairs', async () => {
      // Ratings: E1→E2 5, E2→E1 3 (differ by 2: listed), E1→E3 0, E3→E1 2 (differ by 2: listed),
      // E2→E3 1, E3→E2 2 (differ by 1), E4→E1 4 (not returned: not a pair).
      // Mean (5 + 3 + 0 + 2 + 1 + 2 + 4) / 7 = 17/7; levels 0: 1/7, 1: 1/7, 2: 2/7, 3: 1/7, 4: 1/7, 5: 1/7.
      const r = await run({
        enti: ['E1', 'E2', 'E3', 'E4'].map((c) => org(c)),
        rete: [
          rating('2025', 'E1', 'E2', 5), rating('2025', 'E2', 'E1', 3), rating('2025', 'E1', 'E3', 0),
          rating('2025', 'E3', 'E1', 2), rating('2025', 'E2', 'E3', 1), rating('2025', 'E3', 'E2', 2),
          rating('2025', 'E4', 'E1', 4),
        ],
      });
      const v = value(r, 'collaboration_level_mean', { wave: '2025' });
      expect(v.value).toBeCloseTo(17 / 7, 12);
      expect(v.n).toBe(7);
      const detail = v.detail as { levels: Record<string, number>; discordant_pairs: unknown[] };
      expect(Object.keys(detail.levels)).toEqual(['0', '1', '2', '3', '4', '5']);
      expect(detail.levels['2']).toBeCloseTo(2 / 7, 12);
      expect(detail.levels['5']).toBeCloseTo(1 / 7, 12);
      expect(detail.discordant_pairs).toEqual([
        { org_a: 'E1', org_b: 'E2', level_by_a: 5, level_by_b: 3 },
        { org_a: 'E1', org_b: 'E3', level_by_a: 0, level_by_b: 2 },
      ]);
    });
  });

  describe('collaboration_factor_score bands', () => {
    const orgs = (n: number) => Array.from({ length: n }, (_, i) => org(`E${String(i + 1).padStart(3, '0')}`));
    const score = async (answers: ReturnType<typeof answer>[], n: number) => {
      const r = await run({ enti: orgs(n), collaborazione: answers });
      return value(r, 'collaboration_factor_score', { wave: '2025', factor: 'comunicazione' });
    };

    it('exactly 4.0 is a strength, even when binary rounding of the mean of means falls just below', async () => {
      // Item sums 12, 13, 11 over com_1..com_3: respondent means 4, 13/3, 11/3; mean of means (4 + 13/3
      // + 11/3) / 3 = 12/3 = 4 exactly, which doubles can give as 3.9999999999999996 (as DuckDB does when summing in this order).
      const items = ['com_1', 'com_2', 'com_3'];
      const sums = [[4, 4, 4], [5, 4, 4], [4, 4, 3]];
      const answers = sums.flatMap((scores, i) => scores.map((s, j) => answer('2025', `E00${i + 1}`, items[j]!, s)));
      const v = await score(answers, 3);
      expect(v.value).toBeCloseTo(4, 12);
      expect(v.n).toBe(3);
      expect(v.detail).toMatchObject({ band: 'strength' });
    });

    it('exactly 3.0 is borderline; a respondent mean only over the items it answered', async () => {
      // E001 answered com_1 2 and com_3 4 (mean 3); E002 com_2 3 (mean 3): (3 + 3) / 2 = 3.0
      const v = await score([answer('2025', 'E001', 'com_1', 2), answer('2025', 'E001', 'com_3', 4), answer('2025', 'E002', 'com_2', 3)], 3);
      expect(v.value).toBe(3);
      expect(v.detail).toEqual({ band: 'borderline', missing: 1 });
    });

    it('3.99 is borderline, not rounded up to a strength', async () => {
      // 99 respondents at 4 and one at 3: (99·4 + 3) / 100 = 3.99
      const answers = Array.from({ length: 100 }, (_, i) => answer('2025', `E${String(i + 1).padStart(3, '0')}`, 'com_1', i === 0 ? 3 : 4));
      const v = await score(answers, 100);
      expect(v.value).toBeCloseTo(3.99, 12);
      expect(v.detail).toMatchObject({ band: 'borderline' });
    });

    it('below 3.0 is a concern', async () => {
      // (3 + 2 + 3) / 3 = 8/3 = 2.667 for one respondent
      const v = await score([answer('2025', 'E001', 'com_1', 3), answer('2025', 'E001', 'com_2', 2), answer('2025', 'E001', 'com_3', 3)], 1);
      expect(v.value).toBeCloseTo(8 / 3, 12);
      expect(v.detail).toEqual({ band: 'concern', missing: 0 });
    });

    it('ignores items that belong to no factor and lists every configured factor', async () => {
      const r = await run({ enti: orgs(1), collaborazione: [answer('2025', 'E001', 'com_1', 5), answer('2025', 'E001', 'xyz_9', 1)] });
      const factors = r.values.filter((v) => v.id === 'collaboration_factor_score').map((v) => v.group['factor']);
      expect(factors).toEqual(['ambiente', 'comunicazione', 'membri', 'processo', 'risorse', 'scopo']);
      expect(value(r, 'collaboration_factor_score', { wave: '2025', factor: 'comunicazione' }).value).toBe(5);
      expect(value(r, 'collaboration_factor_score', { wave: '2025', factor: 'scopo' })).toMatchObject({ value: null, n: 0, detail: { band: null } });
    });
  });

  describe('edge cases give defined values, never an error', () => {
    it('a wave with no answers: response rate 0, structure of isolates, scores null', async () => {
      // E1, E2, E3 belong to 2024 and 2025; only 2024 has answers.
      const enti = ['E1', 'E2', 'E3'].map((c) => org(c, ['2024', '2025']));
      const r = await run({ enti, rete: [rating('2024', 'E1', 'E2', 2, [3, 3, 3])] });
      const g = { wave: '2025' };
      expect(value(r, 'survey_response_rate', g)).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
      // 0 edges of 3 pairs
      expect(value(r, 'network_density', g)).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
      expect(value(r, 'network_reciprocity', g)).toMatchObject({ numerator: 0, denominator: 0, value: null });
      // every degree 0: Σ(0 − 0) / (2·1) = 0
      expect(value(r, 'degree_centralization', g).value).toBe(0);
      expect(value(r, 'network_components', g)).toMatchObject({ value: 3, detail: { isolates: 3, largest: 1 } });
      expect(value(r, 'org_degree', { wave: '2025', org: 'E1' }).value).toBe(0);
      expect(value(r, 'org_betweenness', { wave: '2025', org: 'E1' }).value).toBe(0);
      expect(value(r, 'trust_score', g)).toMatchObject({ value: null, n: 0, detail: { percent_of_max: null, share_at_max: null } });
      expect(value(r, 'trust_score', { wave: '2025', org: 'E2' })).toMatchObject({ value: null, n: 0 });
      expect(value(r, 'value_score', g)).toMatchObject({ value: null, n: 0 });
      expect(value(r, 'collaboration_level_mean', g)).toMatchObject({ value: null, n: 0, detail: { discordant_pairs: [] } });
      expect(value(r, 'collaboration_factor_score', { wave: '2025', factor: 'membri' })).toMatchObject({ value: null, n: 0, detail: { band: null, missing: 3 } });
    });

    it('a single organisation: pair-based measures null, one component', async () => {
      // E1 alone answers the questionnaire (it cannot rate a partner)
      const r = await run({ enti: [org('E1', ['2025'])], collaborazione: [answer('2025', 'E1', 'com_1', 4)] });
      const g = { wave: '2025' };
      expect(value(r, 'survey_response_rate', g)).toMatchObject({ numerator: 0, denominator: 1, value: 0, detail: { questionnaire_respondents: 1 } });
      expect(value(r, 'network_density', g)).toMatchObject({ numerator: 0, denominator: 0, value: null });
      expect(value(r, 'network_reciprocity', g).value).toBeNull();
      expect(value(r, 'degree_centralization', g)).toMatchObject({ value: null, n: 1 });
      expect(value(r, 'network_components', g)).toMatchObject({ value: 1, detail: { isolates: 1, largest: 1 } });
      expect(value(r, 'org_degree', { wave: '2025', org: 'E1' }).value).toBe(0);
      expect(value(r, 'org_betweenness', { wave: '2025', org: 'E1' }).value).toBeNull();
      expect(value(r, 'trust_score', g).value).toBeNull();
      expect(value(r, 'collaboration_factor_score', { wave: '2025', factor: 'comunicazione' })).toMatchObject({ value: 4, n: 1, detail: { band: 'strength' } });
    });

    it('a wave named only by a questionnaire answer of an organisation outside it has no organisations', async () => {
      // E1 belongs to 2024 only but answered in 2023: wave 2023 exists with no organisations
      const r = await run({ enti: [org('E1', ['2024'])], collaborazione: [answer('2023', 'E1', 'com_1', 4)] });
      const g = { wave: '2023' };
      expect(value(r, 'survey_response_rate', g)).toMatchObject({ numerator: 0, denominator: 0, value: null, ci95: null });
      expect(value(r, 'network_density', g).value).toBeNull();
      expect(value(r, 'network_components', g)).toMatchObject({ value: 0, detail: { isolates: 0, largest: 0 } });
      expect(value(r, 'degree_centralization', g)).toMatchObject({ value: null, detail: { max_degree: null } });
      expect(value(r, 'collaboration_factor_score', { wave: '2023', factor: 'comunicazione' })).toMatchObject({ value: null, n: 0 });
    });

    it('no survey data and no waves: no network values at all', async () => {
      const r = await run({ enti: [org('E1')] });
      expect(r.values).toEqual([]);
    });
  });

  describe('change between consecutive waves', () => {
    // 2024: E1→E2 livello 1, trust (2,2,2). 2025: E1→E2 2, trust (3,3,3); E2→E3 1, trust (4,4,4).
    const given: Given = {
      enti: ['E1', 'E2', 'E3'].map((c) => org(c)),
      rete: [
        rating('2024', 'E1', 'E2', 1, [2, 2, 2]),
        rating('2025', 'E1', 'E2', 2, [3, 3, 3]),
        rating('2025', 'E2', 'E3', 1, [4, 4, 4]),
      ],
    };

    it('pairs each wave with the previous one for the same group', async () => {
      const r = await run(given);
      // density 2024: 1 edge of 3 pairs; 2025: 2 of 3 → change +1/3
      expect(value(r, 'network_density', { wave: '2024' }).previous).toBeNull();
      const d = value(r, 'network_density', { wave: '2025' });
      expect(d.value).toBeCloseTo(2 / 3, 12);
      expect(d.previous!.value).toBeCloseTo(1 / 3, 12);
      expect(d.previous!.change).toBeCloseTo(1 / 3, 12);
      // trust received by E2: 2 in 2024, 3 in 2025 → +1; E3: none in 2024 → previous null value
      expect(value(r, 'trust_score', { wave: '2025', org: 'E2' }).previous).toEqual({ value: 2, change: 1 });
      expect(value(r, 'trust_score', { wave: '2025', org: 'E3' }).previous).toEqual({ value: null, change: null });
      // network-wide trust: 2 → (3 + 4) / 2 = 3.5
      expect(value(r, 'trust_score', { wave: '2025' }).previous).toEqual({ value: 2, change: 1.5 });
      // response rate 1/3 → 2/3; components 2 → 1
      expect(value(r, 'survey_response_rate', { wave: '2025' }).previous!.change).toBeCloseTo(1 / 3, 12);
      expect(value(r, 'network_components', { wave: '2025' }).previous).toEqual({ value: 2, change: -1 });
    });

    it('--wave keeps one wave and its comparison with the previous one', async () => {
      const r = await run(given, { wave: '2025' });
      expect(new Set(r.values.map((v) => v.group['wave']))).toEqual(new Set(['2025']));
      expect(value(r, 'collaboration_level_mean', { wave: '2025' }).previous).toEqual({ value: 1, change: 0.5 });
    });
  });

  describe('karate club through the indicator path (networkx reference values)', () => {
    // Zachary's karate club (networkx karate_club_graph, 78 edges): organisation Ki rates Kj with
    // livello 1 for each edge (i, j), i < j.
    const EDGES: Array<[number, number]> = [
      [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12], [0, 13],
      [0, 17], [0, 19], [0, 21], [0, 31], [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19], [1, 21],
      [1, 30], [2, 3], [2, 7], [2, 8], [2, 9], [2, 13], [2, 27], [2, 28], [2, 32], [3, 7], [3, 12],
      [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30], [8, 32], [8, 33], [9, 33],
      [13, 33], [14, 32], [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32], [20, 33],
      [22, 32], [22, 33], [23, 25], [23, 27], [23, 29], [23, 32], [23, 33], [24, 25], [24, 27], [24, 31],
      [25, 31], [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32], [29, 33], [30, 32], [30, 33],
      [31, 32], [31, 33], [32, 33],
    ];

    it('density 0.139037, centralisation 0.399621, betweenness K0 0.437635 and K33 0.304075, one component', async () => {
      const r = await run({
        enti: Array.from({ length: 34 }, (_, i) => org(`K${i}`)),
        rete: EDGES.map(([a, b]) => rating('2025', `K${a}`, `K${b}`, 1)),
      });
      const g = { wave: '2025' };
      expect(value(r, 'network_density', g).value).toBeCloseTo(0.139037, 6);
      expect(value(r, 'degree_centralization', g).value).toBeCloseTo(0.399621, 6);
      expect(value(r, 'org_betweenness', { wave: '2025', org: 'K0' }).value).toBeCloseTo(0.437635, 6);
      expect(value(r, 'org_betweenness', { wave: '2025', org: 'K33' }).value).toBeCloseTo(0.304075, 6);
      expect(value(r, 'network_components', g).value).toBe(1);
      expect(value(r, 'org_degree', { wave: '2025', org: 'K33' }).value).toBe(17);
    });
  });

  describe('survey rows rejected at ingest never reach the indicators', () => {
    let t: TestDir;
    afterEach(() => t?.cleanup());

    it('rejects self-ratings, unknown organisations, missing waves and items outside their scale', async () => {
      t = testDir({
        'enti.csv': csv([
          ['codice_ente', 'nome', 'ondate'],
          ['E1', 'Comune di Monza', ''],
          ['E2', 'CAV Brianza', '2025'],
          ['E3', 'Caritas', '2024|2025'],
        ]),
        'rete.csv': csv([
          ['ondata', 'ente', 'partner', 'livello', 'fiducia_affidabilita', 'fiducia_missione', 'valore_potere'],
          ['2025', 'E1', 'E2', 3, 4, 4, 2], // line 2: good (trust 4, level 3)
          ['2025', 'E2', 'E2', 5, 1, 1, 1], // line 3: rates itself
          ['2025', 'E2', 'E9', 5, 1, 1, 1], // line 4: unknown organisation
          ['', 'E2', 'E1', 5, 1, 1, 1], // line 5: no wave
          ['2025', 'E2', 'E1', 5, 5, 1, 1], // line 6: trust item 5 outside 1–4
          ['2025', 'E2', 'E3', 6, 1, 1, 1], // line 7: livello 6 outside 0–5
        ]),
      });
      const ingest = await mev(['ingest', t.path('enti.csv'), t.path('rete.csv'), '--db', t.db]);
      expect(ingest.code).toBe(0);
      const rejected = await query<{ line: number; column_name: string; reason_code: string }>(
        t.db,
        `SELECT line, column_name, reason_code FROM rejected_rows WHERE entity = 'rete' ORDER BY line, column_name`,
      );
      expect(rejected).toEqual([
        { line: 3, column_name: 'partner', reason_code: 'self_rating' },
        { line: 4, column_name: 'partner', reason_code: 'unknown_reference' },
        { line: 5, column_name: 'ondata', reason_code: 'missing_required' },
        { line: 6, column_name: 'fiducia_affidabilita', reason_code: 'score_out_of_scale' },
        { line: 7, column_name: 'livello', reason_code: 'score_out_of_scale' },
      ]);
      const out = await mev([
        'indicators', '--db', t.db, '--as-of', '2025-12-31', '--wave', '2025', '--format', 'json',
        '--ids', 'survey_response_rate,trust_score,collaboration_level_mean',
      ]);
      expect(out.code).toBe(0);
      const values = (JSON.parse(out.stdout) as { values: { id: string; group: Record<string, string>; value: number | null; n: number | null }[] }).values;
      const pick = (id: string, group: Record<string, string>) => values.find((v) => v.id === id && JSON.stringify(v.group) === JSON.stringify(group));
      // only the good row counts: E1 answered, of E1, E2, E3 → 1/3; one rating, trust (4 + 4) / 2 = 4, level 3
      expect(pick('survey_response_rate', { wave: '2025' })).toMatchObject({ numerator: 1, denominator: 3 });
      expect(pick('trust_score', { wave: '2025' })).toMatchObject({ value: 4, n: 1 });
      expect(pick('collaboration_level_mean', { wave: '2025' })).toMatchObject({ value: 3, n: 1 });
    });
  });
});
