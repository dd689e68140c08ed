import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mean, median } from '../../src/stats/summary.js';

describe('summary', () => {
  it('median of an odd count is the middle value, whatever the input order', () => {
    // sorted 1, 3, 7, 9, 12 → the third value, 7.
    expect(median([9, 1, 12, 3, 7])).toBe(7);
    expect(median([42])).toBe(42);
  });

  it('median of an even count is the mean of the two middle values', () => {
    // sorted 1, 2, 3, 4 → (2 + 3) / 2 = 2.5 (the contract's rule; R: median(1:4) = 2.5).
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // sorted 10, 20, 31, 100 → (20 + 31) / 2 = 25.5.
    expect(median([100, 20, 10, 31])).toBe(25.5);
    // sorted -5, 0 → -2.5.
    expect(median([0, -5])).toBe(-2.5);
    // ties in the middle: sorted 1, 2, 2, 9 → (2 + 2) / 2 = 2.
    expect(median([2, 9, 1, 2])).toBe(2);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('mean is the sum over the count', () => {
    // (2 + 4 + 9) / 3 = 15 / 3 = 5.
    expect(mean([2, 4, 9])).toBe(5);
    // (1 + 2) / 2 = 1.5.
    expect(mean([1, 2])).toBe(1.5);
    // compensated sum: 0.1 × 10 adds to exactly 1, so the mean is 0.1 (naive summation gives
    // 0.9999999999999999 / 10).
    expect(mean(Array.from({ length: 10 }, () => 0.1))).toBe(0.1);
  });

  it('is null for an empty sample', () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
  });

  it('rejects non-finite values', () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => mean([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('median splits the sample: at most half the values lie strictly on either side', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const m = median(values)!;
        const below = values.filter((v) => v < m).length;
        const above = values.filter((v) => v > m).length;
        expect(below).toBeLessThanOrEqual(values.length / 2);
        expect(above).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });

  it('mean lies between the minimum and the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const m = mean(values)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});
