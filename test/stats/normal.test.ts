import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalTails, pnorm, pnormUpper, qnorm } from '../../src/stats/normal.js';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('normal', () => {
  // Values R prints with its default 7 significant digits (R 4.x console).
  it('matches the values R prints', () => {
    expect(pnorm(1.959964)).toBeCloseTo(0.975, 7); // pnorm(1.959964) → 0.9750000
    expect(pnorm(-3)).toBeCloseTo(0.001349898, 9); // pnorm(-3) → 0.001349898
    expect(pnorm(0)).toBe(0.5);
    expect(qnorm(0.975)).toBeCloseTo(1.959964, 6); // qnorm(0.975) → 1.959964
    expect(qnorm(0.5)).toBe(0);
  });

  // Reference values: mpmath 1.3 (`mp.ncdf`) at 40 significant digits, rounded to 20.
  const cdfReference: [x: number, lower: number, upper: number][] = [
    [-37.5, 4.6053530095819548438e-308, 1],
    [-30, 4.9067139271481870595e-198, 1],
    [-20, 2.7536241186062336951e-89, 1],
    [-10, 7.619853024160526066e-24, 1],
    [-8.3, 5.2055697448902540246e-17, 0.99999999999999994794],
    [-6, 9.865876450376981407e-10, 0.99999999901341235496],
    [-5.657, 7.7020881721776008424e-9, 0.99999999229791182782],
    [-5.6, 1.071759025831092932e-8, 0.99999998928240974169],
    [-3, 0.0013498980316300945267, 0.99865010196836990547],
    [-2, 0.0227501319481792072, 0.9772498680518207928],
    [-1.959964, 0.024999999096442401994, 0.97500000090355759801],
    [-1.5, 0.066807201268858066004, 0.933192798731141934],
    [-0.6744, 0.25002852137294061469, 0.74997147862705938531],
    [-0.5, 0.30853753872598689636, 0.69146246127401310364],
    [-1e-10, 0.49999999996010577196, 0.50000000003989422804],
    [1e-10, 0.50000000003989422804, 0.49999999996010577196],
    [0.3, 0.61791142218895263307, 0.38208857781104736693],
    [0.6745, 0.75000325713630083111, 0.24999674286369916889],
    [1, 0.84134474606854294859, 0.15865525393145705141],
    [2.5, 0.99379033467422386483, 0.006209665325776135167],
    [5, 0.99999971334842812081, 2.8665157187919391167e-7],
    [5.7, 0.99999999400962859894, 5.9903714010635281878e-9],
    [8, 0.9999999999999993779, 6.2209605742717841235e-16],
    [10, 1, 7.619853024160526066e-24],
    [20, 1, 2.7536241186062336951e-89],
    [37, 1, 5.7255712225245768227e-300],
  ];

  it.each(cdfReference)('pnorm(%s) and its upper tail to 1e-14 relative', (x, lower, upper) => {
    expect(relativeError(pnorm(x), lower)).toBeLessThan(1e-14);
    expect(relativeError(pnormUpper(x), upper)).toBeLessThan(1e-14);
  });

  it('underflows to 0 (and 1) beyond |z| = 37.5193, like R (the true value is subnormal)', () => {
    expect(pnorm(-40)).toBe(0);
    expect(pnormUpper(40)).toBe(0);
    expect(pnorm(40)).toBe(1);
    expect(pnorm(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(pnorm(Number.POSITIVE_INFINITY)).toBe(1);
    expect(pnorm(Number.NaN)).toBeNaN();
  });

  // Reference values: mpmath 1.3, sqrt(2)·erfinv(2p − 1) at 40 digits (findroot on ncdf at 60
  // digits on log(ncdf) for p < 1e-15, where 2p − 1 rounds).
  const quantileReference: [p: number, z: number][] = [
    [1e-300, -37.047096299361199237],
    [1e-100, -21.273453560965324294],
    [1e-20, -9.2623400897984075796],
    [1e-12, -7.0344838253011319326],
    [1.3e-11, -6.6676114565107408347],
    [1e-5, -4.2648907939228246102],
    [0.0390625 / 2, -2.0635278983162443588], // the exact two-sided p of R's wilcox.test example, halved
    [0.025, -1.9599639845400542118],
    [0.05, -1.644853626951472688],
    [0.074, -1.4466320671589785099],
    [0.076, -1.4325027208258116188],
    [0.3, -0.52440051270804081597],
    [0.7, 0.52440051270804065631],
    [0.924, 1.43250272082581191],
    [0.926, 1.446632067158978807],
    [0.975, 1.9599639845400538556],
    [0.999, 3.0902323061678132778],
    [1 - 1e-12, 7.0344869100478352057],
  ];

  it.each(quantileReference)('qnorm(%s) to 1e-14 relative', (p, z) => {
    expect(relativeError(qnorm(p), z)).toBeLessThan(1e-14);
  });

  it('qnorm handles the ends and invalid probabilities', () => {
    expect(qnorm(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(qnorm(1)).toBe(Number.POSITIVE_INFINITY);
    expect(qnorm(-0.1)).toBeNaN();
    expect(qnorm(1.1)).toBeNaN();
    expect(qnorm(Number.NaN)).toBeNaN();
  });

  it('is symmetric: lower(x) = upper(-x) exactly, and the tails add to 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 37, noNaN: true }), (x) => {
        const here = normalTails(x);
        const mirror = normalTails(-x);
        expect(here.lower).toBe(mirror.upper);
        expect(Math.abs(here.lower + here.upper - 1)).toBeLessThan(1e-15);
      }),
    );
  });

  it('qnorm inverts pnorm', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (z) => {
        const p = pnorm(z);
        // Where the CDF is flat in floating point (|z| large on the upper side) go through the
        // smaller tail, which carries the digits.
        const back = z > 0 ? -qnorm(pnormUpper(z)) : qnorm(p);
        expect(Math.abs(back - z)).toBeLessThan(1e-12 * Math.max(1, Math.abs(z)));
      }),
    );
  });

  it('pnorm is monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, step) => {
        expect(pnorm(x + step)).toBeGreaterThanOrEqual(pnorm(x));
      }),
    );
  });
});
