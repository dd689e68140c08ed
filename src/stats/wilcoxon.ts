/**
 * The Wilcoxon signed-rank test for paired samples, as R's `wilcox.test(x, y, paired = TRUE)`
 * computes it with its defaults (R 4.x, stats/R/wilcox.test.R):
 *
 * - differences d = x − y; zero differences are dropped, and n counts the non-zero ones;
 * - V is the sum of the ranks of |d| (average ranks for ties) over the positive differences;
 * - exact p-value (the signed-rank distribution) when n < 50 and there are neither ties nor
 *   zeros (`if (exact && !TIES && !ZEROES)`): two-sided p = min(1, 2·P(V ≥ v)) above the centre
 *   n(n+1)/4, min(1, 2·P(V ≤ v)) otherwise;
 * - otherwise the normal approximation: z = (V − n(n+1)/4 − 0.5·sign(V − n(n+1)/4)) / σ with
 *   σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the tie groups, p = 2·min(Φ(z), 1 − Φ(z)).
 *
 * Effect size r = |z| / √n; for an exact test z is recovered from the p-value, |z| = |Φ⁻¹(p/2)|.
 *
 * Floating-point noise: R compares differences exactly, so 0.3 − 0.1 (0.19999999999999998) and
 * 0.5 − 0.3 (0.2) are not a tie for R, and a difference of 5.6e-17 is not a zero. Such noise is
 * an artefact of binary arithmetic on decimal data, and it flips the test between exact and
 * normal. `wilcoxonPaired` therefore treats differences within 1e-10 × (the largest |x| or |y|)
 * of each other as tied, and within that of 0 as zero; the decimal data this project holds
 * (scores, euros, days) never differ by so little. `relativeTolerance: 0` gives R's exact
 * comparisons. `wilcoxonSignedRank` on bare differences is exact (R's) unless told a tolerance.
 */
import { pnorm, pnormUpper, qnorm } from './normal.js';

export type WilcoxonMethod = 'exact' | 'normal';

export interface WilcoxonResult {
  /** V: the sum of the ranks of the positive differences (R's `statistic`). */
  statistic: number;
  /** Non-zero differences: the n the test and the effect size use. */
  n: number;
  /** Differences dropped as zero. */
  zeros: number;
  /** Whether some non-zero |d| are tied (forces the normal approximation). */
  ties: boolean;
  /** Two-sided p-value; null when every difference is zero (R: NA). */
  pValue: number | null;
  /** The branch R takes: 'normal' also for n = 0 (R's NA p-value comes from that branch). */
  method: WilcoxonMethod;
  /** Signed z: positive when x tends to exceed y. From the p-value for an exact test. */
  z: number | null;
  /** r = |z| / √n. */
  effectR: number | null;
}

export interface SignedRankOptions {
  /** |d| ≤ tolerance counts as zero, and |d| within tolerance of each other as tied. Default 0. */
  tolerance?: number;
  /** R's `exact`: default (undefined) exact when n < 50. Ties or zeros force 'normal' anyway. */
  exact?: boolean;
}

export interface PairedOptions {
  /** Tolerance as a fraction of the largest |x| or |y|. Default 1e-10; 0 for R's exact comparisons. */
  relativeTolerance?: number;
  /** R's `exact`, as in SignedRankOptions. */
  exact?: boolean;
}

export const DEFAULT_RELATIVE_TOLERANCE = 1e-10;

/**
 * P(V = k) for k = 0 … n(n+1)/2 under the null hypothesis, by dynamic programming over the ranks
 * 1 … n (each in or out of the positive set with probability ½). Every value is a count over
 * 2^n; halving is exact in binary and the counts stay below 2^53 for n < 50, so for the n where
 * R uses the exact test these probabilities are exact.
 */
export function signedRankDistribution(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`signedRankDistribution: n must be a non-negative integer, got ${n}`);
  }
  const maxSum = (n * (n + 1)) / 2;
  const probabilities = new Float64Array(maxSum + 1);
  probabilities[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const reachable = (rank * (rank + 1)) / 2;
    for (let sum = reachable; sum >= 0; sum--) {
      const without = probabilities[sum]!;
      const withRank = sum >= rank ? probabilities[sum - rank]! : 0;
      probabilities[sum] = (without + withRank) / 2;
    }
  }
  return probabilities;
}

