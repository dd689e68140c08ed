/**
 * Helpers shared by the robustness tests: a full snapshot of a database (every table and view,
 * every row), copies of a database with its key, and the shape of a user error (exit 1, one line
 * on stderr, no stack trace).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { expect } from 'vitest';
import { createCLI, type CliEffects } from '../../cli.js';
import { runCheck } from '../../src/commands/check.js';
import { Database } from '../../src/db.js';
import { mulberry32 } from '../../src/random.js';
import { mev, type CliRun } from '../helpers.js';

/** Every table and view of the database with all its rows, in a stable order, as one string. */
export async function snapshotDb(path: string): Promise<string> {
  const db = await Database.open(path, { readOnly: true });
  try {
    const relations = await db.all<{ name: string }>(
      `SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal AND database_name = current_database()
       UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()
       ORDER BY 1`,
    );
    const out: Record<string, unknown> = {};
    for (const { name } of relations) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      out[name] = await db.all(`SELECT * FROM ${quoted} ORDER BY ALL`);
    }
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}

/** Copies a database and its key file (`<db>.key`) to `to`. */
export function copyDb(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
  copyFileSync(`${from}.key`, `${to}.key`);
}

/** A stack frame as Node prints it (`    at fn (file.js:1:2)`). */
export const STACK_FRAME = /^\s*at .+[:(]/m;

/** Exit 1 and exactly one line on stderr, starting with `mev: `, naming `file`, without a stack trace. */
export function expectOneLineError(run: CliRun, file: string, pattern?: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^mev: /);
  if (file) expect(lines[0]).toContain(file);
  if (pattern) expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toMatch(/errore interno/);
}

/** Never an internal error: exit 0 or 1, no stack frame, no «errore interno». */
export function expectNoCrash(run: CliRun): void {
  expect([0, 1], run.stderr).toContain(run.code);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toMatch(/errore interno/);
}

/** A small seeded random generator (mulberry32, src/random.ts) for generated inputs. */
export const seeded = mulberry32;

/** `mev check` through the CLI when it is wired there, else through its command module. */
export async function checkCommand(db: string, format: 'table' | 'json', cwd: string): Promise<CliRun> {
  if (createCLI().program.commands.some((c) => c.name() === 'check')) return mev(['check', '--db', db, '--format', format], {}, cwd);
  let stdout = '';
  let stderr = '';
  const effects: CliEffects = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {}, cwd };
  await runCheck({ db, format }, effects);
  return { code: 0, stdout, stderr };
}
