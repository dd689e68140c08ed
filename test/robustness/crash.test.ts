/**
 * Crash safety (§2 "each call is one transaction"): a real `mev ingest` process on a large file,
 * killed with SIGKILL while it stages the file, while it writes inside its transaction, and while
 * it commits. Afterwards the database is exactly as before (or, killed in the commit, exactly
 * as after), it opens, and a new ingest works. A database in use by another process is said so
 * on one line, with exit 1.
 *
 * The CLI is compiled from the current sources into a private directory (beside symlinks to the
 * package's data and node_modules), so the test never depends on, nor touches, the shared dist/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db.js';
import { mev, query, testDir, windows1252, type TestDir } from '../helpers.js';
import { copyDb, snapshotDb, STACK_FRAME } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAYS = 120_000;
const UNITS = 200;
const SECRETS = ['RSSMRA80A41F205X', 'maria.rossi@example.it'];

let build: string;
let cli: string;
let t: TestDir;
const base = { db: '', snapshot: '', stays: 0 };

/** Compiles the CLI into a private directory; returns that directory. */
function compile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mev-build-'));
  for (const name of ['package.json', 'schemas', 'indicators', 'reports', 'node_modules']) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(dir, 'dist')], { encoding: 'utf8', timeout: 120_000 });
  // Type errors elsewhere in the tree (work in progress) still emit JavaScript: only the CLI must exist.
  if (!existsSync(join(dir, 'dist/cli.js'))) throw new Error(`tsc did not produce cli.js: ${tsc.stdout}${tsc.stderr}`);
  return dir;
}

/** A large Windows-1252 stays export (read through the decoding pipe), with a few identifiers in it. */
function bigStays(): Buffer {
  const lines = ['codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso;data_uscita;ente_inviante;target'];
  for (let i = 1; i <= STAYS; i++) {
    const d = 1 + (i % 28);
    const m = 1 + (i % 12);
    const person = i % 10_000 === 0 ? SECRETS[0] : `Q${i % 40_000}`;
    const agency = i % 10_000 === 5 ? `referente ${SECRETS[1]}` : 'Comune di Monza – Servizi sociali, città';
    lines.push(`K${i};${person};U${1 + (i % UNITS)};1;${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2023;${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2024;${agency};madre_con_figli`);
  }
  return windows1252(`${lines.join('\n')}\n`);
}

