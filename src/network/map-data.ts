/**
 * The data of the network map of one wave (§5: the report's network section): organisations with
 * their attributes, degree and trust received, and the undirected ties with their levels. It reads
 * the same relations as the network indicators (src/indicators/network-base.ts), given as CTEs, so
 * the map and the indicator values agree and no indicator run is needed first.
 */
import { literal, type Database } from '../db.js';
import { withNetworkRelations } from '../indicators/network-base.js';
import { networkMetrics } from './graph.js';

export interface MapNode {
  id: string;
  name: string | null;
  /** `tipo` of the organisation (vocabulary code). */
  type: string | null;
  ambito: string | null;
  /** Answered the partner survey in this wave. */
  respondent: boolean;
  /** Undirected degree, as `org_degree`. */
  degree: number;
  /** Normalised betweenness, as `org_betweenness` (null below three organisations). */
  betweenness: number | null;
  /** Mean trust received, as `trust_score` per organisation (null without ratings). */
  trust: number | null;
  /** Raters behind `trust`. */
  trustRaters: number;
}

/** One undirected tie: source < target; each side's livello for the other when it rated it. */
export interface MapTie {
  source: string;
  target: string;
  /** The higher of the two levels reported (the tie as the closer side sees it). */
  level: number;
  levelBySource: number | null;
  levelByTarget: number | null;
  /** Both sides reported a tie (livello ≥ 1). */
  reciprocated: boolean;
}

export interface NetworkMapData {
  nodes: MapNode[];
  ties: MapTie[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Nodes and ties of one wave; a wave that is not in the data gives an empty map. */
export async function networkMapData(db: Database, wave: string): Promise<NetworkMapData> {
  const nodeRows = await db.all(
    withNetworkRelations(`
      SELECT o.org, o.nome, o.tipo, o.ambito, o.respondent, avg(r.trust) AS trust, count(r.trust) AS raters
      FROM wave_orgs o
      LEFT JOIN ratings r ON r.wave = o.wave AND r.partner = o.org
      WHERE o.wave = ${literal(wave)}
      GROUP BY ALL
      ORDER BY o.org`),
  );
  // Pairs where at least one side reported a tie, with both sides' levels.
  const tieRows = await db.all(
    withNetworkRelations(`
      SELECT least(t.ente, t.partner) AS source, greatest(t.ente, t.partner) AS target,
        max(CASE WHEN r.ente = least(t.ente, t.partner) THEN r.livello END) AS by_source,
        max(CASE WHEN r.ente = greatest(t.ente, t.partner) THEN r.livello END) AS by_target,
        bool_or(t.reciprocated) AS reciprocated
      FROM ties t
      JOIN ratings r ON r.wave = t.wave
        AND ((r.ente = t.ente AND r.partner = t.partner) OR (r.ente = t.partner AND r.partner = t.ente))
      WHERE t.wave = ${literal(wave)}
      GROUP BY ALL
      ORDER BY source, target`),
  );
  const ids = nodeRows.map((r) => String(r['org']));
  const metrics = networkMetrics({
    nodes: ids,
    ties: tieRows.map((r) => ({ from: String(r['source']), to: String(r['target']) })),
    respondents: nodeRows.filter((r) => r['respondent'] === true).map((r) => String(r['org'])),
  });
  const nodes: MapNode[] = nodeRows.map((r) => {
    const id = String(r['org']);
    return {
      id,
      name: str(r['nome']),
      type: str(r['tipo']),
      ambito: str(r['ambito']),
      respondent: r['respondent'] === true,
      degree: metrics.degree.get(id) ?? 0,
      betweenness: metrics.betweenness.get(id) ?? null,
      trust: num(r['trust']),
      trustRaters: Number(r['raters']),
    };
  });
  const ties: MapTie[] = tieRows.map((r) => {
    const levelBySource = num(r['by_source']);
    const levelByTarget = num(r['by_target']);
    return {
      source: String(r['source']),
      target: String(r['target']),
      level: Math.max(levelBySource ?? 0, levelByTarget ?? 0),
      levelBySource,
      levelByTarget,
      reciprocated: r['reciprocated'] === true,
    };
  });
  return { nodes, ties };
}
