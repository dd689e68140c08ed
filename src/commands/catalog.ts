/**
 * The tables and views of a mev database as the user sees them (schema main, not temporary, not
 * DuckDB's own), in a reading order: the entities as the contract lists them, then the other
 * tables alphabetically, then the views.
 */
import { ENTITY_NAMES } from '../../schemas/entities.js';
import type { Database } from '../db.js';

export interface Relation {
  name: string;
  kind: 'table' | 'view';
  comment: string | null;
}

export async function listRelations(db: Database): Promise<Relation[]> {
  const rows = await db.all<{ name: string; kind: 'table' | 'view'; comment: string | null }>(
    `SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
     UNION ALL
     SELECT view_name, 'view', comment FROM duckdb_views()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal`,
  );
  return rows.sort(compareRelations);
}

function compareRelations(a: Relation, b: Relation): number {
  const rank = (r: Relation) => {
    if (r.kind === 'view') return ENTITY_NAMES.length + 1;
    const entity = (ENTITY_NAMES as string[]).indexOf(r.name);
    return entity >= 0 ? entity : ENTITY_NAMES.length;
  };
  return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
