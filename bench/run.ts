/**
 * `npm run bench -- [options]` (product.md §6, "Fast"): generates a synthetic network of N stays
 * (and of N/10), then times, as whole processes in one run, plain DuckDB's typed read_csv of the
 * stays file (the baseline) and mev's ingest, indicators, check, report and --help; prints a table
 * and writes bench/results.json. It measures and judges; it never fails a build (tests do not
 * assert on time). Options: see options.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_END } from '../fixtures/generate.js';
import type { BaselineReport } from './baseline.js';
import { baselineSql } from './baseline.js';
import { ensureDataset, type Dataset } from './dataset.js';
import { measureProcess, median, rssMethod, type Measurement } from './measure.js';
import { COMMAND_GROUPS, parseBenchArgs, smallStays, type BenchArgs, type CommandGroup } from './options.js';
import { commandResult, growthTable, targetTexts, unavailableResult, type BenchResults, type CommandResult, type DatasetRecord } from './results.js';
import { ALL_STEPS, BASELINE, CLI, displayCommand, fromRoot, INGESTS, MEV_DB, QUERIES, REPORT_OUT, type Step, type StepContext } from './steps.js';
import { renderCommands, renderGrowth } from './table.js';
import { incompleteReport, round } from './verdicts.js';

export interface BenchOptions extends BenchArgs {
  /** The project root whose dist/ is timed. */
  root: string;
  /** Where export sets are generated and kept (bench/data). */
  dataDir: string;
  log?: (line: string) => void;
}

/** The latest full year of the generator's data: its default end is mid-2026, so 2025. */
export const PERIOD = String(Number(DEFAULT_END.slice(0, 4)) - (DEFAULT_END.endsWith('-12-31') ? 0 : 1));

/** The environment of every timed process: the user's, without anything that would point mev elsewhere. */
export function childEnv(memoryLimit: string | null, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of ['MEV_DB', 'MEV_CONFIG', 'MEV_KEY_FILE', 'MEV_DEBUG']) delete env[name];
  if (memoryLimit !== null) env['MEV_MEMORY_LIMIT'] = memoryLimit;
  return env;
}

/** Whether this build's CLI lists a `report` command in `mev --help`. */
function hasReport(root: string, env: NodeJS.ProcessEnv): boolean {
  const help = spawnSync(process.execPath, [join(root, CLI), '--help'], { cwd: root, env, encoding: 'utf8' });
  return /^\s+report\b/m.test(help.stdout ?? '');
}

function tail(path: string, lines = 3): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

interface SizeOutcome {
  commands: CommandResult[];
  dataset: DatasetRecord | null;
  baseline: BaselineReport | null;
}

