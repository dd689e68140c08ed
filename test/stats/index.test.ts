import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';

describe('index', () => {
  it('exposes the contract examples through one import', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    expect(stats.wilcoxonPaired(x, y)).toMatchObject({ statistic: 40, pValue: 0.0390625 });
    expect(stats.wilsonInterval(81, 263)!.map((v) => Number(v.toFixed(4)))).toEqual([0.2553, 0.3662]);
    const curve = stats.kaplanMeier([1, 2, 3, 4].map((time) => ({ time, event: true })));
    expect(stats.kmMedian(curve)).toBe(2.5);
    expect(stats.median([1, 2, 3, 4])).toBe(2.5);
    expect(stats.qnorm(stats.pnorm(1))).toBeCloseTo(1, 14);
  });
});
