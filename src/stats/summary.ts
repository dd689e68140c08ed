/**
 * Central values of a sample: median and mean, null for an empty sample (an indicator over no
 * units is undefined, not 0). simple-statistics does the arithmetic: its median interpolates
 * halfway between the two middle values of an even count (the contract's rule), and its mean
 * sums with Kahan–Babuška compensation.
 */
import { mean as sampleMean, median as sampleMedian } from 'simple-statistics';

function assertFinite(values: readonly number[], caller: string): void {
  for (const value of values) {
    // A NaN would sort anywhere and silently move the median: missing values are the caller's
    // to drop, the way SQL aggregates skip NULL.
    if (!Number.isFinite(value)) throw new RangeError(`${caller}: values must be finite numbers, got ${value}`);
  }
}

/** The median; for an even count the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  assertFinite(values, 'median');
  return values.length === 0 ? null : sampleMedian(values);
}

/** The arithmetic mean; null when empty. */
export function mean(values: readonly number[]): number | null {
  assertFinite(values, 'mean');
  return values.length === 0 ? null : sampleMean(values);
}
