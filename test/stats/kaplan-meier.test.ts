import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kaplanMeier, kmMedian, type SurvivalItem } from '../../src/stats/kaplan-meier.js';
import { median } from '../../src/stats/summary.js';

const event = (time: number): SurvivalItem => ({ time, event: true });
const censored = (time: number): SurvivalItem => ({ time, event: false });

describe('kaplan-meier', () => {
  it('times 1, 2, 3, 4, all events: the curve and the contract median 2.5', () => {
    // S(1) = 3/4; S(2) = 3/4·2/3 = 1/2; S(3) = 1/2·1/2 = 1/4; S(4) = 0.
    // S is exactly 0.5 on [2, 3): median = (2 + 3)/2 = 2.5.
    const curve = kaplanMeier([event(3), event(1), event(4), event(2)]);
    expect(curve).toEqual([
      { time: 1, nRisk: 4, events: 1, censored: 0, survival: 0.75 },
      { time: 2, nRisk: 3, events: 1, censored: 0, survival: expect.closeTo(0.5, 15) },
      { time: 3, nRisk: 2, events: 1, censored: 0, survival: expect.closeTo(0.25, 15) },
      { time: 4, nRisk: 1, events: 1, censored: 0, survival: 0 },
    ]);
    expect(kmMedian(curve)).toBe(2.5);
  });

  it('with censoring: the curve steps only at events, and censored items leave the risk set', () => {
    // 1 event, 2 censored, 3 event, 4 event, 5 censored.
    // S(1) = 4/5 = 0.8; at 2 nothing drops (0.8), nRisk 4; S(3) = 0.8·2/3 = 0.533333;
    // S(4) = 0.533333·1/2 = 0.266667; at 5 nothing drops. First S ≤ 0.5 at 4: median 4.
    const curve = kaplanMeier([event(1), censored(2), event(3), event(4), censored(5)]);
    expect(curve.map((s) => [s.time, s.nRisk, s.events, s.censored])).toEqual([
      [1, 5, 1, 0],
      [2, 4, 0, 1],
      [3, 3, 1, 0],
      [4, 2, 1, 0],
      [5, 1, 0, 1],
    ]);
    expect(curve.map((s) => s.survival)).toEqual([0.8, 0.8, expect.closeTo(8 / 15, 15), expect.closeTo(4 / 15, 15), expect.closeTo(4 / 15, 15)]);
    expect(kmMedian(curve)).toBe(4);
  });

  it("reproduces R's print(survfit(Surv(time, status) ~ x, data = aml)): medians 31 and 23", () => {
    // survival::aml, Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+.
    // S: 10/11 = .909; ·9/10 = .818 (13); ·7/8 = .716 (18); ·6/7 = .614 (23); ·4/5 = .491 (31).
    const maintained = kaplanMeier([
      event(9), event(13), censored(13), event(18), event(23), censored(28),
      event(31), event(34), censored(45), event(48), censored(161),
    ]);
    expect(kmMedian(maintained)).toBe(31);
    expect(maintained.find((s) => s.time === 31)!.survival).toBeCloseTo(0.4909, 4);
    // Nonmaintained: 5, 5, 8, 8, 12, 16+, 23, 27, 30, 33, 43, 45.
    // S: 10/12 = .833 (5); ·8/10 = .667 (8); ·7/8 = .583 (12); ·5/6 = .486 (23).
    const nonMaintained = kaplanMeier([
      event(5), event(5), event(8), event(8), event(12), censored(16),
      event(23), event(27), event(30), event(33), event(43), event(45),
    ]);
    expect(kmMedian(nonMaintained)).toBe(23);
  });

  it('is null when the curve never reaches 0.5', () => {
    // S(1) = 3/4, then only censorings: the curve stays at 0.75.
    const curve = kaplanMeier([event(1), censored(2), censored(3), censored(4)]);
    expect(curve.at(-1)!.survival).toBe(0.75);
    expect(kmMedian(curve)).toBeNull();
  });

  it('an empty input gives an empty curve and no median', () => {
    expect(kaplanMeier([])).toEqual([]);
    expect(kmMedian([])).toBeNull();
  });

  it('tied event times form one step', () => {
    // 1, 1, 2, 3: S(1) = (4 − 2)/4 = 0.5 exactly, S(2) = 0.5·1/2 = 0.25: median (1 + 2)/2 = 1.5.
    const curve = kaplanMeier([event(1), event(1), event(2), event(3)]);
    expect(curve[0]).toEqual({ time: 1, nRisk: 4, events: 2, censored: 0, survival: 0.5 });
    expect(curve).toHaveLength(3);
    expect(kmMedian(curve)).toBe(1.5);
  });

  it('events come before censorings at the same time', () => {
    // 1 event; at 2 one event and one censored; 3 event. The censored item is at risk at 2:
    // S(1) = 3/4, S(2) = 3/4·(3 − 1)/3 = 0.5 (nRisk 3), S(3) = 0: median (2 + 3)/2 = 2.5.
    // (Censoring first would give nRisk 2 at 2, S(2) = 0.375 and a median of 2.)
    const curve = kaplanMeier([event(1), censored(2), event(2), event(3)]);
    expect(curve[1]).toEqual({ time: 2, nRisk: 3, events: 1, censored: 1, survival: expect.closeTo(0.5, 15) });
    expect(kmMedian(curve)).toBe(2.5);
  });

  it('at exactly 0.5 with no later event: the time it reached 0.5 (as print.survfit)', () => {
    // 1 event, 2 event, 3 and 4 censored: S(1) = 3/4, S(2) = 1/2, flat to the end. R prints
    // median 2 (survmean: no later y below 0.5, so x[1]); quantile.survfit would say (2 + 4)/2.
    const curve = kaplanMeier([event(1), event(2), censored(3), censored(4)]);
    expect(kmMedian(curve)).toBe(2);
    // Reaching 0.5 at the very last time (1 event; at 2 one event and two censored):
    // S(1) = 3/4, S(2) = 3/4·2/3 = 1/2 and nothing after: median 2.
    expect(kmMedian(kaplanMeier([event(1), event(2), censored(2), censored(2)]))).toBe(2);
    // 1 event, 2 censored, 2 censored: S(1) = 2/3 then flat; never 0.5.
    expect(kmMedian(kaplanMeier([event(1), censored(2), censored(2)]))).toBeNull();
  });

  it('at 0.5, then censorings, then a drop: midpoint with the next event, not the censorings', () => {
    // Events at 1 and 2 out of 4 → S(2) = 0.5; 3 censored (S stays 0.5, nRisk 1 left);
    // 7 event → S(7) = 0. The flat stretch is [2, 7): median (2 + 7)/2 = 4.5, not (2 + 3)/2.
    const curve = kaplanMeier([event(1), event(2), censored(3), event(7)]);
    expect(curve.map((s) => s.survival)).toEqual([0.75, expect.closeTo(0.5, 15), expect.closeTo(0.5, 15), 0]);
    expect(kmMedian(curve)).toBe(4.5);
  });

  it('survfit(Surv(1:100)) has S(50) = 0.5 up to rounding: median 50.5, as R prints', () => {
    const curve = kaplanMeier(Array.from({ length: 100 }, (_, i) => event(i + 1)));
    expect(curve[49]!.survival).toBeCloseTo(0.5, 14);
    expect(kmMedian(curve)).toBe(50.5);
  });

  it('rejects non-finite times', () => {
    expect(() => kaplanMeier([event(Number.NaN)])).toThrow(RangeError);
  });

  const items = fc.array(
    fc.record({ time: fc.integer({ min: 0, max: 30 }), event: fc.boolean() }),
    { maxLength: 60 },
  );

  it('the curve is non-increasing within [0, 1], and the risk set accounts for everyone', () => {
    fc.assert(
      fc.property(items, (sample) => {
        const curve = kaplanMeier(sample);
        let previous = 1;
        let remaining = sample.length;
        for (const step of curve) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.nRisk).toBe(remaining);
          expect(step.events + step.censored).toBeGreaterThan(0);
          remaining -= step.events + step.censored;
          previous = step.survival;
        }
        expect(remaining).toBe(0);
      }),
    );
  });

  it('without censoring the curve is the empirical survival and the median the sample median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 80 }), (times) => {
        const curve = kaplanMeier(times.map(event));
        for (const step of curve) {
          const beyond = times.filter((t) => t > step.time).length;
          expect(step.survival).toBeCloseTo(beyond / times.length, 12);
        }
        expect(kmMedian(curve)).toBe(median(times));
      }),
    );
  });
});
