/**
 * What the benchmark times at one network size, in the order it runs: the baseline, then mev's
 * ingest file by file into a fresh database (units, then stays — the number compared with the
 * baseline — then the other files, for information), then indicators, check, report and --help
 * on that database. Each step is `node SCRIPT ARGS` from the project root's dist/.
 */
import { join } from 'node:path';
import type { CommandGroup } from './options.js';

export interface StepContext {
  root: string;
  /** The export set's directory. */
  data: string;
  /** A fresh directory for this run's databases and outputs (also the working directory). */
  run: string;
  /** The period of `mev indicators` and `mev report`. */
  period: string;
}

export interface Step {
  /** Stable id used in results.json: baseline, ingest_stays, indicators, … */
  id: string;
  group: CommandGroup;
  /** The export files the step reads. */
  files: string[];
  args(ctx: StepContext): string[];
}

export const CLI = 'dist/cli.js';
export const BASELINE_SCRIPT = 'dist/bench/baseline.js';

export const MEV_DB = 'mev.duckdb';
/** The report the `report` step writes in the run directory (read after it for sections it could not compute). */
export const REPORT_OUT = 'report.html';
export const BASELINE_DB = 'baseline.duckdb';

const mev = (ctx: StepContext, ...args: string[]) => [join(ctx.root, CLI), ...args];
const ingest = (id: string, files: string[]): Step => ({
  id, group: 'ingest', files,
  args: (ctx) => mev(ctx, 'ingest', ...files.map((f) => join(ctx.data, f)), '--db', join(ctx.run, MEV_DB), '--quiet'),
});

export const BASELINE: Step = {
  id: 'baseline', group: 'baseline', files: ['ospitalita.csv'],
  args: (ctx) => [join(ctx.root, BASELINE_SCRIPT), join(ctx.data, 'ospitalita.csv'), join(ctx.run, BASELINE_DB)],
};

/** The ingest calls, in an order that satisfies every reference (units before stays, stays before events, organisations before surveys). */
export const INGESTS: Step[] = [
  ingest('ingest_units', ['alloggi.csv']),
  ingest('ingest_stays', ['ospitalita.csv']),
  ingest('ingest_assessments', ['valutazioni.csv']),
  ingest('ingest_contacts', ['followup.csv']),
  ingest('ingest_requests', ['segnalazioni.csv']),
  ingest('ingest_organisations', ['enti.csv']),
  ingest('ingest_surveys', ['rete_2024.csv', 'rete_2025.csv', 'collaborazione.csv']),
];

/** The comparable number: the stays ingest. */
export const COMPARABLE_INGEST = 'ingest_stays';

export const QUERIES: Step[] = [
  {
    id: 'indicators', group: 'indicators', files: [],
    args: (ctx) => mev(ctx, 'indicators', '--db', join(ctx.run, MEV_DB), '--period', ctx.period, '--format', 'json', '--out', join(ctx.run, 'indicators.json')),
  },
  { id: 'check', group: 'check', files: [], args: (ctx) => mev(ctx, 'check', '--db', join(ctx.run, MEV_DB)) },
  {
    id: 'report', group: 'report', files: [],
    args: (ctx) => mev(ctx, 'report', '--db', join(ctx.run, MEV_DB), '--period', ctx.period, '--out', join(ctx.run, REPORT_OUT), '--quiet'),
  },
  { id: 'help', group: 'help', files: [], args: (ctx) => mev(ctx, '--help') },
];

export const ALL_STEPS: Step[] = [BASELINE, ...INGESTS, ...QUERIES];

/** A path under the project root made relative to it (as a reader types it from there); others unchanged. */
export function fromRoot(path: string, root: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The command line as a reader would retype it from the project root. */
export function displayCommand(args: string[], root: string): string {
  return ['node', ...args.map((a) => fromRoot(a, root))].join(' ');
}
