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

/** The `k` best items of a score array restricted to `ids` (partial selection, best first). */
export function topK(ids: number[], scores: Float32Array, k: number): Ranked[] {
  const out: Ranked[] = [];
  for (const id of ids) {
    const s = scores[id]!;
    if (s <= 0) continue;
    if (out.length < k) {
      out.push({ id, score: s });
      if (out.length === k) out.sort((a, b) => b.score - a.score);
    } else if (s > out[k - 1]!.score) {
      let i = k - 1;
      while (i > 0 && out[i - 1]!.score < s) {
        out[i] = out[i - 1]!;
        i--;
      }
      out[i] = { id, score: s };
    }
  }
  if (out.length < k) out.sort((a, b) => b.score - a.score);
  return out;
}
