import { describe, expect, it } from 'vitest';
import {
  cleanTies,
  connectedComponents,
  density,
  freemanDegreeCentralization,
  networkMetrics,
  reciprocity,
  undirectedAdjacency,
  undirectedEdgeList,
  type DirectedTie,
} from '../../src/network/graph.js';

/**
 * Zachary's karate club as in networkx `karate_club_graph()` (0-based nodes 0..33), read off the
 * upper triangle of networkx's adjacency matrix (networkx/generators/social.py): 78 edges.
 */
const KARATE_EDGES: Array<[number, number]> = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12], [0, 13],
  [0, 17], [0, 19], [0, 21], [0, 31], [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19], [1, 21],
  [1, 30], [2, 3], [2, 7], [2, 8], [2, 9], [2, 13], [2, 27], [2, 28], [2, 32], [3, 7], [3, 12],
  [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30], [8, 32], [8, 33], [9, 33],
  [13, 33], [14, 32], [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32], [20, 33],
  [22, 32], [22, 33], [23, 25], [23, 27], [23, 29], [23, 32], [23, 33], [24, 25], [24, 27], [24, 31],
  [25, 31], [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32], [29, 33], [30, 32], [30, 33],
  [31, 32], [31, 33], [32, 33],
];
const KARATE_DEGREES = [
  16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3, 3, 2, 4, 3, 4, 4, 6, 12, 17,
];
const karateNodes = Array.from({ length: 34 }, (_, i) => String(i));
const karateTies: DirectedTie[] = KARATE_EDGES.map(([a, b]) => ({ from: String(a), to: String(b) }));

const ties = (...pairs: string[]): DirectedTie[] =>
  pairs.map((pair) => {
    const [from, to] = pair.split('>');
    return { from: from!, to: to! };
  });

