import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { loadRows } from '../../src/indicators/example.js';
import { computeCatalogue } from '../../src/indicators/index.js';
import { networkMapData } from '../../src/network/map-data.js';

const project = loadProject(null);

const trust = (t: [number | null, number | null, number | null]) => ({
  fiducia_affidabilita: t[0], fiducia_missione: t[1], fiducia_apertura: t[2],
});

/**
 * Wave 2025: E1..E4 and E6 (every wave); E5 belongs to 2024 only, so E1's rating of it is left out.
 * Ratings: E1→E2 3 trust (4,4,4); E2→E1 1 trust (2,2,–); E1→E3 2; E3→E1 0; E4→E2 1 trust (3,3,3).
 * Ties (livello ≥ 1): E1→E2, E2→E1, E1→E3, E4→E2 → undirected path E3–E1–E2–E4, E6 isolated.
 */
const GIVEN = {
  enti: [
    { codice_ente: 'E1', nome: 'Comune di Monza', tipo: 'comune', ambito: 'Monza' },
    { codice_ente: 'E2', nome: 'CAV Brianza', tipo: 'centro_antiviolenza', ambito: 'Desio' },
    { codice_ente: 'E3', nome: 'Caritas', tipo: 'associazione', ambito: 'Seregno' },
    { codice_ente: 'E4', nome: 'Cooperativa Aurora', tipo: 'cooperativa' },
    { codice_ente: 'E5', nome: 'ATS', tipo: 'sanita', ondate: ['2024'] },
    { codice_ente: 'E6', nome: 'Fondazione', tipo: 'fondazione' },
  ],
  rete: [
    { ondata: '2025', ente: 'E1', partner: 'E2', livello: 3, ...trust([4, 4, 4]) },
    { ondata: '2025', ente: 'E2', partner: 'E1', livello: 1, ...trust([2, 2, null]) },
    { ondata: '2025', ente: 'E1', partner: 'E3', livello: 2 },
    { ondata: '2025', ente: 'E3', partner: 'E1', livello: 0 },
    { ondata: '2025', ente: 'E4', partner: 'E2', livello: 1, ...trust([3, 3, 3]) },
    { ondata: '2025', ente: 'E1', partner: 'E5', livello: 4 },
  ],
};

let db: Database;
beforeEach(async () => {
  db = await Database.open(':memory:');
  await ensureSchema(db, project);
  await loadRows(db, GIVEN);
});
afterEach(() => db.close());

describe('network/map-data', () => {
  it('lists the organisations of the wave with type, ambito, degree, betweenness and trust received', async () => {
    const { nodes } = await networkMapData(db, '2025');
    // Degrees on the path E3–E1–E2–E4: 2, 2, 1, 1; E6 0. Betweenness over (5−1)(5−2)/2 = 6 pairs:
    // E1 lies between E3 and each of E2, E4 (2/6); E2 between E4 and each of E1, E3 (2/6).
    // Trust received: E1 (2 + 2) / 2 = 2 from E2; E2 (4 + 3) / 2 = 3.5 from E1 and E4 (4 and 3).
    expect(nodes).toEqual([
      { id: 'E1', name: 'Comune di Monza', type: 'comune', ambito: 'Monza', respondent: true, degree: 2, betweenness: 1 / 3, trust: 2, trustRaters: 1 },
      { id: 'E2', name: 'CAV Brianza', type: 'centro_antiviolenza', ambito: 'Desio', respondent: true, degree: 2, betweenness: 1 / 3, trust: 3.5, trustRaters: 2 },
      { id: 'E3', name: 'Caritas', type: 'associazione', ambito: 'Seregno', respondent: true, degree: 1, betweenness: 0, trust: null, trustRaters: 0 },
      { id: 'E4', name: 'Cooperativa Aurora', type: 'cooperativa', ambito: null, respondent: true, degree: 1, betweenness: 0, trust: null, trustRaters: 0 },
      { id: 'E6', name: 'Fondazione', type: 'fondazione', ambito: null, respondent: false, degree: 0, betweenness: 0, trust: null, trustRaters: 0 },
    ]);
  });

  it('gives each undirected tie once, with both sides’ levels, the higher one and reciprocity', async () => {
    const { ties } = await networkMapData(db, '2025');
    expect(ties).toEqual([
      // E1 said 3, E2 said 1: both ties, reciprocated; level 3
      { source: 'E1', target: 'E2', level: 3, levelBySource: 3, levelByTarget: 1, reciprocated: true },
      // E1 said 2, E3 said 0 (no tie back)
      { source: 'E1', target: 'E3', level: 2, levelBySource: 2, levelByTarget: 0, reciprocated: false },
      // only E4 rated E2 (the source is the lower code whoever reported it)
      { source: 'E2', target: 'E4', level: 1, levelBySource: null, levelByTarget: 1, reciprocated: false },
    ]);
  });

  it('agrees with the indicators of the same wave, also after a catalogue run built the base relations', async () => {
    const result = await computeCatalogue(db, project, { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31', ids: ['org_degree', 'trust_score'] });
    const { nodes } = await networkMapData(db, '2025');
    for (const node of nodes) {
      const pick = (id: string) => result.values.find((v) => v.id === id && v.group['org'] === node.id && v.group['wave'] === '2025');
      expect(pick('org_degree')?.value).toBe(node.degree);
      expect(pick('trust_score')?.value).toBe(node.trust);
      expect(pick('trust_score')?.n).toBe(node.trustRaters);
    }
  });

  it('a wave without answers gives its organisations as isolates; an unknown wave an empty map', async () => {
    // 2024: E1..E4, E6 (every wave) and E5, no ratings
    const quiet = await networkMapData(db, '2024');
    expect(quiet.nodes.map((n) => [n.id, n.degree, n.respondent])).toEqual([
      ['E1', 0, false], ['E2', 0, false], ['E3', 0, false], ['E4', 0, false], ['E5', 0, false], ['E6', 0, false],
    ]);
    expect(quiet.ties).toEqual([]);
    expect(await networkMapData(db, '1999')).toEqual({ nodes: [], ties: [] });
  });

  it('a single organisation has no betweenness (fewer than three nodes)', async () => {
    const solo = await Database.open(':memory:');
    try {
      await ensureSchema(solo, project);
      await loadRows(solo, { enti: [{ codice_ente: 'E1', nome: 'Comune', ondate: ['2025'] }] });
      expect(await networkMapData(solo, '2025')).toEqual({
        nodes: [{ id: 'E1', name: 'Comune', type: null, ambito: null, respondent: false, degree: 0, betweenness: null, trust: null, trustRaters: 0 }],
        ties: [],
      });
    } finally {
      solo.close();
    }
  });
});
