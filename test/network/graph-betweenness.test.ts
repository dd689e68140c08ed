import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandesBetweenness } from '../../src/network/graph-betweenness.js';
import { undirectedAdjacency, type DirectedTie, type UndirectedGraph } from '../../src/network/graph.js';

function graphOf(n: number, pairs: ReadonlyArray<readonly [number, number]>): UndirectedGraph {
  const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
  const ties: DirectedTie[] = pairs.map(([a, b]) => ({ from: `n${a}`, to: `n${b}` }));
  return undirectedAdjacency(nodes, ties);
}

/**
 * Independent of Brandes: enumerate every simple path between each unordered pair by depth-first
 * search, keep the shortest ones, and credit each inner node with its share of them.
 */
function bruteForceBetweenness(graph: UndirectedGraph): number[] {
  const n = graph.nodes.length;
  const result = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = s + 1; t < n; t++) {
      const paths: number[][] = [];
      const walk = (path: number[]): void => {
        const last = path[path.length - 1]!;
        if (last === t) {
          paths.push([...path]);
          return;
        }
        for (const next of graph.neighbours[last]!) {
          if (path.includes(next)) continue;
          path.push(next);
          walk(path);
          path.pop();
        }
      };
      walk([s]);
      if (paths.length === 0) continue;
      const shortest = Math.min(...paths.map((p) => p.length));
      const kept = paths.filter((p) => p.length === shortest);
      for (const path of kept) for (const v of path.slice(1, -1)) result[v]! += 1 / kept.length;
    }
  }
  return result;
}

/** A deterministic pseudo-random generator for the large test (no Math.random in tests). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('network/graph-betweenness', () => {
  it('matches a brute-force count of all shortest paths on small random graphs', () => {
    const smallGraph = fc.integer({ min: 0, max: 8 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.tuple(fc.nat(Math.max(n - 1, 0)), fc.nat(Math.max(n - 1, 0))), { maxLength: 20 }),
      ),
    );
    fc.assert(
      fc.property(smallGraph, ([n, pairs]) => {
        const graph = graphOf(n, n === 0 ? [] : pairs);
        const fast = Array.from(brandesBetweenness(graph));
        const slow = bruteForceBetweenness(graph);
        expect(fast).toHaveLength(n);
        fast.forEach((value, v) => expect(value).toBeCloseTo(slow[v]!, 9));
      }),
      { numRuns: 300, seed: 20240604 },
    );
  });

  it('counts a two-route diamond half each', () => {
    // a-b-d and a-c-d: the a–d pair splits 1/2 to b and 1/2 to c; b–c goes through a or d, 1/2 each.
    const graph = graphOf(4, [[0, 1], [0, 2], [1, 3], [2, 3]]);
    expect(Array.from(brandesBetweenness(graph))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('runs on ~2000 organisations, and the total equals Σ over connected pairs of (distance − 1)', () => {
    // Each shortest s–t path has d(s,t) − 1 inner nodes and the shares of the paths sum to 1,
    // so Σ_v b(v) = Σ over connected unordered pairs of (d(s,t) − 1).
    const n = 2000;
    const random = lcg(7);
    const pairs: Array<[number, number]> = [];
    for (let i = 1; i < n; i++) pairs.push([i, Math.floor(random() * i)]); // a random tree…
    for (let k = 0; k < 3000; k++) pairs.push([Math.floor(random() * n), Math.floor(random() * n)]); // …plus chords
    for (let i = 0; i < 20; i++) pairs.push([n, n]); // dropped: unknown node
    const graph = graphOf(n, pairs);
    const betweenness = brandesBetweenness(graph);
    expect(betweenness).toHaveLength(n);
    expect(betweenness.every((b) => Number.isFinite(b) && b >= 0)).toBe(true);

    let expectedTotal = 0;
    const distance = new Int32Array(n);
    const queue = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      distance.fill(-1);
      distance[s] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const v = queue[head++]!;
        for (const w of graph.neighbours[v]!) {
          if (distance[w] === -1) {
            distance[w] = distance[v]! + 1;
            queue[tail++] = w;
            if (w > s) expectedTotal += distance[w]! - 1;
          }
        }
      }
    }
    const total = betweenness.reduce((sum, b) => sum + b, 0);
    expect(total / expectedTotal).toBeCloseTo(1, 9);
  });
});
