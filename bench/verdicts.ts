/**
 * The quality bars of product.md §6 ("Fast") as data, and the verdicts on measured figures:
 * ingest within 1.5× the baseline, the indicator catalogue under 1.5 s, check and report under
 * 3 s each, `mev --help` under 0.3 s, every mev command under 1 GB of peak memory, and no worse
 * than linear growth from N/10 to N. The contract states the bars at 1 million stays on 2 cores;
 * the verdicts are computed at every size measured (passing at N/10 is necessary, not sufficient).
 */

/** 1 GB as DuckDB counts it (memory_limit '700MB' is 700·10⁶ bytes): 10⁹ bytes. */
export const RSS_LIMIT_BYTES = 1e9;
export const MAX_INGEST_RATIO = 1.5;

export interface Target {
  /** Wall-time ceiling in seconds. */
  seconds?: number;
  /** Ceiling on seconds / baseline seconds at the same size. */
  ratio?: number;
  rssBytes: number;
  text: string;
}

const SECONDS: Record<string, number> = { indicators: 1.5, check: 3, report: 3, help: 0.3 };

/** The bar a command is held to; null for the baseline (it is the reference, not a product command). */
export function targetOf(id: string): Target | null {
  if (id === 'baseline') return null;
  if (id === 'ingest_stays') return { ratio: MAX_INGEST_RATIO, rssBytes: RSS_LIMIT_BYTES, text: `≤ ${MAX_INGEST_RATIO}× baseline, ≤ 1 GB` };
  const seconds = SECONDS[id];
  if (seconds !== undefined) return { seconds, rssBytes: RSS_LIMIT_BYTES, text: `≤ ${seconds} s, ≤ 1 GB` };
  return { rssBytes: RSS_LIMIT_BYTES, text: '≤ 1 GB' };
}

export interface Figures {
  seconds: number;
  peakRssBytes: number;
  /** Seconds over the baseline's at the same size, where there is one. */
  ratio: number | null;
  exitCode: number;
  /** What the command's output lacks although it exited 0 (a report section it could not compute); null when complete. */
  incomplete?: string | null;
}

/**
 * What a report's HTML says it could not compute (a section marked `unavailable`, such as checks
 * that ran out of memory), or null: a fast report without its checks would otherwise look like a result.
 */
export function incompleteReport(html: string): string | null {
  const found = /class="unavailable">([^<]*)/.exec(html);
  return found ? found[1]!.trim() || 'sezione non disponibile' : null;
}

/** Pass when the command succeeded with a complete output and every bar it has is met; null when it has no bar. A ratio bar without a baseline is not judged. */
export function judge(target: Target | null, f: Figures): boolean | null {
  if (target === null) return null;
  if (f.exitCode !== 0 || f.incomplete) return false;
  if (f.peakRssBytes > target.rssBytes) return false;
  if (target.seconds !== undefined && f.seconds > target.seconds) return false;
  if (target.ratio !== undefined && f.ratio !== null && f.ratio > target.ratio) return false;
  return true;
}

export interface Growth {
  id: string;
  from_stays: number;
  to_stays: number;
  seconds_factor: number;
  peak_rss_factor: number;
  /** Linear growth: the ratio of the sizes (10 from N/10 to N). */
  linear: number;
  pass: boolean | null;
}

/** Growth from the small size to the large one; pass when neither time nor memory grows faster than the data. */
export function growthOf(id: string, small: { stays: number; seconds: number; peakRssBytes: number }, large: { stays: number; seconds: number; peakRssBytes: number }): Growth {
  const linear = large.stays / small.stays;
  const seconds_factor = large.seconds / small.seconds;
  const peak_rss_factor = large.peakRssBytes / small.peakRssBytes;
  const judged = targetOf(id) !== null && Number.isFinite(seconds_factor);
  return {
    id, from_stays: small.stays, to_stays: large.stays,
    seconds_factor: round(seconds_factor, 2), peak_rss_factor: round(peak_rss_factor, 2), linear: round(linear, 2),
    pass: judged ? seconds_factor <= linear && peak_rss_factor <= linear : null,
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
