/**
 * The shape of bench/results.json and the pure steps from measurements to it: per command and
 * size the median time of the runs and the highest peak memory (a memory bar is a ceiling: the
 * worst run is the one that counts), the ratio to the baseline, the verdict, and the growth.
 */
import type { Measurement } from './measure.js';
import { median } from './measure.js';
import type { CommandGroup } from './options.js';
import { growthOf, judge, round, targetOf, type Growth } from './verdicts.js';

export interface RunRecord {
  seconds: number;
  peak_rss_mb: number;
  exit_code: number;
}

export interface CommandResult {
  id: string;
  group: CommandGroup;
  stays: number;
  /** The command line from the project root (the last run's paths). */
  command: string;
  /** False only for a command this build of mev does not have (report before it exists). */
  available: boolean;
  seconds: number | null;
  peak_rss_mb: number | null;
  runs: RunRecord[];
  /** The first non-zero exit code among the runs, else 0; null when not run. */
  exit_code: number | null;
  /** The last lines of stderr of a failed run. */
  error: string | null;
  ratio_to_baseline: number | null;
  target: string | null;
  pass: boolean | null;
}

export interface DatasetRecord {
  stays: number;
  seed: number;
  command: string;
  files: Array<{ file: string; rows: number | null; bytes: number }>;
  generated_seconds: number | null;
  /** Rows of ospitalita in mev's database after the ingest, and rejected rows (a sanity check: a fast ingest that loads nothing is no result). */
  loaded_stays: number | null;
  rejected_rows: number | null;
  /** Size of mev's database file after every file was ingested, in MB. */
  database_mb: number | null;
}

export interface BenchResults {
  generated_by: string;
  date: string;
  machine: {
    os: string;
    cpu_model: string;
    cpu_count: number;
    total_memory_gb: number;
    node: string;
    duckdb: string;
    rss_method: string;
    load_average_start: number[];
    load_average_end: number[];
  };
  options: {
    stays: number;
    small_stays: number | null;
    seed: number;
    repeat: number;
    only: CommandGroup[];
    /** MEV_MEMORY_LIMIT given to mev; null = the product's default. */
    mev_memory_limit: string | null;
    period: string;
  };
  baseline: {
    command: string;
    sql: string;
    rows: number | null;
    duckdb_settings: { threads: number; memory_limit: string } | null;
  };
  targets: Record<string, string>;
  datasets: DatasetRecord[];
  commands: CommandResult[];
  growth: Growth[];
}

const MB = 1e6;

export function commandResult(
  id: string, group: CommandGroup, stays: number, command: string,
  runs: Measurement[], baselineSeconds: number | null, error: string | null, incomplete: string | null = null,
): CommandResult {
  const seconds = median(runs.map((r) => r.seconds));
  const peak = Math.max(...runs.map((r) => r.peakRssBytes));
  const exitCode = runs.find((r) => r.exitCode !== 0)?.exitCode ?? 0;
  const ratio = baselineSeconds !== null && baselineSeconds > 0 && id === 'ingest_stays' ? seconds / baselineSeconds : null;
  const target = targetOf(id);
  return {
    id, group, stays, command, available: true,
    seconds: round(seconds, 3),
    peak_rss_mb: round(peak / MB, 1),
    runs: runs.map((r) => ({ seconds: round(r.seconds, 3), peak_rss_mb: round(r.peakRssBytes / MB, 1), exit_code: r.exitCode })),
    exit_code: exitCode,
    error: error ?? (incomplete ? `incomplete output: ${incomplete}` : null),
    ratio_to_baseline: ratio === null ? null : round(ratio, 2),
    target: target?.text ?? null,
    pass: judge(target, { seconds, peakRssBytes: peak, ratio, exitCode, incomplete }),
  };
}

export function unavailableResult(id: string, group: CommandGroup, stays: number, command: string): CommandResult {
  return {
    id, group, stays, command, available: false, seconds: null, peak_rss_mb: null, runs: [], exit_code: null,
    error: 'not available', ratio_to_baseline: null, target: targetOf(id)?.text ?? null, pass: null,
  };
}

/** Growth of every command measured, successfully, at both sizes. */
export function growthTable(commands: CommandResult[], small: number, large: number): Growth[] {
  const at = (id: string, stays: number) => commands.find((c) => c.id === id && c.stays === stays && c.available && c.exit_code === 0);
  const out: Growth[] = [];
  for (const c of commands) {
    if (c.stays !== large) continue;
    const a = at(c.id, small);
    const b = at(c.id, large);
    if (!a || !b || a.seconds === null || b.seconds === null || a.peak_rss_mb === null || b.peak_rss_mb === null) continue;
    out.push(growthOf(c.id, { stays: small, seconds: a.seconds, peakRssBytes: a.peak_rss_mb * MB }, { stays: large, seconds: b.seconds, peakRssBytes: b.peak_rss_mb * MB }));
  }
  return out;
}

export function targetTexts(ids: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    const t = targetOf(id);
    if (t) out[id] = t.text;
  }
  out['growth'] = 'time and peak memory from N/10 to N grow no faster than the data (≤ 10×)';
  return out;
}
