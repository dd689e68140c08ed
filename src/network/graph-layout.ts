/**
 * A static force-directed layout for the network map. Each connected component is laid out on its
 * own with Fruchterman–Reingold (1991), then the components are packed side by side with a gap,
 * so separate groups never overlap and isolates sit in a tidy block instead of drifting away.
 * Deterministic: the start positions come from a hash of (seed, node id), never from Math.random.
 */
import { connectedComponents, undirectedAdjacency, type UndirectedGraph } from './graph.js';
import { fnv1a, mulberry32 } from '../random.js';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  seed: number;
  /** Fruchterman–Reingold steps; 300 by default. */
  iterations?: number;
  width: number;
  height: number;
  /** Empty border inside the box; 5 % of the shorter side by default. */
  margin?: number;
}

/** Ideal edge length in layout units; everything is rescaled to the box at the end. */
const K = 1;
/** Space left around each component when packing, in layout units. */
const GAP = 1.5 * K;
/** Above this size, repulsion is limited to nearby nodes (the FR grid variant) to stay ~O(n). */
const ALL_PAIRS_LIMIT = 500;

/**
 * Positions for every distinct node, inside [0, width] × [0, height]. Edges naming unknown nodes
 * and self-loops are ignored; duplicate edges count once.
 */
export function forceLayout(
  nodes: readonly string[],
  edges: ReadonlyArray<readonly [string, string]>,
  options: LayoutOptions,
): Map<string, Point> {
  const { seed, width, height } = options;
  const iterations = options.iterations ?? 300;
  const margin = options.margin ?? 0.05 * Math.min(width, height);
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`forceLayout: width and height must be positive numbers, got ${width} × ${height}`);
  }
  if (!(Number.isInteger(iterations) && iterations >= 0)) {
    throw new RangeError(`forceLayout: iterations must be a whole number ≥ 0, got ${iterations}`);
  }
  if (!(margin >= 0 && 2 * margin < Math.min(width, height))) {
    throw new RangeError(`forceLayout: margin must be ≥ 0 and leave room inside the box, got ${margin}`);
  }

  const graph = undirectedAdjacency(nodes, edges.map(([from, to]) => ({ from, to })));
  const { count, componentOf } = connectedComponents(graph);
  const members: number[][] = Array.from({ length: count }, () => []);
  componentOf.forEach((c, i) => members[c]!.push(i));

  const local = members.map((component) => layoutComponent(graph, component, seed, iterations));
  const placed = packComponents(local, width - 2 * margin, height - 2 * margin);

  const result = new Map<string, Point>();
  const clamp = (value: number, max: number): number => Math.min(max, Math.max(0, value));
  members.forEach((component, c) => {
    const points = placed[c]!;
    component.forEach((node, k) => {
      const p = points[k]!;
      result.set(graph.nodes[node]!, { x: clamp(margin + p.x, width), y: clamp(margin + p.y, height) });
    });
  });
  return result;
}

interface LocalLayout {
  x: Float64Array;
  y: Float64Array;
}

/** Fruchterman–Reingold on one connected component, in layout units. */
function layoutComponent(graph: UndirectedGraph, component: readonly number[], seed: number, iterations: number): LocalLayout {
  const size = component.length;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  if (size === 1) return { x, y };
  const side = Math.sqrt(size) * K;
  component.forEach((node, k) => {
    const random = mulberry32(fnv1a(graph.nodes[node]!) ^ (seed >>> 0));
    x[k] = random() * side;
    y[k] = random() * side;
  });
  const localIndex = new Map(component.map((node, k) => [node, k]));
  const edges: Array<[number, number]> = [];
  component.forEach((node, k) => {
    for (const other of graph.neighbours[node]!) {
      const j = localIndex.get(other)!;
      if (j > k) edges.push([k, j]);
    }
  });

  const dx = new Float64Array(size);
  const dy = new Float64Array(size);
  const startTemperature = side / 10;
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    if (size <= ALL_PAIRS_LIMIT) {
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) repel(x, y, dx, dy, i, j, Infinity);
    } else {
      repelNearby(x, y, dx, dy);
    }
    for (const [i, j] of edges) {
      const ex = x[i]! - x[j]!;
      const ey = y[i]! - y[j]!;
      const d = Math.hypot(ex, ey);
      // Attraction d²/K along the edge: (ex / d) · d² / K.
      dx[i] = dx[i]! - (ex * d) / K;
      dy[i] = dy[i]! - (ey * d) / K;
      dx[j] = dx[j]! + (ex * d) / K;
      dy[j] = dy[j]! + (ey * d) / K;
    }
    // Linear cooling: large moves early, a settled picture at the end.
    const temperature = startTemperature * (1 - step / iterations);
    for (let i = 0; i < size; i++) {
      const length = Math.hypot(dx[i]!, dy[i]!);
      if (length === 0) continue;
      const move = Math.min(length, temperature) / length;
      x[i] = x[i]! + dx[i]! * move;
      y[i] = y[i]! + dy[i]! * move;
    }
  }
  return { x, y };
}

