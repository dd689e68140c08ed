/**
 * Compute steps of the network indicators. The graph measures come from src/network (tested
 * against networkx on Zachary's karate club); the SQL only lists each wave's nodes and ties
 * (relation `graph_input`: one row per wave with org and partner NULL, one per organisation with
 * `respondent`, one per directed tie with `partner`), so that a wave with no organisation, no
 * answer or no tie still gives its values.
 */
import type { Row } from '../db.js';
import { cleanTies, networkMetrics, type DirectedTie, type NetworkMetrics } from '../network/graph.js';
import type { ComputeStep } from './compute.js';
import type { ResultRow } from './run.js';

export interface WaveNetwork {
  wave: string;
  nodes: string[];
  respondents: string[];
  ties: DirectedTie[];
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The networks of every wave named in the rows, in wave order. */
export function networksByWave(rows: readonly Row[]): WaveNetwork[] {
  const waves = new Map<string, WaveNetwork>();
  const get = (wave: string) => waves.get(wave) ?? waves.set(wave, { wave, nodes: [], respondents: [], ties: [] }).get(wave)!;
  for (const r of rows) {
    const wave = text(r['wave']);
    if (wave === null) continue;
    const network = get(wave);
    const org = text(r['org']);
    const partner = text(r['partner']);
    if (org === null) continue;
    if (partner !== null) network.ties.push({ from: org, to: partner });
    else {
      network.nodes.push(org);
      if (r['respondent'] === true) network.respondents.push(org);
    }
  }
  for (const network of waves.values()) network.nodes.sort();
  return [...waves.values()].sort((a, b) => a.wave.localeCompare(b.wave));
}

type Measure = (network: WaveNetwork, metrics: NetworkMetrics) => ResultRow[];

/** A step that computes the metrics of each wave once and reads one measure off them. */
const perWave =
  (measure: Measure): ComputeStep =>
  (rows) =>
    networksByWave(rows).flatMap((network) => measure(network, networkMetrics(network)));

const row = (group: Record<string, string>, fields: Partial<ResultRow>): ResultRow => ({
  period: 'current',
  group,
  numerator: null,
  denominator: null,
  value: null,
  n: null,
  detail: null,
  ...fields,
});

/** 2m ÷ n(n−1) as edges ÷ possible pairs, so a ratio kind gives it (null below two nodes). */
const density: Measure = ({ wave }, m) => [
  row({ wave }, { numerator: m.edges, denominator: (m.n * (m.n - 1)) / 2, n: m.n }),
];

const reciprocity: Measure = ({ wave, respondents }, m) => [
  row({ wave }, { numerator: m.reciprocatedTies, denominator: m.tiesBetweenRespondents, detail: { respondents: respondents.length } }),
];

const centralization: Measure = ({ wave }, m) => [
  row({ wave }, { value: m.degreeCentralization, n: m.n, detail: { max_degree: m.n ? Math.max(...m.degree.values()) : null } }),
];

const components: Measure = ({ wave }, m) => {
  const sizes = new Map<number, number>();
  for (const c of m.componentOf.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const isolates = [...m.degree.values()].filter((d) => d === 0).length;
  return [row({ wave }, { numerator: m.components, n: m.n, detail: { isolates, largest: sizes.size ? Math.max(...sizes.values()) : 0 } })];
};

/** Undirected degree, with the directed ties sent and received in detail. */
const degree: Measure = ({ wave, nodes, ties }, m) => {
  const clean = cleanTies(nodes, ties);
  const sent = new Array<number>(clean.nodes.length).fill(0);
  const received = new Array<number>(clean.nodes.length).fill(0);
  for (const [from, to] of clean.ties) {
    sent[from]! += 1;
    received[to]! += 1;
  }
  return [...m.degree].map(([org, d]) => {
    const i = clean.index.get(org)!;
    return row({ wave, org }, { numerator: d, n: m.n, detail: { ties_sent: sent[i]!, ties_received: received[i]! } });
  });
};

const betweenness: Measure = ({ wave }, m) => [...m.betweenness].map(([org, b]) => row({ wave, org }, { value: b, n: m.n }));

/**
 * Rows whose group is read off the columns present and not NULL (wave, then org, factor): one SQL
 * gives the network-wide value (org NULL) and the per-organisation values of the same indicator.
 */
const waveGroups: ComputeStep = (rows) =>
  rows.map((r) => {
    const group: Record<string, string> = {};
    for (const key of ['wave', 'org', 'factor']) {
      const v = text(r[key]);
      if (v !== null) group[key] = v;
    }
    const num = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
    return row(group, {
      numerator: num('numerator'),
      denominator: num('denominator'),
      value: num('value'),
      n: num('n'),
      detail: (r['detail'] as Record<string, unknown> | null | undefined) ?? null,
    });
  });

export const NETWORK_COMPUTE: Record<string, ComputeStep> = {
  network_density: perWave(density),
  network_reciprocity: perWave(reciprocity),
  degree_centralization: perWave(centralization),
  network_components: perWave(components),
  org_degree: perWave(degree),
  org_betweenness: perWave(betweenness),
  wave_groups: waveGroups,
};