async function measureSize(o: BenchOptions, stays: number, env: NodeJS.ProcessEnv, report: boolean): Promise<SizeOutcome> {
  const log = o.log ?? (() => undefined);
  const wants = (g: CommandGroup) => o.only.includes(g);
  const needsDb = wants('ingest') || wants('indicators') || wants('check') || wants('report');
  // The ratio needs the baseline beside every timed ingest.
  const runBaseline = wants('baseline') || wants('ingest');
  const dataset: Dataset | null = needsDb || runBaseline ? await ensureDataset(o.root, o.dataDir, stays, o.seed, log) : null;
  const runDir = join(dataset?.dir ?? join(o.dataDir, String(stays)), 'run');
  const ctx: StepContext = { root: o.root, data: dataset?.dir ?? '', run: runDir, period: PERIOD };
  const runs = new Map<string, { step: Step; measurements: Measurement[]; error: string | null; incomplete: string | null }>();
  let baseline: BaselineReport | null = null;
  let loaded: { stays: number; rejected: number } | null = null;
  let databaseBytes: number | null = null;

  const time = async (step: Step, record: boolean) => {
    const stdout = join(runDir, `${step.id}.out`);
    const stderr = join(runDir, `${step.id}.err`);
    const m = await measureProcess({ args: step.args(ctx), cwd: runDir, env, stdout, stderr });
    const failed = m.exitCode !== 0 ? tail(stderr) : null;
    const report = join(runDir, REPORT_OUT);
    const incomplete = step.id === 'report' && m.exitCode === 0 && existsSync(report) ? incompleteReport(readFileSync(report, 'utf8')) : null;
    log(`  ${step.id.padEnd(22)} ${stays} stays: ${m.seconds.toFixed(3)} s, ${(m.peakRssBytes / 1e6).toFixed(0)} MB${failed ? ` — exit ${m.exitCode}: ${failed}` : ''}${incomplete ? ` — incomplete: ${incomplete}` : ''}`);
    if (step === BASELINE && m.exitCode === 0) baseline = JSON.parse(readFileSync(stdout, 'utf8')) as BaselineReport;
    if (!record) return;
    const entry = runs.get(step.id) ?? { step, measurements: [], error: null, incomplete: null };
    entry.measurements.push(m);
    entry.error ??= failed;
    entry.incomplete ??= incomplete;
    runs.set(step.id, entry);
  };

  for (let r = 0; r < o.repeat; r++) {
    // A fresh directory each time: both the baseline and the ingest write into new databases.
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    if (runBaseline) await time(BASELINE, true);
    if (needsDb) {
      for (const step of INGESTS) await time(step, wants('ingest'));
      loaded = await countLoaded(o.root, runDir, env);
      databaseBytes = existsSync(join(runDir, MEV_DB)) ? statSync(join(runDir, MEV_DB)).size : null;
    }
    for (const step of QUERIES) if (wants(step.group) && (step.id !== 'report' || report)) await time(step, true);
  }

  const baselineRuns = runs.get('baseline')?.measurements.filter((m) => m.exitCode === 0) ?? [];
  const baselineSeconds = baselineRuns.length > 0 ? median(baselineRuns.map((m) => m.seconds)) : null;
  const commands: CommandResult[] = [];
  for (const step of ALL_STEPS) {
    const entry = runs.get(step.id);
    if (entry) {
      commands.push(commandResult(step.id, step.group, stays, displayCommand(step.args(ctx), o.root), entry.measurements, baselineSeconds, entry.error, entry.incomplete));
    } else if (step.id === 'report' && wants('report') && !report) {
      commands.push(unavailableResult(step.id, step.group, stays, displayCommand(step.args(ctx), o.root)));
    }
  }
  const datasetRecord: DatasetRecord | null = dataset && {
    stays, seed: dataset.seed, command: dataset.command, files: dataset.files,
    generated_seconds: dataset.generatedSeconds === null ? null : round(dataset.generatedSeconds, 1),
    loaded_stays: loaded?.stays ?? null, rejected_rows: loaded?.rejected ?? null,
    database_mb: databaseBytes === null ? null : round(databaseBytes / 1e6, 1),
  };
  if (loaded && dataset && loaded.stays !== stays) log(`  warning: ${loaded.stays} of ${stays} stays in mev's database (${loaded.rejected} rejected rows)`);
  return { commands, dataset: datasetRecord, baseline };
}

/** Rows of ospitalita and of rejected_rows in the fresh database, through `mev sql` (untimed). */
async function countLoaded(root: string, runDir: string, env: NodeJS.ProcessEnv): Promise<{ stays: number; rejected: number } | null> {
  const sql = 'SELECT (SELECT count(*) FROM ospitalita) AS stays, (SELECT count(*) FROM rejected_rows) AS rejected';
  const out = join(runDir, 'count.out');
  const m = await measureProcess({
    args: [join(root, CLI), 'sql', sql, '--db', join(runDir, MEV_DB), '--format', 'csv'], cwd: runDir, env, stdout: out, stderr: join(runDir, 'count.err'),
  });
  const match = /(\d+),(\d+)\s*$/.exec(readFileSync(out, 'utf8'));
  return m.exitCode === 0 && match ? { stays: Number(match[1]), rejected: Number(match[2]) } : null;
}

