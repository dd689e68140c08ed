/**
 * A smoke run of the benchmark at 10,000 stays (and 1,000): the core function, imported, on a
 * private build of the current sources (as the crash test does, so the shared dist/ is neither
 * needed nor touched). It checks that every command is present with real measurements and that
 * mev loaded every stay; it never asserts on time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/results.js';
import { defaultArgs } from '../../bench/options.js';
import { commandLine, runBench } from '../../bench/run.js';
import { ALL_STEPS } from '../../bench/steps.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAYS = 10_000;

let build: string;
let results: BenchResults;

function compile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mev-bench-build-'));
  for (const name of ['package.json', 'schemas', 'indicators', 'reports', 'node_modules']) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(dir, 'dist')], { encoding: 'utf8', timeout: 180_000 });
  // Type errors elsewhere in the tree (work in progress) still emit JavaScript: only these scripts must exist.
  for (const script of ['dist/cli.js', 'dist/bench/baseline.js', 'dist/fixtures/generate.js']) {
    if (!existsSync(join(dir, script))) throw new Error(`tsc did not produce ${script}: ${tsc.stdout}${tsc.stderr}`);
  }
  return dir;
}

beforeAll(async () => {
  build = compile();
  results = await runBench({
    stays: STAYS, seed: 7, only: ['baseline', 'ingest', 'indicators', 'check', 'report', 'help'], skipSmall: false, repeat: 1,
    memoryLimit: null, out: null, root: build, dataDir: join(build, 'bench/data'),
  });
}, 900_000);

afterAll(() => {
  if (build) rmSync(build, { recursive: true, force: true });
});

describe('bench/run', () => {
  it('measures every command at N and N/10 (report when this build has it)', () => {
    for (const stays of [STAYS, STAYS / 10]) {
      const ids = results.commands.filter((c) => c.stays === stays).map((c) => c.id);
      expect(ids).toEqual(ALL_STEPS.map((s) => s.id));
    }
    for (const c of results.commands) {
      if (!c.available) {
        expect([c.id, c.error]).toEqual(['report', 'not available']);
        continue;
      }
      expect({ id: c.id, exit: c.exit_code, error: c.error }).toEqual({ id: c.id, exit: 0, error: null });
      expect(c.seconds, c.id).toBeGreaterThan(0);
      expect(c.peak_rss_mb, c.id).toBeGreaterThan(0);
      expect(c.runs).toHaveLength(1);
      expect(c.pass === null).toBe(c.id === 'baseline');
    }
  });

  it('compares the stays ingest with the baseline and gives the growth of every command', () => {
    const ingest = results.commands.filter((c) => c.id === 'ingest_stays');
    for (const c of ingest) expect(c.ratio_to_baseline).toBeGreaterThan(0);
    // Only the stays ingest has a ratio: the other files have no baseline.
    expect(results.commands.filter((c) => c.ratio_to_baseline !== null)).toHaveLength(2);
    const measured = results.commands.filter((c) => c.stays === STAYS && c.available).map((c) => c.id);
    expect(results.growth.map((g) => g.id)).toEqual(measured);
    for (const g of results.growth) {
      expect(g.seconds_factor).toBeGreaterThan(0);
      expect(g.linear).toBe(10);
    }
  });

  it('records the machine, the baseline SQL and the data, with paths from the project root', () => {
    expect(results.machine.cpu_count).toBeGreaterThan(0);
    expect(results.machine.duckdb).toMatch(/^v\d+\.\d+/);
    expect(results.baseline.rows).toBe(STAYS);
    expect(results.baseline.sql).toContain("read_csv('bench/data/10000/ospitalita.csv', delim=';', header=true, dateformat='%d/%m/%Y'");
    expect(results.baseline.command).toBe('node dist/bench/baseline.js bench/data/10000/ospitalita.csv bench/data/10000/run/baseline.duckdb');
    expect(results.datasets.map((d) => [d.stays, d.loaded_stays, d.rejected_rows])).toEqual([[STAYS, STAYS, 0], [STAYS / 10, STAYS / 10, 0]]);
    expect(JSON.stringify(results)).not.toContain(build);
  });

  it('records the options as the command line that repeats the run', () => {
    expect(results.generated_by).toBe('npm run bench -- --stays 10000 --seed 7');
    expect(commandLine({ ...defaultArgs(), only: ['ingest', 'help'], skipSmall: true, repeat: 3, memoryLimit: '2GB' }))
      .toBe('npm run bench -- --stays 1000000 --seed 1 --only ingest,help --skip-small --repeat 3 --memory-limit 2GB');
  });
});
