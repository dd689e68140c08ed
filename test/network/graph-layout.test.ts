import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forceLayout, type Point } from '../../src/network/graph-layout.js';

type Edge = [string, string];

/** Four cliques of five joined in a ring by one edge each, a path of three, and two isolates. */
function caveman(): { nodes: string[]; edges: Edge[] } {
  const nodes: string[] = [];
  const edges: Edge[] = [];
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < 5; i++) {
      nodes.push(`c${c}-${i}`);
      for (let j = 0; j < i; j++) edges.push([`c${c}-${j}`, `c${c}-${i}`]);
    }
    edges.push([`c${c}-0`, `c${(c + 1) % 4}-4`]);
  }
  nodes.push('p0', 'p1', 'p2', 'solo1', 'solo2');
  edges.push(['p0', 'p1'], ['p1', 'p2']);
  return { nodes, edges };
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

function expectInsideBox(layout: Map<string, Point>, width: number, height: number): void {
  for (const { x, y } of layout.values()) {
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(width);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(height);
  }
}

describe('network/graph-layout', () => {
  const { nodes, edges } = caveman();
  const options = { seed: 42, iterations: 300, width: 800, height: 600 };

  it('is deterministic for a given seed and changes with the seed', () => {
    const first = forceLayout(nodes, edges, options);
    const second = forceLayout(nodes, edges, options);
    expect([...second]).toEqual([...first]);
    const other = forceLayout(nodes, edges, { ...options, seed: 43 });
    expect([...other]).not.toEqual([...first]);
  });

  it('places every node, isolates included, inside the box and its margin', () => {
    const layout = forceLayout(nodes, edges, { ...options, margin: 40 });
    expect([...layout.keys()]).toEqual(nodes);
    for (const { x, y } of layout.values()) {
      expect(x).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(x).toBeLessThanOrEqual(760 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(y).toBeLessThanOrEqual(560 + 1e-9);
    }
  });

  it('draws connected nodes closer on average than unconnected ones', () => {
    const layout = forceLayout(nodes, edges, options);
    const joined = new Set(edges.map(([a, b]) => [a, b].sort().join('|')));
    let near = 0;
    let nearCount = 0;
    let far = 0;
    let farCount = 0;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const d = distance(layout.get(nodes[i]!)!, layout.get(nodes[j]!)!);
        if (joined.has([nodes[i]!, nodes[j]!].sort().join('|'))) {
          near += d;
          nearCount += 1;
        } else {
          far += d;
          farCount += 1;
        }
      }
    }
    expect(near / nearCount).toBeLessThan(0.5 * (far / farCount));
  });

  it('keeps components apart: their bounding boxes do not overlap', () => {
    const layout = forceLayout(nodes, edges, options);
    const groups = [
      nodes.filter((id) => id.startsWith('c')),
      ['p0', 'p1', 'p2'],
      ['solo1'],
      ['solo2'],
    ];
    const boxes = groups.map((group) => {
      const points = group.map((id) => layout.get(id)!);
      return {
        minX: Math.min(...points.map((p) => p.x)),
        maxX: Math.max(...points.map((p) => p.x)),
        minY: Math.min(...points.map((p) => p.y)),
        maxY: Math.max(...points.map((p) => p.y)),
      };
    });
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const A = boxes[a]!;
        const B = boxes[b]!;
        const apart = A.maxX < B.minX || B.maxX < A.minX || A.maxY < B.minY || B.maxY < A.minY;
        expect(apart, `components ${a} and ${b}`).toBe(true);
      }
    }
  });

  it('handles no nodes, one node, and ignores bad edges and repeated nodes', () => {
    expect(forceLayout([], [], options).size).toBe(0);
    // A lone node sits in the middle of the box.
    expect(forceLayout(['a'], [['a', 'a']], options).get('a')).toEqual({ x: 400, y: 300 });
    const layout = forceLayout(['a', 'b', 'a'], [['a', 'b'], ['a', 'zzz'], ['b', 'a']], options);
    expect([...layout.keys()]).toEqual(['a', 'b']);
    expectInsideBox(layout, 800, 600);
    expect(distance(layout.get('a')!, layout.get('b')!)).toBeGreaterThan(0);
  });

  it('gives finite points inside the box for any small graph, seed and box', () => {
    const arbitrary = fc.record({
      n: fc.integer({ min: 0, max: 12 }),
      pairs: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 30 }),
      seed: fc.integer(),
      iterations: fc.integer({ min: 0, max: 60 }),
      width: fc.double({ min: 1, max: 2000, noNaN: true }),
      height: fc.double({ min: 1, max: 2000, noNaN: true }),
    });
    fc.assert(
      fc.property(arbitrary, ({ n, pairs, seed, iterations, width, height }) => {
        const ids = Array.from({ length: n }, (_, i) => `o${i}`);
        const layout = forceLayout(ids, pairs.map(([a, b]) => [`o${a}`, `o${b}`] as Edge), { seed, iterations, width, height });
        expect(layout.size).toBe(n);
        expectInsideBox(layout, width, height);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('lays out a component larger than the all-pairs limit (grid repulsion) inside the box', () => {
    // A 30 × 25 grid graph: 750 nodes, one component.
    const ids: string[] = [];
    const grid: Edge[] = [];
    for (let r = 0; r < 25; r++) {
      for (let c = 0; c < 30; c++) {
        ids.push(`${r}:${c}`);
        if (c > 0) grid.push([`${r}:${c - 1}`, `${r}:${c}`]);
        if (r > 0) grid.push([`${r - 1}:${c}`, `${r}:${c}`]);
      }
    }
    const layout = forceLayout(ids, grid, { seed: 1, iterations: 50, width: 1000, height: 1000 });
    expect(layout.size).toBe(750);
    expectInsideBox(layout, 1000, 1000);
    const meanEdge = grid.reduce((sum, [a, b]) => sum + distance(layout.get(a)!, layout.get(b)!), 0) / grid.length;
    // Opposite corners are 53 steps apart in the graph; they should not end up neighbours.
    expect(distance(layout.get('0:0')!, layout.get('24:29')!)).toBeGreaterThan(5 * meanEdge);
  });

  it('rejects a box or iteration count that cannot be drawn', () => {
    expect(() => forceLayout(['a'], [], { ...options, width: 0 })).toThrow(RangeError);
    expect(() => forceLayout(['a'], [], { ...options, height: Number.NaN })).toThrow(RangeError);
    expect(() => forceLayout(['a'], [], { ...options, iterations: -1 })).toThrow(RangeError);
    expect(() => forceLayout(['a'], [], { ...options, margin: 300 })).toThrow(RangeError);
  });
});
