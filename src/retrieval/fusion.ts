/** Reciprocal-rank fusion of several rankings (Cormack et al. 2009): score = sum 1 / (k + rank). */

export interface Ranked {
  id: number;
  score: number;
}

/** Fuses rankings (best first) into one, best first; `weights` default to 1 each. */
export function reciprocalRankFusion(rankings: Ranked[][], k = 60, weights?: number[]): Ranked[] {
  const fused = new Map<number, number>();
  rankings.forEach((ranking, r) => {
    const w = weights?.[r] ?? 1;
    ranking.forEach((item, i) => fused.set(item.id, (fused.get(item.id) ?? 0) + w / (k + i + 1)));
  });
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/**
 * The `k` best items of a score array restricted to `ids`, best first: a size-k min-heap, so
 * O(n log k) however many items were touched.
 */
export function topK(ids: number[], scores: Float32Array, k: number): Ranked[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const down = (i: number) => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && less(heap[l]!, heap[m]!)) m = l;
      if (r < n && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const id of ids) {
    if (scores[id]! <= 0) continue;
    if (heap.length < k) {
      heap.push(id);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (less(heap[0]!, id)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .map((id) => ({ id, score: scores[id]! }));
}
