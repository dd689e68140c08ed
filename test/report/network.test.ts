import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { loadRows } from '../../src/indicators/example.js';
import { MAP_HEIGHT, MAP_LABELS, MAP_MAX_NODES, MAP_WIDTH, networkMap } from '../../src/report/network.js';

/**
 * Wave 2025 with n organisations: E000 rates every other one (a hub of degree n − 1), and each
 * other organisation i rates i + 1 (a path), so degrees are n − 1 for the hub, 3 inside the path
 * and 2 at its two ends.
 */
async function star(n: number): Promise<Database> {
  const db = await Database.open(':memory:');
  await ensureSchema(db, loadProject(null));
  const code = (i: number) => `E${String(i).padStart(3, '0')}`;
  await loadRows(db, {
    enti: Array.from({ length: n }, (_, i) => ({ codice_ente: code(i), nome: `Ente ${i}`, tipo: i % 2 ? 'comune' : 'cooperativa' })),
    rete: [
      ...Array.from({ length: n - 1 }, (_, i) => ({ ondata: '2025', ente: code(0), partner: code(i + 1), livello: 1 + (i % 5) })),
      ...Array.from({ length: n - 2 }, (_, i) => ({ ondata: '2025', ente: code(i + 1), partner: code(i + 2), livello: 2 })),
    ],
  });
  return db;
}

describe('network', () => {
  it(`keeps the ${MAP_MAX_NODES} most central organisations, placed inside the map, the most connected named`, async () => {
    const db = await star(160);
    try {
      const map = await networkMap(db, '2025');
      expect(map.organisations).toBe(160);
      expect(map.nodes.length).toBe(MAP_MAX_NODES);
      // Left out: the two path ends (degree 2) and, among the degree-3 ones, those with the lowest
      // betweenness and then the highest codes.
      const ids = new Set(map.nodes.map((n) => n.id));
      expect(ids.has('E000')).toBe(true);
      expect(ids.has('E001')).toBe(false);
      expect(ids.has('E159')).toBe(false);
      expect(map.nodes.find((n) => n.id === 'E000')!.degree).toBe(159);
      for (const n of map.nodes) {
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.x).toBeLessThanOrEqual(MAP_WIDTH);
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeLessThanOrEqual(MAP_HEIGHT);
      }
      expect(map.nodes.filter((n) => n.labelled).length).toBe(MAP_LABELS);
      // Ties among the kept organisations only: the hub's 149 and the path's ties between kept ones.
      expect(map.ties.length).toBeLessThan(159 + 158);
      expect(map.ties.length).toBeGreaterThan(149);
      // Deterministic: the same map on a second call.
      expect(await networkMap(db, '2025')).toEqual(map);
    } finally {
      db.close();
    }
  });

  it('gives an empty map for a wave with no organisations', async () => {
    const db = await star(5);
    try {
      const map = await networkMap(db, '1999');
      expect(map.nodes).toEqual([]);
      expect(map.ties).toEqual([]);
    } finally {
      db.close();
    }
  });
});
