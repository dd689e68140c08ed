/**
 * Network measures of a partner-survey wave (product contract §3, `rete`), as pure functions over
 * plain data. They follow networkx's conventions for undirected, unweighted graphs, so published
 * reference values (Zachary's karate club) can pin them down.
 *
 * Input hygiene, applied the same way by every function here:
 * - node ids are de-duplicated, keeping the first occurrence (the order fixes every output order);
 * - self-ties are ignored (rating oneself is not collaboration);
 * - ties naming an id that is not a node are ignored (the wave's organisations are its `enti`);
 * - duplicate ties count once (a tie is a yes/no fact).
 * `networkMetrics` reports how many ties each rule dropped, for the data-quality check.
 */
import { brandesBetweenness } from './graph-betweenness.js';

export { brandesBetweenness } from './graph-betweenness.js';

export interface DirectedTie {
  from: string;
  to: string;
}

export interface NetworkInput {
  nodes: string[];
  ties: DirectedTie[];
  respondents: string[];
}

export interface DroppedTies {
  selfTies: number;
  unknownNodes: number;
  duplicates: number;
}

export interface NetworkMetrics {
  n: number;
  edges: number;
  density: number | null;
  reciprocity: number | null;
  reciprocatedTies: number;
  tiesBetweenRespondents: number;
  degreeCentralization: number | null;
  components: number;
  degree: Map<string, number>;
  /** Normalised as networkx does for undirected graphs; null where undefined (n < 3). */
  betweenness: Map<string, number | null>;
  /** Component number, 0-based, numbered in order of each component's first node. */
  componentOf: Map<string, number>;
  droppedTies: DroppedTies;
}

/** Undirected simple graph on integer indices; `nodes[i]` is the id of index i. */
export interface UndirectedGraph {
  readonly nodes: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Ascending neighbour indices: no self-loops, no repeats. */
  readonly neighbours: readonly (readonly number[])[];
  readonly edgeCount: number;
}

export interface CleanTies {
  nodes: string[];
  index: Map<string, number>;
  /** Distinct valid ties as index pairs, in first-seen order. */
  ties: Array<[number, number]>;
  dropped: DroppedTies;
}

/** Applies the input-hygiene rules of this module's header. */
export function cleanTies(nodes: readonly string[], ties: readonly DirectedTie[]): CleanTies {
  const index = new Map<string, number>();
  const distinctNodes: string[] = [];
  for (const id of nodes) {
    if (!index.has(id)) {
      index.set(id, distinctNodes.length);
      distinctNodes.push(id);
    }
  }
  const n = distinctNodes.length;
  const seen = new Set<number>();
  const kept: Array<[number, number]> = [];
  const dropped: DroppedTies = { selfTies: 0, unknownNodes: 0, duplicates: 0 };
  for (const tie of ties) {
    const from = index.get(tie.from);
    const to = index.get(tie.to);
    if (from === undefined || to === undefined) {
      dropped.unknownNodes += 1;
    } else if (from === to) {
      dropped.selfTies += 1;
    } else if (seen.has(from * n + to)) {
      dropped.duplicates += 1;
    } else {
      seen.add(from * n + to);
      kept.push([from, to]);
    }
  }
  return { nodes: distinctNodes, index, ties: kept, dropped };
}

/** The undirected network: i and j are joined when either reported a tie to the other. */
export function undirectedAdjacency(nodes: readonly string[], ties: readonly DirectedTie[]): UndirectedGraph {
  const clean = cleanTies(nodes, ties);
  return undirectedFromClean(clean);
}

function undirectedFromClean(clean: CleanTies): UndirectedGraph {
  const sets = clean.nodes.map(() => new Set<number>());
  for (const [from, to] of clean.ties) {
    sets[from]!.add(to);
    sets[to]!.add(from);
  }
  const neighbours = sets.map((set) => [...set].sort((a, b) => a - b));
  const edgeCount = neighbours.reduce((sum, list) => sum + list.length, 0) / 2;
  return { nodes: clean.nodes, index: clean.index, neighbours, edgeCount };
}

/** Each undirected edge once, as [lower index id, higher index id], in index order. */
export function undirectedEdgeList(graph: UndirectedGraph): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  graph.neighbours.forEach((list, i) => {
    for (const j of list) if (j > i) edges.push([graph.nodes[i]!, graph.nodes[j]!]);
  });
  return edges;
}

