/**
 * Times one whole process: wall time from spawn to exit (process.hrtime), and its peak resident
 * memory. The peak comes from GNU time (`/usr/bin/time -f %M -o FILE`, in KiB) when the machine has
 * it; otherwise a preloaded hook writes the Node process's own `process.resourceUsage().maxRSS` at
 * exit (every timed command is a Node process, so the hook sees the same peak).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RssMethod = 'gnu-time' | 'resource-usage';

export interface ProcessSpec {
  /** Arguments after `node`: a script and its options. */
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Files that receive the process's stdout and stderr. */
  stdout: string;
  stderr: string;
}

export interface Measurement {
  seconds: number;
  /** Peak resident set size in bytes. */
  peakRssBytes: number;
  exitCode: number;
}

const GNU_TIME = '/usr/bin/time';

// Runs in the timed process itself when GNU time is missing; the path comes from the environment.
const RSS_HOOK = 'data:text/javascript,' + encodeURIComponent(
  "import{writeFileSync as w}from'node:fs';process.on('exit',()=>{try{w(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS))}catch{}});",
);

let detected: RssMethod | undefined;

/** GNU time if it answers to `-f %M -o FILE` (BusyBox and BSD time do not), else the hook. */
export function rssMethod(): RssMethod {
  if (detected) return detected;
  detected = 'resource-usage';
  if (existsSync(GNU_TIME)) {
    const dir = mkdtempSync(join(tmpdir(), 'mev-bench-'));
    const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', join(dir, 'rss'), process.execPath, '-e', '0'], { stdio: 'ignore' });
    if (probe.status === 0 && /^\d+\s*$/.test(readIfThere(join(dir, 'rss')))) detected = 'gnu-time';
    rmSync(dir, { recursive: true, force: true });
  }
  return detected;
}

function readIfThere(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Runs `node ...spec.args` to completion and measures it. */
export async function measureProcess(spec: ProcessSpec, method: RssMethod = rssMethod()): Promise<Measurement> {
  const scratch = mkdtempSync(join(tmpdir(), 'mev-bench-'));
  const rssFile = join(scratch, 'rss');
  const [command, args, env] = method === 'gnu-time'
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...spec.args], spec.env]
    : [process.execPath, ['--import', RSS_HOOK, ...spec.args], { ...spec.env, BENCH_RSS_FILE: rssFile }];
  // Outputs can hold codes from the data: readable by the owner only, like mev's own files.
  const out = openSync(spec.stdout, 'w', 0o600);
  const err = openSync(spec.stderr, 'w', 0o600);
  try {
    const started = process.hrtime.bigint();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(command, args, { cwd: spec.cwd, env, stdio: ['ignore', out, err] });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // GNU time writes "Command exited with non-zero status N" before the figure on failure.
    const lines = readIfThere(rssFile).trim().split('\n');
    const kib = Number(lines[lines.length - 1]);
    return { seconds, peakRssBytes: Number.isFinite(kib) ? kib * 1024 : 0, exitCode };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
