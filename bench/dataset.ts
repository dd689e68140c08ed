/**
 * The benchmark's input: a plain export set of N stays written by the fixture generator into
 * DATA/<N>/, reused when a previous run wrote it with the same N and seed (a stamp file records
 * both and the files' sizes, so a half-written or edited set is regenerated).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DataFile {
  file: string;
  rows: number | null;
  bytes: number;
}

export interface Dataset {
  dir: string;
  stays: number;
  seed: number;
  /** The generator's command line, as a reader would retype it from the project root. */
  command: string;
  files: DataFile[];
  /** Seconds the generator took in this run; null when the set was reused. */
  generatedSeconds: number | null;
}

interface Stamp {
  stays: number;
  seed: number;
  command: string;
  files: DataFile[];
}

const STAMP = 'dataset.json';

export function generatorArgs(stays: number, seed: number, dir: string): string[] {
  return ['--stays', String(stays), '--seed', String(seed), '--plain', '--out', dir];
}

/** Rows per file from the generator's summary line: `wrote DIR in 2.4 s: alloggi.csv 1799, ospitalita.csv 10000, …`. */
export function rowsFromSummary(stdout: string): Map<string, number> {
  const rows = new Map<string, number>();
  for (const m of stdout.matchAll(/([\w.-]+\.csv) (\d+)/g)) rows.set(m[1]!, Number(m[2]));
  return rows;
}

function reusable(dir: string, stays: number, seed: number): Stamp | null {
  const path = join(dir, STAMP);
  if (!existsSync(path)) return null;
  try {
    const stamp = JSON.parse(readFileSync(path, 'utf8')) as Stamp;
    if (stamp.stays !== stays || stamp.seed !== seed || stamp.files.length === 0) return null;
    const intact = stamp.files.every((f) => existsSync(join(dir, f.file)) && statSync(join(dir, f.file)).size === f.bytes);
    return intact ? stamp : null;
  } catch {
    return null;
  }
}

export async function ensureDataset(root: string, dataDir: string, stays: number, seed: number, log: (line: string) => void): Promise<Dataset> {
  const dir = join(dataDir, String(stays));
  const command = `node dist/fixtures/generate.js ${generatorArgs(stays, seed, `bench/data/${stays}`).join(' ')}`;
  const stamp = reusable(dir, stays, seed);
  if (stamp) {
    log(`reusing ${dir} (${stays} stays, seed ${seed})`);
    return { dir, stays, seed, command: stamp.command, files: stamp.files, generatedSeconds: null };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating ${stays} stays (seed ${seed}) into ${dir} …`);
  const started = process.hrtime.bigint();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/fixtures/generate.js'), ...generatorArgs(stays, seed, dir)], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`the generator failed (exit ${code}): ${err.trim().slice(0, 500)}`))));
  });
  const generatedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = rowsFromSummary(stdout);
  if (rows.size === 0) throw new Error(`the generator wrote no summary line: ${stdout.slice(0, 200)}`);
  const files = [...rows.keys()].map((file) => ({ file, rows: rows.get(file) ?? null, bytes: statSync(join(dir, file)).size }));
  writeFileSync(join(dir, STAMP), `${JSON.stringify({ stays, seed, command, files } satisfies Stamp, null, 2)}\n`);
  return { dir, stays, seed, command, files, generatedSeconds };
}
