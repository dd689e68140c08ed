import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval, Z_95 } from '../../src/stats/wilson.js';

describe('wilson', () => {
  it('reproduces the contract value: 81 of 263 → [0.2553, 0.3662]', () => {
    // p̂ = 81/263 = 0.307985; z² = 3.841459;
    // centre = (2·81 + z²) / (2·(263 + z²)) = 165.841459 / 533.682918 = 0.310749;
    // half = z·√(z² + 4·81·182/263) / 533.682918 = 1.959964·√228.054387 / 533.682918 = 0.055461;
    // centre ∓ half = 0.255289, 0.366210.
    const interval = wilsonInterval(81, 263);
    expect(interval).not.toBeNull();
    const [lower, upper] = interval!;
    expect(lower).toBeCloseTo(0.2553, 4);
    expect(upper).toBeCloseTo(0.3662, 4);
    // mpmath at 30 digits with the same formula: 0.25528851948901575, 0.36620957745801942.
    expect(lower).toBeCloseTo(0.25528851948901575, 14);
    expect(upper).toBeCloseTo(0.36620957745801942, 14);
  });

  // Newcombe RG (1998), Two-sided confidence intervals for the single proportion, Stat Med 17:857,
  // Table I, method 3 (score interval without continuity correction), 4 decimals.
  it.each([
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('matches Newcombe (1998): %i of %i → [%d, %d]', (successes, n, lower, upper) => {
    const [lo, hi] = wilsonInterval(successes, n)!;
    expect(lo).toBeCloseTo(lower, 4);
    expect(hi).toBeCloseTo(upper, 4);
  });

  it('is exactly 0 at no successes and exactly 1 at all successes', () => {
    // 0 of 10: upper = (z² + z·√z²) / (2·(10 + z²)) = 7.682918 / 27.682918 = 0.277533.
    expect(wilsonInterval(0, 10)).toEqual([0, expect.closeTo(0.2775328030260577, 14)]);
    // 10 of 10 mirrors it: lower = 1 − 0.277533 = 0.722467.
    expect(wilsonInterval(10, 10)).toEqual([expect.closeTo(0.7224671969739423, 14), 1]);
    // 1 of 1: lower = (2 + z² − z·√z²) / (2·(1 + z²)) = 2 / 9.682918 = 0.206549.
    expect(wilsonInterval(1, 1)).toEqual([expect.closeTo(0.20654931179180274, 14), 1]);
  });

  it('returns null when there is no denominator', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('rejects counts that cannot be counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
  });

  it('uses z = 1.959964 by default and widens with z', () => {
    expect(Z_95).toBe(1.959964);
    const [lo95, hi95] = wilsonInterval(5, 10)!;
    const [lo99, hi99] = wilsonInterval(5, 10, 2.575829)!;
    expect(lo99).toBeLessThan(lo95);
    expect(hi99).toBeGreaterThan(hi95);
    // 5 of 10 is symmetric about 0.5: [0.236593, 0.763407] (mpmath, 30 digits).
    expect(lo95).toBeCloseTo(0.23659308901147937, 14);
    expect(hi95).toBeCloseTo(0.76340691098852063, 14);
  });

  const counts = fc
    .integer({ min: 1, max: 100_000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('contains p̂ and lies within [0, 1]', () => {
    fc.assert(
      fc.property(counts, ([successes, n]) => {
        const [lower, upper] = wilsonInterval(successes, n)!;
        const p = successes / n;
        expect(0).toBeLessThanOrEqual(lower);
        expect(lower).toBeLessThanOrEqual(p);
        expect(p).toBeLessThanOrEqual(upper);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThan(upper);
      }),
    );
  });

  it('is symmetric: the interval of n − s failures mirrors that of s successes', () => {
    fc.assert(
      fc.property(counts, ([successes, n]) => {
        const [lower, upper] = wilsonInterval(successes, n)!;
        const [mirrorLower, mirrorUpper] = wilsonInterval(n - successes, n)!;
        expect(lower).toBeCloseTo(1 - mirrorUpper, 12);
        expect(upper).toBeCloseTo(1 - mirrorLower, 12);
      }),
    );
  });

  it('narrows as the sample grows at a fixed proportion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 2, max: 20 }), (s, extra, k) => {
        const n = s + extra;
        const [lo, hi] = wilsonInterval(s, n)!;
        const [loK, hiK] = wilsonInterval(s * k, n * k)!;
        expect(hiK - loK).toBeLessThan(hi - lo);
      }),
    );
  });
});
