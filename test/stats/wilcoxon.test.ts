import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pnorm, pnormUpper } from '../../src/stats/normal.js';
import { psignrank, signedRankDistribution, wilcoxonPaired, wilcoxonSignedRank } from '../../src/stats/wilcoxon.js';

describe('wilcoxon', () => {
  describe('published R outputs', () => {
    it("reproduces R's wilcox.test help-page example (Hollander & Wolfe): V = 40, p = 0.03906", () => {
      const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
      const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
      // d = 0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01: no zeros, no ties, n = 9.
      // Ranks of |d|: 0.01→1, 0.08→2, 0.147→3, 0.43→4, 0.49→5, 0.59→6, 0.62→7, 0.952→8, 1.022→9.
      // V = 45 − (3 + 2) = 40 > 22.5, so p = 2·P(V ≥ 40) = 2·P(V ≤ 5) (symmetry);
      // subsets of {1..9} summing to ≤ 5: {}, 1, 2, 3, 4, 5, 12, 13, 14, 23 → 10; p = 20/512.
      // z = |qnorm(0.0390625 / 2)| = 2.0635279 (mpmath); r = 2.0635279 / √9 = 0.6878426.
      const result = wilcoxonPaired(x, y);
      expect(result.statistic).toBe(40);
      expect(result.n).toBe(9);
      expect(result.zeros).toBe(0);
      expect(result.ties).toBe(false);
      expect(result.method).toBe('exact');
      expect(result.pValue).toBe(20 / 512);
      expect(result.pValue).toBeCloseTo(0.03906, 5);
      expect(result.z).toBeCloseTo(2.0635278983162443588, 12);
      expect(result.effectR).toBeCloseTo(2.0635278983162443588 / 3, 12);
      // The same data with R's exact comparisons (no tolerance): nothing changes here.
      expect(wilcoxonPaired(x, y, { relativeTolerance: 0 })).toEqual(result);
    });

    it("reproduces R's paired test on the sleep data: V = 0, p = 0.009091 (ties and a zero → normal)", () => {
      // R: wilcox.test(extra ~ group, data = sleep, paired = TRUE) (R < 4.4; later x = group 1,
      // y = group 2) prints "V = 0, p-value = 0.009091" with the ties and zeroes warnings.
      const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
      const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
      // d = -1.2, -2.4, -1.3, -1.3, 0, -1.0, -1.8, -0.8, -4.6, -1.4: one zero dropped, n = 9.
      // |d| ranks: 0.8→1, 1.0→2, 1.2→3, 1.3,1.3→4.5, 1.4→6, 1.8→7, 2.4→8, 4.6→9; all negative: V = 0.
      // σ² = 9·10·19/24 − (2³ − 2)/48 = 71.25 − 0.125 = 71.125, σ = 8.433564;
      // z = (0 − 22.5 + 0.5)/8.433564 = −2.608624; p = 2·Φ(−2.608624) = 0.009091.
      const result = wilcoxonPaired(group1, group2);
      expect(result.statistic).toBe(0);
      expect(result.n).toBe(9);
      expect(result.zeros).toBe(1);
      expect(result.ties).toBe(true);
      expect(result.method).toBe('normal');
      expect(result.z).toBeCloseTo(-2.60862433360651, 12);
      expect(result.pValue).toBeCloseTo(0.009091, 6);
      // scipy 1.17 wilcoxon(zero_method='wilcox', correction=True, method='approx'): 0.009090698015925044.
      expect(result.pValue).toBeCloseTo(0.009090698015925044, 14);
      expect(result.effectR).toBeCloseTo(2.60862433360651 / 3, 12);
    });
  });

  describe('normal approximation, computed by hand', () => {
    it('ties and a zero: d = 1, 2, 2, −3, 4, 0', () => {
      // Drop the zero: n = 5. |d| = 1, 2, 2, 3, 4 → ranks 1, 2.5, 2.5, 4, 5.
      // V = 1 + 2.5 + 2.5 + 5 = 11; centre n(n+1)/4 = 7.5.
      // σ² = 5·6·11/24 − (2³ − 2)/48 = 13.75 − 0.125 = 13.625, σ = 3.691206.
      // z = (11 − 7.5 − 0.5)/3.691206 = 0.812743; p = 2·(1 − Φ(0.812743)) = 0.416366.
      const result = wilcoxonSignedRank([1, 2, 2, -3, 4, 0]);
      expect(result).toMatchObject({ statistic: 11, n: 5, zeros: 1, ties: true, method: 'normal' });
      expect(result.z).toBeCloseTo(3 / Math.sqrt(13.625), 14);
      expect(result.z).toBeCloseTo(0.812743, 6);
      expect(result.pValue).toBeCloseTo(0.41636567790816525, 14); // scipy agrees
      expect(result.effectR).toBeCloseTo(0.812743 / Math.sqrt(5), 6);
    });

    it('a zero without ties still leaves the exact test (R: !ZEROES)', () => {
      // d = 0, 1, 2, 3 → n = 3, ranks 1, 2, 3, V = 6, centre 3, σ² = 3·4·7/24 = 3.5.
      // z = (6 − 3 − 0.5)/√3.5 = 2.5/1.870829 = 1.336306; p = 2·(1 − Φ(1.336306)) = 0.181449.
      const result = wilcoxonSignedRank([0, 1, 2, 3]);
      expect(result).toMatchObject({ statistic: 6, n: 3, zeros: 1, ties: false, method: 'normal' });
      expect(result.z).toBeCloseTo(1.3363062095621219, 14);
      expect(result.pValue).toBeCloseTo(0.18144920772142048, 14);
    });

    it('50 non-zero differences use the normal approximation even without ties', () => {
      // d = 1 … 50: V = 1275, centre 637.5, σ² = 50·51·101/24 = 10731.25, σ = 103.591747;
      // z = (637.5 − 0.5)/103.591747 = 6.149139; p = 2·(1 − Φ(6.149139)) = 7.790492e-10.
      const result = wilcoxonSignedRank(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(result).toMatchObject({ statistic: 1275, n: 50, method: 'normal' });
      expect(result.z).toBeCloseTo(6.149138515643155, 12);
      expect(result.pValue! / 7.790492207218421e-10).toBeCloseTo(1, 12);
    });

    it('mixed signs at n = 50', () => {
      // Negative at ranks 2, 4, 6, 11, 50 → V = 1275 − 73 = 1202; z = (564.5 − 0.5)/103.591747
      // = 5.444449; p = 5.196594e-8 (scipy: 5.1965939338347854e-08).
      const d = Array.from({ length: 50 }, (_, i) => ([2, 4, 6, 11, 50].includes(i + 1) ? -(i + 1) : i + 1));
      const result = wilcoxonSignedRank(d);
      expect(result.statistic).toBe(1202);
      expect(result.z).toBeCloseTo(5.444449172406184, 12);
      expect(result.pValue! / 5.1965939338347854e-8).toBeCloseTo(1, 10);
    });
  });

  describe('exact test', () => {
    it('49 positive differences: p = 2 / 2^49', () => {
      // Only the full set reaches V = 1225: P(V ≥ 1225) = 2^-49.
      const result = wilcoxonSignedRank(Array.from({ length: 49 }, (_, i) => i + 1));
      expect(result).toMatchObject({ statistic: 1225, n: 49, method: 'exact' });
      expect(result.pValue).toBe(2 ** -48);
    });

    it('caps the two-sided p-value at 1, where z and r are 0', () => {
      // d = 1, 2, −3: V = 3 = centre 3·4/4; P(V ≤ 3) = (1+1+1+2)/8 = 5/8; 2·5/8 = 1.25 → 1.
      const result = wilcoxonSignedRank([1, 2, -3]);
      expect(result).toMatchObject({ statistic: 3, pValue: 1, method: 'exact', z: 0, effectR: 0 });
    });

    it('one non-zero difference: p = 1', () => {
      // n = 1: V ∈ {0, 1} with probability ½ each; 2·½ = 1 either way.
      expect(wilcoxonSignedRank([5])).toMatchObject({ statistic: 1, n: 1, pValue: 1, method: 'exact' });
      expect(wilcoxonSignedRank([-5])).toMatchObject({ statistic: 0, n: 1, pValue: 1, method: 'exact' });
    });

    it('a negative shift gives a negative z of the same size', () => {
      const up = wilcoxonSignedRank([0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01]);
      const down = wilcoxonSignedRank([-0.952, 0.147, -1.022, -0.43, -0.62, -0.59, -0.49, 0.08, -0.01]);
      expect(down.statistic).toBe(45 - up.statistic);
      expect(down.pValue).toBe(up.pValue);
      expect(down.z).toBe(-up.z!);
    });

    it('honours exact: false (normal without ties) and exact: true (n ≥ 50)', () => {
      // The help-page differences without the exact test: V = 40, centre 22.5, σ² = 9·10·19/24
      // = 71.25; z = (17.5 − 0.5)/8.440972 = 2.013986; p = 2·(1 − Φ(2.013986)) = 0.044011.
      const normal = wilcoxonSignedRank([0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01], { exact: false });
      expect(normal.method).toBe('normal');
      expect(normal.z).toBeCloseTo(17 / Math.sqrt(71.25), 14);
      expect(normal.pValue).toBeCloseTo(2 * pnormUpper(17 / Math.sqrt(71.25)), 15);
      expect(normal.pValue).toBeCloseTo(0.044, 3);
      const forced = wilcoxonSignedRank(Array.from({ length: 60 }, (_, i) => i + 1), { exact: true });
      expect(forced.method).toBe('exact');
      expect(forced.pValue).toBeCloseTo(2 ** -59, 25);
    });

    it('ties force the normal approximation even when exact is asked for (as R does)', () => {
      expect(wilcoxonSignedRank([1, 1, 2], { exact: true }).method).toBe('normal');
    });
  });

  describe('no non-zero differences', () => {
    it('all zero: V = 0, n = 0, p null (R: NA)', () => {
      expect(wilcoxonSignedRank([0, 0, 0])).toEqual({
        statistic: 0,
        n: 0,
        zeros: 3,
        ties: false,
        pValue: null,
        method: 'normal',
        z: null,
        effectR: null,
      });
      expect(wilcoxonPaired([3, 4], [3, 4])).toMatchObject({ n: 0, zeros: 2, pValue: null });
    });

    it('no pairs at all', () => {
      expect(wilcoxonPaired([], [])).toMatchObject({ statistic: 0, n: 0, zeros: 0, pValue: null, effectR: null });
    });
  });

  describe('floating-point noise in differences', () => {
    const x = [0.3, 0.5, 1.0];
    const y = [0.1, 0.3, 0.1];
    // 0.3 − 0.1 = 0.19999999999999998 and 0.5 − 0.3 = 0.2 in binary; both are 0.2 in the data.

    it('by default treats differences equal up to noise as tied', () => {
      // Ranks 1.5, 1.5, 3; V = 6; σ² = 3·4·7/24 − (2³ − 2)/48 = 3.375, σ = 1.837117;
      // z = (6 − 3 − 0.5)/1.837117 = 1.360828; p = 2·(1 − Φ(1.360828)) = 0.173568.
      const result = wilcoxonPaired(x, y);
      expect(result).toMatchObject({ statistic: 6, ties: true, method: 'normal' });
      expect(result.pValue).toBeCloseTo(0.17356816655592167, 14);
    });

    it("relativeTolerance: 0 compares exactly, as R does (no tie: exact p = 2/8)", () => {
      const result = wilcoxonPaired(x, y, { relativeTolerance: 0 });
      expect(result).toMatchObject({ statistic: 6, ties: false, method: 'exact', pValue: 0.25 });
    });

    it('treats a difference that is only noise as zero', () => {
      // (0.1 + 0.2) − 0.3 = 5.6e-17: zero in the data, so d = [0, 1, 2, 3] as above.
      const result = wilcoxonPaired([0.1 + 0.2, 2, 3, 4], [0.3, 1, 1, 1]);
      expect(result).toMatchObject({ statistic: 6, n: 3, zeros: 1, method: 'normal' });
      expect(wilcoxonPaired([0.1 + 0.2, 2, 3, 4], [0.3, 1, 1, 1], { relativeTolerance: 0 })).toMatchObject({ n: 4, zeros: 0 });
    });

    it('keeps real differences far below the data scale apart', () => {
      // Scale 1000 → tolerance 1e-7: differences 0.01 and 0.02 are distinct, 1e-12 is zero.
      const result = wilcoxonPaired([1000.01, 1000.02, 1000.000000000001, 5], [1000, 1000, 1000, 2]);
      expect(result).toMatchObject({ n: 3, zeros: 1, ties: false });
    });
  });

  describe('signed-rank distribution', () => {
    it('n = 3: V = 0 … 6 with counts 1, 1, 1, 2, 1, 1, 1 over 8', () => {
      // Subsets of {1, 2, 3} by sum: {} 0; {1} 1; {2} 2; {3},{1,2} 3; {1,3} 4; {2,3} 5; {1,2,3} 6.
      expect(Array.from(signedRankDistribution(3))).toEqual([1, 1, 1, 2, 1, 1, 1].map((c) => c / 8));
      expect(Array.from(signedRankDistribution(0))).toEqual([1]);
    });

    it('psignrank matches R: psignrank(5, 9) = 10/512; psignrank(39, 9, lower.tail = FALSE) = 0.01953', () => {
      // The one-sided p of the help-page example (alternative = "greater"): R prints 0.01953.
      expect(psignrank(5, 9)).toBe(10 / 512);
      expect(psignrank(39, 9, false)).toBe(10 / 512);
      expect(psignrank(-1, 9)).toBe(0);
      expect(psignrank(45, 9)).toBe(1);
    });

    it('sums to 1 and is symmetric about n(n+1)/4', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 60 }), (n) => {
          const distribution = signedRankDistribution(n);
          const total = distribution.reduce((sum, p) => sum + p, 0);
          expect(total).toBeCloseTo(1, 12);
          for (let k = 0; k < distribution.length; k++) {
            expect(distribution[k]).toBe(distribution[distribution.length - 1 - k]);
          }
        }),
        { numRuns: 20 },
      );
    });
  });

  describe('properties', () => {
    // Distinct non-zero magnitudes with random signs: the exact branch for n < 50.
    const untiedDifferences = (n: number) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: n, maxLength: n })
        .chain((magnitudes) => fc.tuple(fc.constant(magnitudes), fc.array(fc.boolean(), { minLength: n, maxLength: n })))
        .map(([magnitudes, negative]) => magnitudes.map((m, i) => (negative[i] ? -m : m)));

    // Over every V at n = 40 the largest gap between the two p-values is 0.00414 (at V = 354).
    it('exact and normal p-values agree roughly at n = 40 without ties', () => {
      fc.assert(
        fc.property(untiedDifferences(40), (d) => {
          const exact = wilcoxonSignedRank(d);
          const normal = wilcoxonSignedRank(d, { exact: false });
          expect(exact.method).toBe('exact');
          expect(normal.method).toBe('normal');
          expect(exact.statistic).toBe(normal.statistic);
          expect(Math.abs(exact.pValue! - normal.pValue!)).toBeLessThan(0.005);
        }),
        { numRuns: 200 },
      );
    });

    it('V + (the same for −d) = n(n+1)/2, with the same p-value', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 30 }), (d) => {
          const result = wilcoxonSignedRank(d);
          const mirrored = wilcoxonSignedRank(d.map((v) => -v));
          const n = result.n;
          expect(result.statistic + mirrored.statistic).toBe((n * (n + 1)) / 2);
          expect(mirrored.pValue).toBe(result.pValue);
          expect(mirrored.method).toBe(result.method);
        }),
      );
    });

    it('p lies in (0, 1], r = |z|/√n, and the normal branch matches its formula', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 80 }), (d) => {
          const result = wilcoxonSignedRank(d);
          if (result.n === 0) {
            expect(result.pValue).toBeNull();
            return;
          }
          expect(result.pValue).toBeGreaterThan(0);
          expect(result.pValue).toBeLessThanOrEqual(1);
          expect(result.effectR).toBeCloseTo(Math.abs(result.z!) / Math.sqrt(result.n), 14);
          if (result.method === 'normal') {
            expect(result.pValue).toBeCloseTo(2 * Math.min(pnorm(result.z!), pnormUpper(result.z!)), 15);
          }
        }),
      );
    });

    it('the paired test equals the signed-rank test on integer differences', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { maxLength: 60 }),
          (pairs) => {
            const x = pairs.map(([a]) => a);
            const y = pairs.map(([, b]) => b);
            expect(wilcoxonPaired(x, y)).toEqual(wilcoxonSignedRank(x.map((v, i) => v - y[i]!)));
          },
        ),
      );
    });
  });

  it('rejects unpaired or non-finite input', () => {
    expect(() => wilcoxonPaired([1, 2], [1])).toThrow(RangeError);
    expect(() => wilcoxonPaired([1, Number.NaN], [1, 2])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([1], { tolerance: -1 })).toThrow(RangeError);
  });
});
