import { it } from 'vitest';
import { Database } from '../../src/db.js';
import { StatementType } from '@duckdb/node-api';
it('explore', async () => {
  const db = await Database.open('/tmp/mevtry/t.duckdb', { readOnly: true, locked: true });
  const stmts = [
    "PRAGMA enable_profiling", "PRAGMA table_info('alloggi')", "PRAGMA show_tables", "PRAGMA database_list", "PRAGMA version", "PRAGMA storage_info('alloggi')", "SET search_path='main'", "SET VARIABLE x = 1", "SHOW TABLES", "SHOW alloggi", "DESCRIBE alloggi", "SUMMARIZE alloggi", "EXPLAIN select 1", "EXPLAIN ANALYZE select 1",
    "CALL pragma_version()", "FROM alloggi", "WITH a AS (select 1) select * from a", "VALUES (1),(2)", "select 1 union all select 2", "PIVOT alloggi ON ambito USING count(*)", "CREATE TEMP TABLE q AS SELECT 1", "BEGIN", "COMMIT", "LOAD json", "CHECKPOINT", "PREPARE p AS SELECT 1", "INSERT INTO alloggi (codice_alloggio) VALUES ('x')", "COPY alloggi TO '/tmp/x.csv'", "ATTACH 'x.db'", "DETACH x", "USE t", "RESET search_path", "PRAGMA threads=1", "PRAGMA disable_profiling", "PRAGMA disable_optimizer", "PRAGMA enable_progress_bar", "SELECT * FROM pragma_table_info('alloggi')", "select 1; select 2",
  ];
  for (const s of stmts) {
    try {
      const ex = await db.connection.extractStatements(s);
      const types = [];
      for (let i = 0; i < ex.count; i++) { try { const p = await ex.prepare(i); types.push(StatementType[p.statementType]); } catch (e) { types.push('PREPFAIL ' + (e as Error).message.split('\n')[0]); } }
      console.log('TYPE', s, types.join(','));
    } catch (e) { console.log('EXFAIL', s, '→', (e as Error).message.split('\n')[0]); }
  }
  const r = await db.connection.run('select 1 as a; select 2 as b');
  console.log('MULTI', r.columnNames(), await r.getRowsJS());
  const r2 = await db.connection.runAndReadAll("select date '2024-02-29' d, 12.30::decimal(10,2) m, 5::bigint b, 2::hugeint h, 1.5::double x, 'a' s, ['a','b'] l, {'k':1} st, timestamp '2024-01-01 10:00:00' ts, true bo, 1::tinyint ti, 'x'::blob bl, interval 1 day iv, uuid() u, time '10:00' t, '2024-01-01 10:00:00+02'::timestamptz tz, 'a'::enum('a','b') en, 3::ubigint ub, 1.5::float fl");
  console.log('TYPES', r2.columnTypes().map((t) => t.toString() + ':' + t.typeId));
  console.log('ROWS', r2.getRows()[0]);
  console.log('JSON', JSON.stringify(r2.getRowObjectsJson()[0]));
  console.log('JS', r2.getRowObjectsJS()[0]);
  const r3 = await db.connection.runAndReadAll("select * from ospitalita");
  console.log('OSP', r3.columnNames().map((n, i) => n + ':' + r3.columnTypes()[i]!.toString()).join(' '));
  const r4 = await db.connection.runAndReadAll("select table_name, table_type from information_schema.tables");
  console.log(r4.getRowObjectsJS());
  const r5 = await db.connection.runAndReadAll("select view_name, comment, temporary, internal, schema_name from duckdb_views() where not internal");
  console.log(r5.getRowObjectsJS());
});
