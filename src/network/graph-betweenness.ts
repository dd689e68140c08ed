/**
 * Brandes' betweenness for undirected, unweighted graphs: one breadth-first search per source,
 * then dependencies accumulated back from the farthest nodes. O(n·m) time, O(n + m) memory, so a
 * network of a few thousand organisations is cheap. (Brandes 2001, "A faster algorithm for
 * betweenness centrality", Algorithm 1.)
 */
import type { UndirectedGraph } from './graph.js';

/**
 * Unnormalised betweenness: for each node v, Σ over unordered pairs {s, t} (s ≠ v ≠ t) of the
 * share of shortest s–t paths through v. Equals networkx `betweenness_centrality(G,
 * normalized=False)`. Path counts are doubles, as in networkx: they lose integer exactness only
 * beyond 2^53 paths, and the ratios used here stay accurate.
 */
export function brandesBetweenness(graph: UndirectedGraph): Float64Array {
  const n = graph.nodes.length;
  // Compressed adjacency in typed arrays: the inner loops below run n·m times.
  const start = new Int32Array(n + 1);
  graph.neighbours.forEach((list, v) => (start[v + 1] = start[v]! + list.length));
  const adjacent = new Int32Array(start[n]!);
  graph.neighbours.forEach((list, v) => adjacent.set(list, start[v]!));
  const betweenness = new Float64Array(n);
  const distance = new Int32Array(n);
  const pathCount = new Float64Array(n);
  const dependency = new Float64Array(n);
  // Nodes in order of discovery: read forwards it is the BFS queue, backwards the stack.
  const order = new Int32Array(n);
  for (let source = 0; source < n; source++) {
    distance.fill(-1);
    pathCount.fill(0);
    dependency.fill(0);
    distance[source] = 0;
    pathCount[source] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = source;
    while (head < tail) {
      const v = order[head++]!;
      const next = distance[v]! + 1;
      for (let e = start[v]!, end = start[v + 1]!; e < end; e++) {
        const w = adjacent[e]!;
        if (distance[w] === -1) {
          distance[w] = next;
          order[tail++] = w;
        }
        if (distance[w] === next) pathCount[w] = pathCount[w]! + pathCount[v]!;
      }
    }
    // Predecessors are the neighbours one step closer to the source, so no lists are kept.
    for (let k = tail - 1; k > 0; k--) {
      const w = order[k]!;
      const previous = distance[w]! - 1;
      const share = (1 + dependency[w]!) / pathCount[w]!;
      for (let e = start[w]!, end = start[w + 1]!; e < end; e++) {
        const v = adjacent[e]!;
        if (distance[v] === previous) dependency[v] = dependency[v]! + pathCount[v]! * share;
      }
      betweenness[w] = betweenness[w]! + dependency[w]!;
    }
  }
  // Every unordered pair was counted from both of its ends.
  for (let v = 0; v < n; v++) betweenness[v] = betweenness[v]! / 2;
  return betweenness;
}