describe('network/graph', () => {
  describe('karate club fixture', () => {
    it('is the standard 78-edge list with the standard degree sequence', () => {
      const keys = new Set(KARATE_EDGES.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
      expect(keys.size).toBe(78);
      expect(KARATE_EDGES.every(([a, b]) => a !== b && a >= 0 && b <= 33)).toBe(true);
      const degrees = new Array<number>(34).fill(0);
      for (const [a, b] of KARATE_EDGES) {
        degrees[a]! += 1;
        degrees[b]! += 1;
      }
      expect(degrees).toEqual(KARATE_DEGREES);
      expect(degrees[0]).toBe(16);
      expect(degrees[33]).toBe(17);
    });
  });

  describe('networkMetrics on the karate club (networkx reference values)', () => {
    const metrics = networkMetrics({ nodes: karateNodes, ties: karateTies, respondents: karateNodes });

    it('has 34 nodes, 78 edges, one component', () => {
      expect(metrics.n).toBe(34);
      expect(metrics.edges).toBe(78);
      expect(metrics.components).toBe(1);
      expect(new Set(metrics.componentOf.values())).toEqual(new Set([0]));
    });

    it('density 2·78 / (34·33) = 156 / 1122 = 0.139037', () => {
      expect(metrics.density).toBeCloseTo(0.139037, 6);
    });

    it('Freeman centralisation Σ(17 − di) / (33·32) = (34·17 − 156) / 1056 = 422 / 1056 = 0.399621', () => {
      expect(metrics.degreeCentralization).toBeCloseTo(0.399621, 6);
    });

    it('degrees are the undirected degrees', () => {
      expect(karateNodes.map((id) => metrics.degree.get(id))).toEqual(KARATE_DEGREES);
    });

    it('normalised betweenness: node 0 0.437635, node 33 0.304075 (networkx betweenness_centrality)', () => {
      expect(metrics.betweenness.get('0')).toBeCloseTo(0.437635, 6);
      expect(metrics.betweenness.get('33')).toBeCloseTo(0.304075, 6);
      // Node 11 hangs off node 0 only: no shortest path runs through it.
      expect(metrics.betweenness.get('11')).toBe(0);
    });

    it('gives the same undirected measures when every tie is reported both ways', () => {
      const both = [...karateTies, ...karateTies.map(({ from, to }) => ({ from: to, to: from }))];
      const twice = networkMetrics({ nodes: karateNodes, ties: both, respondents: karateNodes });
      expect(twice.edges).toBe(78);
      expect(twice.density).toBe(metrics.density);
      expect(twice.betweenness).toEqual(metrics.betweenness);
      // One-way ties: none returned; both ways: all returned.
      expect(metrics.reciprocity).toBe(0);
      expect(twice.reciprocity).toBe(1);
      expect(twice.tiesBetweenRespondents).toBe(156);
    });
  });

  describe('reciprocity', () => {
    it('counts ties between respondents and how many are returned', () => {
      // Respondents A, B, C; D did not answer. Between respondents: A>B, B>A, A>C, B>C = 4 ties,
      // returned: A>B and B>A = 2, so 2 / 4 = 0.5 (networkx overall_reciprocity of the subgraph
      // on A, B, C: 4 edges, 3 undirected, (4 − 3)·2 / 4 = 0.5). C>D is left out.
      const input = { nodes: ['A', 'B', 'C', 'D'], ties: ties('A>B', 'B>A', 'A>C', 'B>C', 'C>D'), respondents: ['A', 'B', 'C'] };
      const metrics = networkMetrics(input);
      expect(metrics.tiesBetweenRespondents).toBe(4);
      expect(metrics.reciprocatedTies).toBe(2);
      expect(metrics.reciprocity).toBe(0.5);
      // Undirected: A-B, A-C, B-C, C-D = 4 edges; 2·4 / (4·3) = 0.666…
      expect(metrics.edges).toBe(4);
      expect(metrics.density).toBeCloseTo(8 / 12, 12);
    });

    it('is null when no tie joins two respondents', () => {
      const clean = cleanTies(['A', 'B'], ties('A>B'));
      expect(reciprocity(clean, ['A'])).toEqual({ reciprocated: 0, betweenRespondents: 0, share: null });
      expect(reciprocity(clean, ['A', 'B'])).toEqual({ reciprocated: 0, betweenRespondents: 1, share: 0 });
    });

    it('ignores respondents that are not nodes', () => {
      const clean = cleanTies(['A', 'B'], ties('A>B', 'B>A'));
      expect(reciprocity(clean, ['A', 'B', 'Z'])).toEqual({ reciprocated: 2, betweenRespondents: 2, share: 1 });
    });
  });

  describe('input hygiene', () => {
    it('drops self-ties and ties to unknown nodes, collapses duplicate ties and nodes', () => {
      const clean = cleanTies(['A', 'B', 'A', 'C'], ties('A>A', 'A>B', 'A>B', 'B>A', 'A>X', 'Y>B'));
      expect(clean.nodes).toEqual(['A', 'B', 'C']);
      expect(clean.ties).toEqual([
        [0, 1],
        [1, 0],
      ]);
      expect(clean.dropped).toEqual({ selfTies: 1, unknownNodes: 2, duplicates: 1 });
    });

    it('networkMetrics reports the dropped ties and counts a node listed twice once', () => {
      const metrics = networkMetrics({ nodes: ['A', 'B', 'A'], ties: ties('A>A', 'A>X', 'A>B', 'A>B'), respondents: ['A'] });
      expect(metrics.n).toBe(2);
      expect(metrics.edges).toBe(1);
      expect(metrics.density).toBe(1);
      expect(metrics.droppedTies).toEqual({ selfTies: 1, unknownNodes: 1, duplicates: 1 });
    });

    it('joins two nodes when either reported the tie', () => {
      const graph = undirectedAdjacency(['A', 'B', 'C'], ties('A>B', 'B>A', 'C>B'));
      expect(graph.edgeCount).toBe(2);
      expect(graph.neighbours).toEqual([[1], [0, 2], [1]]);
      expect(undirectedEdgeList(graph)).toEqual([
        ['A', 'B'],
        ['B', 'C'],
      ]);
    });
  });

  describe('small networks', () => {
    it('a network with isolates', () => {
      // A-B-C plus isolates D, E. n 5, m 2: density 2·2 / (5·4) = 0.2.
      // Degrees 1, 2, 1, 0, 0; dmax 2: Σ = 1 + 0 + 1 + 2 + 2 = 6, / (4·3) = 0.5.
      // B lies on the one shortest A–C path: 1 / (4·3/2) = 1/6. Components {A,B,C}, {D}, {E}.
      const metrics = networkMetrics({ nodes: ['A', 'B', 'C', 'D', 'E'], ties: ties('A>B', 'B>C'), respondents: ['A', 'B'] });
      expect(metrics.density).toBeCloseTo(0.2, 12);
      expect(metrics.degreeCentralization).toBeCloseTo(0.5, 12);
      expect(metrics.components).toBe(3);
      expect([...metrics.componentOf]).toEqual([['A', 0], ['B', 0], ['C', 0], ['D', 1], ['E', 2]]);
      expect([...metrics.degree.values()]).toEqual([1, 2, 1, 0, 0]);
      expect(metrics.betweenness.get('B')).toBeCloseTo(1 / 6, 12);
      expect(metrics.betweenness.get('D')).toBe(0);
      // A>B is the only tie between respondents and it is not returned.
      expect(metrics.reciprocity).toBe(0);
    });

    it('a wave with no answers: no ties, every organisation an isolate', () => {
      const metrics = networkMetrics({ nodes: ['A', 'B', 'C'], ties: [], respondents: [] });
      expect(metrics).toMatchObject({
        n: 3, edges: 0, density: 0, reciprocity: null, reciprocatedTies: 0, tiesBetweenRespondents: 0,
        degreeCentralization: 0, components: 3,
      });
      expect([...metrics.betweenness.values()]).toEqual([0, 0, 0]);
    });

    it('a single organisation: density, centralisation and betweenness undefined', () => {
      const metrics = networkMetrics({ nodes: ['A'], ties: ties('A>A'), respondents: ['A'] });
      expect(metrics).toMatchObject({ n: 1, edges: 0, density: null, reciprocity: null, degreeCentralization: null, components: 1 });
      expect(metrics.degree.get('A')).toBe(0);
      expect(metrics.betweenness.get('A')).toBeNull();
    });

    it('two organisations: density defined, centralisation and betweenness not', () => {
      const metrics = networkMetrics({ nodes: ['A', 'B'], ties: ties('A>B', 'B>A'), respondents: ['A', 'B'] });
      expect(metrics).toMatchObject({ density: 1, reciprocity: 1, degreeCentralization: null, components: 1 });
      expect([...metrics.betweenness.values()]).toEqual([null, null]);
    });

    it('no organisations at all', () => {
      const metrics = networkMetrics({ nodes: [], ties: ties('A>B'), respondents: [] });
      expect(metrics).toMatchObject({ n: 0, edges: 0, density: null, reciprocity: null, degreeCentralization: null, components: 0 });
      expect(metrics.degree.size).toBe(0);
      expect(metrics.droppedTies.unknownNodes).toBe(1);
    });

    it('a path of four: the middle nodes each lie between two pairs', () => {
      // a-b-c-d: b is on a–c and a–d: 2 / (3·2/2) = 2/3; same for c (networkx: 0.6667).
      const metrics = networkMetrics({ nodes: ['a', 'b', 'c', 'd'], ties: ties('a>b', 'b>c', 'c>d'), respondents: [] });
      expect([...metrics.betweenness.values()].map((b) => b!.toFixed(6))).toEqual(['0.000000', '0.666667', '0.666667', '0.000000']);
    });

    it('a star is fully centralised, a complete graph not at all', () => {
      // Star of 5: degrees 4,1,1,1,1: Σ(4 − di) = 12 = (5−1)(5−2), so 1; the hub's betweenness 6/6 = 1.
      const star = networkMetrics({ nodes: ['h', 'a', 'b', 'c', 'd'], ties: ties('h>a', 'h>b', 'c>h', 'd>h'), respondents: [] });
      expect(star.degreeCentralization).toBe(1);
      expect(star.betweenness.get('h')).toBe(1);
      const complete = networkMetrics({ nodes: ['a', 'b', 'c', 'd'], ties: ties('a>b', 'a>c', 'a>d', 'b>c', 'b>d', 'c>d'), respondents: [] });
      expect(complete.degreeCentralization).toBe(0);
      expect(complete.density).toBe(1);
    });
  });

  describe('helpers', () => {
    it('density and Freeman centralisation follow their formulas', () => {
      expect(density(0, 0)).toBeNull();
      expect(density(1, 0)).toBeNull();
      expect(density(4, 3)).toBe(0.5); // 6 / 12
      expect(freemanDegreeCentralization([1, 1])).toBeNull();
      expect(freemanDegreeCentralization([1, 2, 2, 1])).toBeCloseTo(2 / 6, 12); // Σ(2 − di) = 2, / (3·2)
      expect(freemanDegreeCentralization([0, 0, 0])).toBe(0);
    });

    it('connected components number components by their first node', () => {
      const graph = undirectedAdjacency(['x', 'a', 'b', 'y', 'c'], ties('a>c', 'x>y'));
      expect(connectedComponents(graph)).toEqual({ count: 3, componentOf: [0, 1, 2, 0, 1] });
    });
  });
});
