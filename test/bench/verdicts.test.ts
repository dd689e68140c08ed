import { describe, expect, it } from 'vitest';
import { growthOf, incompleteReport, judge, RSS_LIMIT_BYTES, targetOf } from '../../bench/verdicts.js';

const ok = { seconds: 1, peakRssBytes: 500e6, ratio: null, exitCode: 0 };

describe('bench/verdicts', () => {
  it('holds each command to its bar of product.md §6', () => {
    expect(targetOf('baseline')).toBeNull();
    expect(targetOf('ingest_stays')).toMatchObject({ ratio: 1.5, rssBytes: 1e9 });
    expect(targetOf('indicators')).toMatchObject({ seconds: 1.5 });
    expect(targetOf('check')).toMatchObject({ seconds: 3 });
    expect(targetOf('report')).toMatchObject({ seconds: 3 });
    expect(targetOf('help')).toMatchObject({ seconds: 0.3 });
    expect(targetOf('ingest_assessments')).toEqual({ rssBytes: RSS_LIMIT_BYTES, text: '≤ 1 GB' });
  });

  it('passes at the bar and fails just over it, on time, ratio, memory or exit code', () => {
    expect(judge(targetOf('indicators'), { ...ok, seconds: 1.5 })).toBe(true);
    expect(judge(targetOf('indicators'), { ...ok, seconds: 1.501 })).toBe(false);
    expect(judge(targetOf('ingest_stays'), { ...ok, seconds: 30, ratio: 1.5 })).toBe(true);
    expect(judge(targetOf('ingest_stays'), { ...ok, seconds: 30, ratio: 1.51 })).toBe(false);
    expect(judge(targetOf('ingest_units'), { ...ok, peakRssBytes: 1e9 })).toBe(true);
    expect(judge(targetOf('ingest_units'), { ...ok, peakRssBytes: 1e9 + 1 })).toBe(false);
    expect(judge(targetOf('help'), { ...ok, seconds: 0.1, exitCode: 1 })).toBe(false);
    expect(judge(null, ok)).toBeNull();
  });

  it('fails a report that exited 0 without a section it could not compute', () => {
    // At 1 M stays the report's checks once ran out of memory: exit 0, fast enough, but no checks.
    const html = '<p class="unavailable">Controlli non disponibili: Out of Memory Error: failed to allocate data</p>';
    expect(incompleteReport(html)).toBe('Controlli non disponibili: Out of Memory Error: failed to allocate data');
    expect(incompleteReport('<table class="checks"><tr class="clean"><td>ok</td></tr></table>')).toBeNull();
    expect(judge(targetOf('report'), { ...ok, incomplete: incompleteReport(html) })).toBe(false);
    expect(judge(targetOf('report'), { ...ok, incomplete: null })).toBe(true);
  });

  it('growth: factors over the linear one of the sizes', () => {
    // 0.8 s → 6 s is 7.5×, 200 MB → 900 MB is 4.5×: both under 1,000,000 / 100,000 = 10×.
    expect(growthOf('check', { stays: 100_000, seconds: 0.8, peakRssBytes: 200e6 }, { stays: 1_000_000, seconds: 6, peakRssBytes: 900e6 }))
      .toEqual({ id: 'check', from_stays: 100_000, to_stays: 1_000_000, seconds_factor: 7.5, peak_rss_factor: 4.5, linear: 10, pass: true });
    // 0.5 s → 5.5 s is 11×: worse than linear.
    expect(growthOf('check', { stays: 100, seconds: 0.5, peakRssBytes: 1 }, { stays: 1000, seconds: 5.5, peakRssBytes: 1 }).pass).toBe(false);
    expect(growthOf('baseline', { stays: 100, seconds: 0.5, peakRssBytes: 1 }, { stays: 1000, seconds: 5.5, peakRssBytes: 1 }).pass).toBeNull();
  });
});
