// Top-k selection over a score array, shared by the stores' exact vector scans.

/** Indices of the k largest scores, best first (one pass keeping a small sorted list). */
export function topK(scores: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row] as number;
    if (best.length === k && score <= (scores[best[k - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] as number] as number) < score) at--;
    best.splice(at, 0, row);
    if (best.length > k) best.pop();
  }
  return best;
}