/** Repulsion K²/d between i and j when closer than `reach`. */
function repel(x: Float64Array, y: Float64Array, dx: Float64Array, dy: Float64Array, i: number, j: number, reach: number): void {
  let ex = x[i]! - x[j]!;
  let ey = y[i]! - y[j]!;
  let d2 = ex * ex + ey * ey;
  if (d2 < 1e-18) {
    // Coincident nodes: push them apart along a fixed direction so the result stays deterministic.
    ex = 1e-6;
    ey = 0;
    d2 = 1e-12;
  }
  if (d2 >= reach * reach) return;
  // (ex / d) · K² / d = ex · K² / d²
  const f = (K * K) / d2;
  dx[i] = dx[i]! + ex * f;
  dy[i] = dy[i]! + ey * f;
  dx[j] = dx[j]! - ex * f;
  dy[j] = dy[j]! - ey * f;
}

/** The FR grid variant: repulsion only within 2K, found through square cells of side 2K. */
function repelNearby(x: Float64Array, y: Float64Array, dx: Float64Array, dy: Float64Array): void {
  const size = x.length;
  const cell = 2 * K;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < size; i++) {
    minX = Math.min(minX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxX = Math.max(maxX, x[i]!);
  }
  const columns = Math.floor((maxX - minX) / cell) + 1;
  const cellOf = (i: number): [number, number] => [Math.floor((x[i]! - minX) / cell), Math.floor((y[i]! - minY) / cell)];
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    const [cx, cy] = cellOf(i);
    const key = cy * columns + cx;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  }
  for (let i = 0; i < size; i++) {
    const [cx, cy] = cellOf(i);
    for (let oy = -1; oy <= 1; oy++) {
      for (let ox = -1; ox <= 1; ox++) {
        if (cx + ox < 0 || cx + ox >= columns) continue;
        const bucket = buckets.get((cy + oy) * columns + cx + ox);
        if (!bucket) continue;
        for (const j of bucket) if (j > i) repel(x, y, dx, dy, i, j, cell);
      }
    }
  }
}

/**
 * Shelf packing: components from largest to smallest, left to right in rows about as wide as the
 * box's aspect ratio suggests, each in its bounding box plus GAP; then one uniform scale into the
 * box, so shapes are not distorted and the gaps between components survive.
 */
function packComponents(layouts: readonly LocalLayout[], innerWidth: number, innerHeight: number): Point[][] {
  const boxes = layouts.map(({ x, y }, c) => {
    const minX = Math.min(...x);
    const minY = Math.min(...y);
    return { c, minX, minY, w: Math.max(...x) - minX + GAP, h: Math.max(...y) - minY + GAP, size: x.length };
  });
  const order = [...boxes].sort((a, b) => b.size - a.size || a.c - b.c);
  const area = boxes.reduce((sum, b) => sum + b.w * b.h, 0);
  const rowWidth = Math.max(Math.sqrt(area * (innerWidth / innerHeight)), ...boxes.map((b) => b.w));
  const offsets: Point[] = new Array(layouts.length);
  let cursorX = 0;
  let cursorY = 0;
  let rowHeight = 0;
  let totalWidth = 0;
  for (const box of order) {
    if (cursorX > 0 && cursorX + box.w > rowWidth + 1e-9) {
      cursorY += rowHeight;
      cursorX = 0;
      rowHeight = 0;
    }
    offsets[box.c] = { x: cursorX + GAP / 2 - box.minX, y: cursorY + GAP / 2 - box.minY };
    cursorX += box.w;
    rowHeight = Math.max(rowHeight, box.h);
    totalWidth = Math.max(totalWidth, cursorX);
  }
  const totalHeight = cursorY + rowHeight;
  const scale = Math.min(innerWidth / totalWidth, innerHeight / totalHeight);
  const shiftX = (innerWidth - totalWidth * scale) / 2;
  const shiftY = (innerHeight - totalHeight * scale) / 2;
  return layouts.map(({ x, y }, c) => {
    const offset = offsets[c]!;
    return Array.from(x, (xi, k) => ({
      x: shiftX + (xi + offset.x) * scale,
      y: shiftY + (y[k]! + offset.y) * scale,
    }));
  });
}
