/**
 * The benchmark's baseline: plain DuckDB reading the stays file with a typed `read_csv` into a
 * table of a fresh file database, as a whole Node process like mev itself:
 *
 *   node dist/bench/baseline.js STAYS.csv DB.duckdb
 *
 * The column types are the ones mev stores (src/ddl.ts: decimals as DOUBLE), so both end with the
 * same table. DuckDB runs with its own defaults (threads = cores, memory limit 80 % of RAM): the
 * point is what plain DuckDB does. Prints one JSON line: rows, DuckDB version and settings.
 */
import { pathToFileURL } from 'node:url';

/** The stays columns in file order with the types mev stores them as. */
export const STAYS_COLUMNS: Array<[string, string]> = [
  ['codice_caso', 'VARCHAR'], ['codice_persona', 'VARCHAR'], ['codice_alloggio', 'VARCHAR'], ['posti_occupati', 'INTEGER'],
  ['data_ingresso', 'DATE'], ['data_uscita', 'DATE'], ['data_segnalazione', 'DATE'], ['ente_inviante', 'VARCHAR'],
  ['target', 'VARCHAR'], ['cittadinanza', 'VARCHAR'], ['anno_nascita', 'INTEGER'], ['figli', 'INTEGER'],
  ['destinazione_uscita', 'VARCHAR'], ['motivo_uscita', 'VARCHAR'], ['reddito_ingresso', 'DOUBLE'], ['reddito_uscita', 'DOUBLE'],
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The exact statement the baseline runs. */
export function baselineSql(csvPath: string): string {
  const columns = STAYS_COLUMNS.map(([name, type]) => `${quote(name)}: ${quote(type)}`).join(', ');
  return `CREATE TABLE s AS SELECT * FROM read_csv(${quote(csvPath)}, delim=';', header=true, `
    + `dateformat='%d/%m/%Y', decimal_separator=',', thousands='.', columns={${columns}})`;
}

export interface BaselineReport {
  rows: number;
  duckdb: string;
  threads: number;
  memory_limit: string;
}

export async function runBaseline(csvPath: string, dbPath: string): Promise<BaselineReport> {
  // Loaded here, not at the top: the bench process imports baselineSql without loading DuckDB.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  try {
    await connection.run(baselineSql(csvPath));
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM s) AS n, version() AS v, current_setting('threads') AS t, current_setting('memory_limit') AS m`,
    );
    const [n, v, t, m] = reader.getRows()[0]!;
    return { rows: Number(n), duckdb: String(v), threads: Number(t), memory_limit: String(m) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [csvPath, dbPath] = process.argv.slice(2);
  if (!csvPath || !dbPath) {
    process.stderr.write('usage: node dist/bench/baseline.js STAYS.csv DB.duckdb\n');
    process.exit(1);
  }
  runBaseline(csvPath, dbPath).then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