interface Child {
  process: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnIngest(db: string, file: string, tmp: string): Child {
  const child = spawn(process.execPath, [cli, 'ingest', file, '--db', db], { env: { ...process.env, TMPDIR: tmp, MEV_DEBUG: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { process: child, stderr: () => stderr, exit };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `ready` every few milliseconds until it holds (true) or the child exits (false). */
async function until(child: Child, ready: () => boolean, everyMs = 5): Promise<boolean> {
  let exited = false;
  void child.exit.then(() => (exited = true));
  while (!exited) {
    if (ready()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** True when the process has `path` open (Linux /proc). */
function hasOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** A fresh copy of the base database (with its key) under `name`, and a private TMPDIR for the child. */
function fresh(name: string): { db: string; tmp: string } {
  const dir = t.path(name);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const db = join(dir, 'mev.duckdb');
  copyDb(base.db, db);
  return { db, tmp: join(dir, 'tmp') };
}

/** After a kill: the database opens, holds no identifier of the killed call, and a new ingest works. */
async function expectUsable(db: string): Promise<void> {
  for (const file of [db, `${db}.wal`].filter(existsSync)) {
    const bytes = readFileSync(file).toString('latin1');
    for (const secret of SECRETS) expect(bytes, file).not.toContain(secret);
  }
  const run = await mev(['ingest', t.path('nuove.csv'), '--db', db]);
  expect(run.code, run.stderr).toBe(0);
  expect(await query(db, `SELECT codice_caso FROM ospitalita WHERE codice_caso = 'N1'`)).toEqual([{ codice_caso: 'N1' }]);
}

/** Whatever a killed call left in its TMPDIR is a named pipe (which holds no data on disk), never a file. */
function expectNoTemporaryFile(tmp: string): void {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (lstatSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  for (const file of walk(tmp)) expect(lstatSync(file).isFIFO(), file).toBe(true);
}

beforeAll(async () => {
  build = compile();
  cli = join(build, 'dist/cli.js');
  const units = ['codice_alloggio;ambito;comune;posti;data_apertura', ...Array.from({ length: UNITS }, (_, i) => `U${i + 1};Monza;Monza;4;01/01/2020`)].join('\n');
  t = testDir({
    'alloggi.csv': `${units}\n`,
    'ospitalita.csv': 'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso\nB1;P1;U1;1;01/02/2024\nB2;P2;U2;2;01/03/2024\n',
    'nuove.csv': 'codice_caso;codice_persona;codice_alloggio;posti_occupati;data_ingresso\nN1;P9;U3;1;01/04/2024\n',
  });
  writeFileSync(t.path('grande.csv'), bigStays());
  mkdirSync(t.path('base'));
  base.db = t.path('base/mev.duckdb');
  const run = await mev(['ingest', t.path('alloggi.csv'), t.path('ospitalita.csv'), '--db', base.db, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  base.snapshot = await snapshotDb(base.db);
  base.stays = 2;
}, 180_000);

afterAll(() => {
  t?.cleanup();
  if (build) rmSync(build, { recursive: true, force: true });
});

describe('robustness: crash safety', () => {
  it('killed while staging: the database is as it was; meanwhile a second mev finds it in use', async () => {
    const { db, tmp } = fresh('staging');
    const child = spawnIngest(db, t.path('grande.csv'), tmp);
    try {
      // Started: the child has the database and the input open. It is stopped there (SIGSTOP keeps
      // its locks and files), so that the checks below find it at work however fast the machine.
      expect(await until(child, () => hasOpen(child.process.pid!, db) && hasOpen(child.process.pid!, t.path('grande.csv')), 2), child.stderr()).toBe(true);
      child.process.kill('SIGSTOP');
      for (const args of [['ingest', t.path('nuove.csv')], ['sql', 'SELECT 1'], ['indicators', '--period', '2024']]) {
        const other = await mev([...args, '--db', db]);
        expect(other.code, args[0]).toBe(1);
        expect(other.stderr, args[0]).toMatch(/^mev: database .* in uso da un altro processo mev: attendi che finisca e riprova\n$/);
      }
    } finally {
      child.process.kill('SIGKILL');
    }
    expect(await child.exit).toMatchObject({ signal: 'SIGKILL' });
    expect(await snapshotDb(db)).toBe(base.snapshot);
    expectNoTemporaryFile(tmp);
    await expectUsable(db);
  });

  it('killed while writing inside its transaction: the database is as it was', async () => {
    const { db, tmp } = fresh('writing');
    const size = statSync(db).size;
    const child = spawnIngest(db, t.path('grande.csv'), tmp);
    // DuckDB writes the new rows of a large insert straight into the file before the commit: the
    // file grows while the transaction runs.
    const writing = await until(child, () => statSync(db).size > size);
    child.process.kill('SIGKILL');
    expect(writing, `the ingest ended before writing: ${child.stderr()}`).toBe(true);
    expect(await child.exit).toMatchObject({ signal: 'SIGKILL' });
    expect(await snapshotDb(db)).toBe(base.snapshot);
    expectNoTemporaryFile(tmp);
    await expectUsable(db);
  });

  it('killed once its rows are written (commit, checkpoint): all of the call or nothing of it', async () => {
    const { db, tmp } = fresh('commit');
    const size = statSync(db).size;
    const child = spawnIngest(db, t.path('grande.csv'), tmp);
    // A large commit writes no WAL here: the rows go straight into the file, then the commit and
    // the checkpoint write the headers. Wait for the file to grow, then to stop growing for 30 ms.
    let last = size;
    let stableSince = 0;
    await until(child, () => {
      const now = statSync(db).size;
      if (now !== last) [last, stableSince] = [now, Date.now()];
      return last > size && Date.now() - stableSince >= 30;
    }, 1);
    child.process.kill('SIGKILL');
    const exit = await child.exit;
    expect(exit.signal === 'SIGKILL' || exit.code === 0, child.stderr()).toBe(true);
    const stays = await query<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM ospitalita');
    if (stays[0]!.n === base.stays) {
      expect(await snapshotDb(db)).toBe(base.snapshot);
    } else {
      // Everything: every stay, and the call's own line in ingest_log.
      expect(stays).toEqual([{ n: base.stays + STAYS }]);
      expect(await query(db, 'SELECT max(ingest_id)::INTEGER AS id, sum(rows_inserted)::INTEGER AS inserted FROM ingest_log WHERE ingest_id > 1')).toEqual([{ id: 2, inserted: STAYS }]);
    }
    await expectUsable(db);
  });

  it('a database held read-write by another process: each command says so on one line and exits 1', async () => {
    const { db } = fresh('held');
    const holder = await Database.open(db);
    try {
      const commands = [
        ['ingest', t.path('nuove.csv')],
        ['sql', 'SELECT 1'],
        ['export', '--out', t.path('held/export')],
        ['indicators', '--period', '2024'],
      ];
      const runs = await Promise.all(
        commands.map(
          (args) =>
            new Promise<{ code: number | null; stderr: string }>((resolve) => {
              const child = spawn(process.execPath, [cli, ...args, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
              let stderr = '';
              child.stderr!.on('data', (c) => (stderr += String(c)));
              child.on('exit', (code) => resolve({ code, stderr }));
            }),
        ),
      );
      runs.forEach((run, i) => {
        expect(run.code, commands[i]![0]).toBe(1);
        expect(run.stderr, commands[i]![0]).toMatch(/^mev: database .* in uso da un altro processo mev: attendi che finisca e riprova\n$/);
        expect(run.stderr).not.toMatch(STACK_FRAME);
      });
    } finally {
      holder.close();
    }
    expect(await snapshotDb(db)).toBe(base.snapshot);
    await expectUsable(db);
  });
});
