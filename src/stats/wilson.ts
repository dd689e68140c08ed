/**
 * The Wilson score interval for a proportion (Wilson 1927; method 3 of Newcombe 1998), without
 * continuity correction: the interval the contract gives every proportion of counted units.
 * Unlike the Wald interval it stays inside [0, 1] and is not degenerate at 0 or n successes.
 */

/** z for a two-sided 95 % interval, to the 7 digits the contract fixes (R: qnorm(0.975)). */
export const Z_95 = 1.959964;

/**
 * The Wilson interval [lower, upper] for `successes` out of `n`; null when n = 0 (no proportion).
 * Counts must be integers with 0 ≤ successes ≤ n; anything else is a caller bug (RangeError).
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): [number, number] | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: successes must be an integer in [0, ${n}], got ${successes}`);
  }
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`wilsonInterval: z must be a positive number, got ${z}`);
  if (n === 0) return null;
  // The form (2s + z² ± z·√(z² + 4s(n−s)/n)) / (2(n + z²)) avoids forming p̂ and 1 − p̂.
  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + (4 * successes * (n - successes)) / n);
  const scale = 2 * (n + z2);
  // At 0 (n) successes the bound is 0 (1) in exact arithmetic; set it so rounding cannot leave
  // a 1e-17 that a report would print as "0,0 %" next to a non-zero count.
  const lower = successes === 0 ? 0 : Math.max(0, (centre - spread) / scale);
  const upper = successes === n ? 1 : Math.min(1, (centre + spread) / scale);
  return [lower, upper];
}
