/**
 * The standard normal distribution: CDF, upper tail and quantile, accurate to double precision.
 *
 * The CDF is W. J. Cody's rational Chebyshev approximation (Math. Comp. 22, 1969; ANORM in
 * SPECFUN), arranged as in R's `pnorm_both` (nmath/pnorm.c): each tail is computed directly, so
 * `pnormUpper(8)` is 6.2e-16 and not `1 - 0.9999999999999993`. Relative error ~1e-15 over the
 * whole range. The quantile is Wichura's AS 241 (PPND16, Appl. Statist. 37, 1988), relative error
 * ~1e-16, the algorithm of R's `qnorm`. Both are what R returns, so p-values and effect sizes
 * match R to the printed digits.
 */

const SQRT_32 = 5.656854249492380195206754896838; // |x| beyond which the asymptotic series is used
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const HALF_EPSILON = Number.EPSILON * 0.5;

// Cody's coefficients, |x| <= 0.67448975 (the quartile).
const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
// 0.67448975 < |x| <= sqrt(32).
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
// |x| > sqrt(32).
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
];
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
];

function at(coefficients: readonly number[], i: number): number {
  return coefficients[i]!;
}

/**
 * exp(-x²/2) × factor, with x² split into a part exact in floating point and a small rest:
 * exp(-x²/2) computed directly loses up to |x|² ulps of relative accuracy (Cody's remedy).
 */
function gaussianTimes(x: number, factor: number): number {
  const head = Math.trunc(x * 16) / 16;
  const rest = (x - head) * (x + head);
  return Math.exp(-head * head * 0.5) * Math.exp(-rest * 0.5) * factor;
}

/** Both tails at once: lower = P(Z ≤ x), upper = P(Z > x). */
export function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: Number.NaN, upper: Number.NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let numerator = 0;
    let denominator = 0;
    if (y > HALF_EPSILON) {
      const xsq = x * x;
      numerator = at(A, 4) * xsq;
      denominator = xsq;
      for (let i = 0; i < 3; i++) {
        numerator = (numerator + at(A, i)) * xsq;
        denominator = (denominator + at(B, i)) * xsq;
      }
    }
    const temp = (x * (numerator + at(A, 3))) / (denominator + at(B, 3));
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  let smallTail: number;
  if (y <= SQRT_32) {
    let numerator = at(C, 8) * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + at(C, i)) * y;
      denominator = (denominator + at(D, i)) * y;
    }
    smallTail = gaussianTimes(y, (numerator + at(C, 7)) / (denominator + at(D, 7)));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let numerator = at(P, 5) * xsq;
    let denominator = xsq;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + at(P, i)) * xsq;
      denominator = (denominator + at(Q, i)) * xsq;
    }
    let temp = (xsq * (numerator + at(P, 4))) / (denominator + at(Q, 4));
    temp = (ONE_OVER_SQRT_2PI - temp) / y;
    smallTail = gaussianTimes(y, temp);
  } else {
    smallTail = 0; // below the smallest subnormal double
  }
  const bigTail = 1 - smallTail;
  return x > 0 ? { lower: bigTail, upper: smallTail } : { lower: smallTail, upper: bigTail };
}

/** P(Z ≤ z) for a standard normal Z (R: `pnorm(z)`). */
export function pnorm(z: number): number {
  return normalTails(z).lower;
}

/** P(Z > z) for a standard normal Z (R: `pnorm(z, lower.tail = FALSE)`), accurate far in the tail. */
export function pnormUpper(z: number): number {
  return normalTails(z).upper;
}

/**
 * The z with P(Z ≤ z) = p (R: `qnorm(p)`): -Infinity at 0, Infinity at 1, NaN outside [0, 1].
 */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  // Within 0.075 of 0 or 1: work with the smaller tail, so 1 - p does not lose digits.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}
