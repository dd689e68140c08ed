/**
 * The one place that opens DuckDB. Every command goes through `Database.open`, so the privacy and
 * resource settings (file mode 0600, spilling only to a private directory beside the database,
 * memory limit, threads) are set once, here.
 */
import { chmodSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UserError } from './errors.js';
import * as msg from './messages.js';

export type Row = Record<string, unknown>;

export interface OpenOptions {
  readOnly?: boolean;
  /** Lock external access and configuration after opening (used by `mev sql`). */
  locked?: boolean;
}

export const DEFAULT_DB = 'mev.duckdb';

/** The database path: --db, else MEV_DB, else ./mev.duckdb. */
export function resolveDbPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env['MEV_DB'] ?? DEFAULT_DB;
}

export function memoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  return env['MEV_MEMORY_LIMIT'] ?? '500MB';
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/**
 * A fraction of a DuckDB memory limit such as '500MB' or '1.5GiB', as a limit in whole MB
 * (fraction 0.6 of '500MB' is '300MB'); null when the text is not a number with a unit.
 */
export function scaledMemoryLimit(limit: string, fraction: number): string | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)\s*$/i.exec(limit);
  if (!m) return null;
  const bytes = Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  return `${Math.max(1, Math.floor((bytes * fraction) / 1e6))}MB`;
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    const isNew = path !== ':memory:' && !existsSync(path);
    if (options.readOnly && isNew) throw new UserError(msg.dbMissing(path));
    const previousUmask = process.umask(0o077);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        access_mode: options.readOnly ? 'READ_ONLY' : 'READ_WRITE',
        threads: String(Math.max(1, Math.min(availableParallelism(), 8))),
        memory_limit: memoryLimit(),
        // Spilling goes to a private directory beside the database (created under umask 077). What can
        // spill holds no direct identifier: identifier columns are never read, and identifier-shaped
        // values are hashed or redacted in the reading query itself.
        temp_directory: path === ':memory:' ? '' : `${path}.tmp`,
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
    } catch (error) {
      throw mapOpenError(path, error);
    } finally {
      process.umask(previousUmask);
    }
    if (isNew) chmodSync(path, 0o600);
    const connection = await instance.connect();
    const db = new Database(path, instance, connection);
    if (options.locked) {
      await db.run(`SET enable_external_access = false`);
      await db.run(`SET lock_configuration = true`);
    }
    return db;
  }

  async run(sql: string, params?: unknown[]): Promise<void> {
    await this.connection.run(sql, params as never);
  }

  /** Runs a data-changing statement and returns how many rows it changed. */
  async changes(sql: string, params?: unknown[]): Promise<number> {
    const result = await this.connection.run(sql, params as never);
    return Number(result.rowsChanged);
  }

  /** Rows as plain objects: BIGINT → number, DATE → 'yyyy-mm-dd', TIMESTAMP → ISO string. */
  async all<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    const dateColumns = new Set(
      reader.columnNames().filter((_, i) => reader.columnTypes()[i]!.toString() === 'DATE'),
    );
    return reader.getRowObjectsJS().map((row) => plainRow(row, dateColumns) as T);
  }

  async one<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async value<T = unknown>(sql: string, params?: unknown[]): Promise<T> {
    const row = await this.one(sql, params);
    return (row ? Object.values(row)[0] : undefined) as T;
  }

  /** Runs `work` in one transaction: everything or nothing. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export function plainValue(value: unknown, isDate = false): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return isDate ? value.toISOString().slice(0, 10) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plainValue(v));
  if (typeof value === 'object') {
    const out: Row = {};
    for (const [k, v] of Object.entries(value as Row)) out[k] = plainValue(v);
    return out;
  }
  return value;
}

function plainRow(row: Record<string, unknown>, dateColumns: Set<string>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v, dateColumns.has(k));
  return out;
}

function mapOpenError(path: string, error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(text)) return new UserError(msg.dbLocked(path));
  if (/not a valid DuckDB database|database file .* is not|Unable to open|Cannot open/i.test(text)) return new UserError(msg.dbUnreadable(path, text));
  return error instanceof Error ? error : new Error(text);
}

/** Quotes an identifier for generated SQL. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for generated SQL. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
