/** Test helpers: a temp directory from an object of files, the CLI run in-process, database reads. */
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCLI } from '../cli.js';
import { Database, type Row } from '../src/db.js';
import { encodeWindows1252 } from '../src/encoding.js';

export interface TestDir {
  dir: string;
  path(name: string): string;
  db: string;
  cleanup(): void;
}

export type FileContent = string | Buffer | { text: string; encoding: 'windows-1252' | 'utf-8-bom' | 'utf-16le' };

export function testDir(files: Record<string, FileContent> = {}): TestDir {
  const dir = mkdtempSync(join(tmpdir(), 'mev-test-'));
  const t: TestDir = {
    dir,
    path: (name) => join(dir, name),
    db: join(dir, 'mev.duckdb'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [name, content] of Object.entries(files)) writeFile(t, name, content);
  return t;
}

export function writeFile(t: TestDir, name: string, content: FileContent): string {
  const path = t.path(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encode(content));
  return path;
}

export function encode(content: FileContent): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  if (Buffer.isBuffer(content)) return content;
  if (content.encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content.text, 'utf8')]);
  if (content.encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content.text, 'utf16le')]);
  return windows1252(content.text);
}

export function windows1252(text: string): Buffer {
  return encodeWindows1252(text);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function mev(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const cli = createCLI({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: { ...env }, cwd });
  const code = await cli.run(args);
  return { code, stdout, stderr };
}

export async function query<T extends Row = Row>(dbPath: string, sql: string): Promise<T[]> {
  const db = await Database.open(dbPath, { readOnly: true });
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}

/** Lines of a `;` CSV from rows of cells. */
export function csv(rows: (string | number)[][], delimiter = ';', eol = '\n'): string {
  return rows.map((r) => r.join(delimiter)).join(eol) + eol;
}