/** The whole benchmark: N, then N/10 unless skipped. Returns the results; writes nothing but the data and run directories. */
export async function runBench(o: BenchOptions): Promise<BenchResults> {
  if (!existsSync(join(o.root, CLI))) throw new Error(`${join(o.root, CLI)} is missing: run \`npm run build\` first`);
  const env = childEnv(o.memoryLimit);
  const loadStart = loadavg();
  const report = hasReport(o.root, env);
  const sizes = o.skipSmall ? [o.stays] : [o.stays, smallStays(o.stays)];
  const outcomes: SizeOutcome[] = [];
  for (const stays of sizes) {
    o.log?.(`${stays} stays:`);
    outcomes.push(await measureSize(o, stays, env, report));
  }
  const commands = outcomes.flatMap((x) => x.commands);
  const baseline = outcomes.find((x) => x.baseline)?.baseline ?? null;
  const largeData = join(o.dataDir, String(o.stays));
  const cpu = cpus();
  return {
    generated_by: commandLine(o),
    date: new Date().toISOString(),
    machine: {
      os: `${platform()} ${release()}`,
      cpu_model: cpu[0]?.model.trim() ?? 'unknown',
      cpu_count: availableParallelism(),
      total_memory_gb: round(totalmem() / 1e9, 1),
      node: process.version,
      duckdb: baseline?.duckdb ?? `@duckdb/node-api ${duckdbPackageVersion(o.root)}`,
      rss_method: rssMethod() === 'gnu-time' ? "GNU time (/usr/bin/time -f '%M')" : 'process.resourceUsage().maxRSS at exit',
      load_average_start: loadStart.map((l) => round(l, 2)),
      load_average_end: loadavg().map((l) => round(l, 2)),
    },
    options: {
      stays: o.stays, small_stays: o.skipSmall ? null : smallStays(o.stays), seed: o.seed, repeat: o.repeat, only: o.only,
      mev_memory_limit: env['MEV_MEMORY_LIMIT'] ?? null, period: PERIOD,
    },
    baseline: {
      command: displayCommand(BASELINE.args({ root: o.root, data: largeData, run: join(largeData, 'run'), period: PERIOD }), o.root),
      sql: baselineSql(fromRoot(join(largeData, 'ospitalita.csv'), o.root)),
      rows: baseline?.rows ?? null,
      duckdb_settings: baseline ? { threads: baseline.threads, memory_limit: baseline.memory_limit } : null,
    },
    targets: targetTexts(ALL_STEPS.map((s) => s.id)),
    datasets: outcomes.flatMap((x) => (x.dataset ? [x.dataset] : [])),
    commands,
    growth: sizes.length === 2 ? growthTable(commands, sizes[1]!, sizes[0]!) : [],
  };
}

/** The options as a reader would retype them. */
export function commandLine(o: BenchArgs): string {
  const parts = ['npm run bench --', `--stays ${o.stays}`, `--seed ${o.seed}`];
  if (o.only.length < COMMAND_GROUPS.length) parts.push(`--only ${o.only.join(',')}`);
  if (o.skipSmall) parts.push('--skip-small');
  if (o.repeat > 1) parts.push(`--repeat ${o.repeat}`);
  if (o.memoryLimit !== null) parts.push(`--memory-limit ${o.memoryLimit}`);
  return parts.join(' ');
}

function duckdbPackageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function summary(results: BenchResults): string {
  const m = results.machine;
  const head = `${m.cpu_count} × ${m.cpu_model}, ${m.total_memory_gb} GB, Node ${m.node}, DuckDB ${m.duckdb}; `
    + `load average ${m.load_average_start[0]} at start, ${m.load_average_end[0]} at end (the bars of product.md §6 are stated at 1,000,000 stays on 2 cores)`;
  const growth = results.growth.length > 0 ? `\n\nGrowth from N/10 to N:\n${renderGrowth(results.growth)}` : '';
  return `${head}\n\n${renderCommands(results.commands)}${growth}\n`;
}

export async function main(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const results = await runBench({ ...args, root, dataDir: join(root, 'bench/data'), log });
  const out = resolve(args.out ?? join(root, 'bench/results.json'));
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${summary(results)}\nresults written to ${out}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