/** R's psignrank(q, n, lower.tail): P(V ≤ q), or P(V > q) when lowerTail is false. */
export function psignrank(q: number, n: number, lowerTail = true): number {
  const distribution = signedRankDistribution(n);
  const cut = Math.floor(q + 1e-7); // R rounds q the same way: V of an exact test is an integer
  let lower = 0;
  let upper = 0;
  for (let k = 0; k < distribution.length; k++) {
    if (k <= cut) lower += distribution[k]!;
    else upper += distribution[k]!;
  }
  return lowerTail ? lower : upper;
}

interface Ranked {
  /** Average ranks of |d|, in the order of the input differences. */
  ranks: number[];
  /** Sizes of the tie groups (size ≥ 2 only). */
  tieSizes: number[];
}

/** Average ranks of |d|; values within `tolerance` of the first of a group join the group. */
function rankAbsolute(differences: readonly number[], tolerance: number): Ranked {
  const order = differences.map((d, index) => ({ magnitude: Math.abs(d), index }));
  order.sort((a, b) => a.magnitude - b.magnitude);
  const ranks = new Array<number>(differences.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    const groupValue = order[start]!.magnitude;
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.magnitude - groupValue <= tolerance) end++;
    const averageRank = (start + 1 + (end + 1)) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = averageRank;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

function assertFinite(values: readonly number[], caller: string): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`${caller}: values must be finite numbers, got ${value}`);
  }
}

/** The signed-rank test on paired differences (R: wilcox.test(d) with mu = 0). */
export function wilcoxonSignedRank(differences: readonly number[], options: SignedRankOptions = {}): WilcoxonResult {
  assertFinite(differences, 'wilcoxonSignedRank');
  const tolerance = options.tolerance ?? 0;
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new RangeError(`wilcoxonSignedRank: tolerance must be a non-negative number, got ${tolerance}`);
  }
  const nonZero = differences.filter((d) => Math.abs(d) > tolerance);
  const zeros = differences.length - nonZero.length;
  const n = nonZero.length;
  const { ranks, tieSizes } = rankAbsolute(nonZero, tolerance);
  const ties = tieSizes.length > 0;
  let statistic = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) statistic += ranks[i]!;
  });

  if (n === 0) {
    // R: V = 0, and 0/0 in the normal branch gives p = NA.
    return { statistic: 0, n: 0, zeros, ties: false, pValue: null, method: 'normal', z: null, effectR: null };
  }

  const centre = (n * (n + 1)) / 4;
  const exact = options.exact ?? n < 50;
  if (exact && !ties && zeros === 0) {
    const oneSided = statistic > centre ? psignrank(statistic - 1, n, false) : psignrank(statistic, n);
    const pValue = Math.min(1, 2 * oneSided);
    const z = Math.sign(statistic - centre) * Math.abs(qnorm(pValue / 2));
    return { statistic, n, zeros, ties, pValue, method: 'exact', z, effectR: Math.abs(z) / Math.sqrt(n) };
  }

  const tieCorrection = tieSizes.reduce((sum, t) => sum + t * t * t - t, 0) / 48;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection);
  const shift = statistic - centre;
  const z = (shift - Math.sign(shift) * 0.5) / sigma;
  const pValue = 2 * Math.min(pnorm(z), pnormUpper(z));
  return { statistic, n, zeros, ties, pValue, method: 'normal', z, effectR: Math.abs(z) / Math.sqrt(n) };
}

/** R's wilcox.test(x, y, paired = TRUE): two-sided, on d = x − y (see the module comment). */
export function wilcoxonPaired(
  x: readonly number[],
  y: readonly number[],
  options: PairedOptions = {},
): WilcoxonResult {
  if (x.length !== y.length) {
    throw new RangeError(`wilcoxonPaired: x and y must pair up, got ${x.length} and ${y.length} values`);
  }
  assertFinite(x, 'wilcoxonPaired');
  assertFinite(y, 'wilcoxonPaired');
  const relativeTolerance = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  if (!(relativeTolerance >= 0 && Number.isFinite(relativeTolerance))) {
    throw new RangeError(`wilcoxonPaired: relativeTolerance must be a non-negative number, got ${relativeTolerance}`);
  }
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]!), Math.abs(y[i]!));
  const differences = x.map((xi, i) => xi - y[i]!);
  const signedRankOptions: SignedRankOptions = { tolerance: relativeTolerance * scale };
  if (options.exact !== undefined) signedRankOptions.exact = options.exact;
  return wilcoxonSignedRank(differences, signedRankOptions);
}