/**
 * Connected components by breadth-first search; an isolate is a component of its own.
 * `componentOf[i]` numbers components in order of their first node.
 */
export function connectedComponents(graph: UndirectedGraph): { count: number; componentOf: number[] } {
  const n = graph.nodes.length;
  const componentOf = new Array<number>(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (componentOf[start] !== -1) continue;
    componentOf[start] = count;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const v = queue[head++]!;
      for (const w of graph.neighbours[v]!) {
        if (componentOf[w] === -1) {
          componentOf[w] = count;
          queue[tail++] = w;
        }
      }
    }
    count += 1;
  }
  return { count, componentOf };
}

/** 2m ÷ n(n−1); null for fewer than two nodes. */
export function density(n: number, edges: number): number | null {
  return n < 2 ? null : (2 * edges) / (n * (n - 1));
}

/** Freeman degree centralisation Σ(dmax − di) ÷ ((n−1)(n−2)); null for fewer than three nodes. */
export function freemanDegreeCentralization(degrees: readonly number[]): number | null {
  const n = degrees.length;
  if (n < 3) return null;
  const dmax = degrees.reduce((max, d) => (d > max ? d : max), 0);
  const gap = degrees.reduce((sum, d) => sum + (dmax - d), 0);
  return gap / ((n - 1) * (n - 2));
}

/**
 * Among distinct directed ties whose two ends are both respondents, those returned (j→i exists
 * too). Ties from or to a non-respondent are left out: an organisation that did not answer
 * could not return a tie. `share` is null when no tie joins two respondents.
 */
export function reciprocity(
  clean: CleanTies,
  respondents: readonly string[],
): { reciprocated: number; betweenRespondents: number; share: number | null } {
  const n = clean.nodes.length;
  const isRespondent = new Uint8Array(n);
  for (const id of respondents) {
    const i = clean.index.get(id);
    if (i !== undefined) isRespondent[i] = 1;
  }
  const present = new Set(clean.ties.map(([from, to]) => from * n + to));
  let betweenRespondents = 0;
  let reciprocated = 0;
  for (const [from, to] of clean.ties) {
    if (isRespondent[from] !== 1 || isRespondent[to] !== 1) continue;
    betweenRespondents += 1;
    if (present.has(to * n + from)) reciprocated += 1;
  }
  const share = betweenRespondents === 0 ? null : reciprocated / betweenRespondents;
  return { reciprocated, betweenRespondents, share };
}

/**
 * Betweenness normalised as networkx does for undirected graphs: the count over unordered pairs
 * divided by (n−1)(n−2)/2. Null for n < 3, where there is no pair to lie between.
 */
export function normalizedBetweenness(graph: UndirectedGraph): Array<number | null> {
  const n = graph.nodes.length;
  if (n < 3) return graph.nodes.map(() => null);
  const pairs = ((n - 1) * (n - 2)) / 2;
  return Array.from(brandesBetweenness(graph), (b) => b / pairs);
}

/** Every network measure of a wave at once. Never throws on well-typed input. */
export function networkMetrics(input: NetworkInput): NetworkMetrics {
  const clean = cleanTies(input.nodes, input.ties);
  const graph = undirectedFromClean(clean);
  const n = graph.nodes.length;
  const degrees = graph.neighbours.map((list) => list.length);
  const components = connectedComponents(graph);
  const reciprocal = reciprocity(clean, input.respondents);
  const byNode = <T>(values: readonly T[]): Map<string, T> =>
    new Map(graph.nodes.map((id, i) => [id, values[i]!]));
  let betweenness: Map<string, number | null> | undefined;
  return {
    n,
    edges: graph.edgeCount,
    density: density(n, graph.edgeCount),
    reciprocity: reciprocal.share,
    reciprocatedTies: reciprocal.reciprocated,
    tiesBetweenRespondents: reciprocal.betweenRespondents,
    degreeCentralization: freemanDegreeCentralization(degrees),
    components: components.count,
    degree: byNode(degrees),
    // O(n·m): computed on first read only (of the network measures, only betweenness reads it).
    get betweenness() {
      return (betweenness ??= byNode(normalizedBetweenness(graph)));
    },
    componentOf: byNode(components.componentOf),
    droppedTies: clean.dropped,
  };
}
