/**
 * The network map of a wave for the report: organisations and ties (src/network/map-data.ts),
 * reduced to the most central organisations beyond MAP_MAX_NODES, placed by the static force
 * layout (src/network/graph-layout.ts) so the chart spec carries positions, not a simulation.
 * Degrees are computed on the whole network; only the drawing is reduced.
 */
import type { Database } from '../db.js';
import { forceLayout, type Point } from '../network/graph-layout.js';
import { networkMapData, type MapNode } from '../network/map-data.js';

export const MAP_MAX_NODES = 150;
/** Organisations named on the map: the most connected ones (names of all would overlap). */
export const MAP_LABELS = 10;
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 440;

export interface PlacedNode {
  id: string;
  name: string;
  type: string;
  respondent: boolean;
  degree: number;
  x: number;
  y: number;
  /** Named on the map. */
  labelled: boolean;
}

export interface PlacedTie {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  level: number;
  reciprocated: boolean;
}

export interface NetworkMap {
  wave: string;
  /** Organisations of the wave (all of them, before reduction). */
  organisations: number;
  nodes: PlacedNode[];
  ties: PlacedTie[];
}

/**
 * Stretches the layout uniformly so that its bounding box fills the map less a margin (the
 * layout leaves room for gaps between components, which a dense single component does not need).
 */
function fill(layout: Map<string, Point>, width: number, height: number, margin: number): void {
  const points = [...layout.values()];
  if (points.length < 2) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale = Math.min(spanX > 0 ? (width - 2 * margin) / spanX : Infinity, spanY > 0 ? (height - 2 * margin) / spanY : Infinity);
  if (!Number.isFinite(scale)) return;
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  for (const [id, p] of layout) layout.set(id, { x: offsetX + (p.x - minX) * scale, y: offsetY + (p.y - minY) * scale });
}

/** Most central first: degree, then betweenness, then code (a stable order). */
function byCentrality(a: MapNode, b: MapNode): number {
  return b.degree - a.degree || (b.betweenness ?? 0) - (a.betweenness ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export async function networkMap(db: Database, wave: string): Promise<NetworkMap> {
  const data = await networkMapData(db, wave);
  const kept = [...data.nodes].sort(byCentrality).slice(0, MAP_MAX_NODES);
  const keep = new Set(kept.map((n) => n.id));
  const ties = data.ties.filter((t) => keep.has(t.source) && keep.has(t.target));
  const ids = kept.map((n) => n.id).sort();
  const layout = forceLayout(ids, ties.map((t) => [t.source, t.target] as const), { seed: 1, width: MAP_WIDTH, height: MAP_HEIGHT });
  fill(layout, MAP_WIDTH, MAP_HEIGHT, 0.05 * Math.min(MAP_WIDTH, MAP_HEIGHT));
  const labelled = new Set(kept.slice(0, MAP_LABELS).map((n) => n.id));
  const round = (v: number) => Math.round(v * 10) / 10;
  const nodes: PlacedNode[] = kept.map((n) => {
    const p = layout.get(n.id)!;
    return { id: n.id, name: n.name ?? n.id, type: n.type ?? 'altro', respondent: n.respondent, degree: n.degree, x: round(p.x), y: round(p.y), labelled: labelled.has(n.id) };
  });
  const placed: PlacedTie[] = ties.map((t) => {
    const a = layout.get(t.source)!;
    const b = layout.get(t.target)!;
    return { x1: round(a.x), y1: round(a.y), x2: round(b.x), y2: round(b.y), level: t.level, reciprocated: t.reciprocated };
  });
  return { wave, organisations: data.nodes.length, nodes: nodes.sort((a, b) => (a.id < b.id ? -1 : 1)), ties: placed };
}
