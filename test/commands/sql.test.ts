import { it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
it('explore', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  for (const q of ['', ' ', ';', '-- x', '/* y */', 'select 1;;', 'select 1; -- c']) {
    try { const e = await c.extractStatements(q); console.log(JSON.stringify(q), 'count', e.count); } catch (err) { console.log(JSON.stringify(q), 'ERR', (err as Error).message); }
  }
});
