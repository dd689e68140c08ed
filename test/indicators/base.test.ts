/**
 * Building the base relations (src/indicators/base.ts): a relation built with the join's build side
 * as written leaves DuckDB's optimizer settings as they were.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { baseRelations, buildBase, buildStatements } from '../../src/indicators/base.js';

const project = loadProject(null);

describe('base relations', () => {
  it('builds path_scores with the build side as written, and turns the optimizer back on after', async () => {
    const pathScores = baseRelations('2025-12-31', project).find(([name]) => name === 'path_scores')!;
    const statements = buildStatements(pathScores);
    expect(statements[0]).toBe(`SET disabled_optimizers = 'build_side_probe_side'`);
    expect(statements[1]).toMatch(/^CREATE OR REPLACE TEMP TABLE path_scores AS /);
    expect(statements[2]).toBe('RESET disabled_optimizers');
    const db = await Database.open(':memory:');
    try {
      await ensureSchema(db, project);
      await buildBase(db, '2025-12-31', project);
      expect(await db.value(`SELECT current_setting('disabled_optimizers')`)).toBe('');
      expect(Number(await db.value('SELECT count(*) FROM path_scores'))).toBe(0);
    } finally {
      db.close();
    }
  });
});
