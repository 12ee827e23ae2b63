/**
 * Minimum-cost assignment (the Hungarian algorithm, O(rows² · cols)).
 *
 * Costs are vectors compared lexicographically, so a rule such as "fewest turns first, then fewest
 * turns in this role, then longest ago" is one exact optimisation instead of weights packed into a
 * float (which would need ~80 bits for the rotation's seven levels and silently lose the lower
 * ones). Integer vectors under component-wise + and − with lexicographic order are an ordered
 * group, which is all the algorithm's potentials need; a one-element vector is a plain cost.
 */

/** A cost: its first element matters most. All costs given to one call have the same length. */
export type Cost = readonly number[];

/** Negative, zero or positive as `a` is lexicographically less than, equal to or more than `b`. */
export function compareCost(a: Cost, b: Cost): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
  return 0;
}

export function addCost(a: Cost, b: Cost): number[] {
  return a.map((x, k) => x + b[k]!);
}

/**
 * Gives each row a distinct column so that the sum of the chosen costs is least (lexicographically).
 * Needs rows ≤ cols. Returns, for each row, its column. Deterministic: among equally good
 * assignments the result depends only on the matrix (scans go in index order, ties keep the first).
 */
export function minCostAssignment(rows: number, cols: number, cost: (row: number, col: number) => Cost): number[] {
  if (rows > cols) throw new RangeError(`minCostAssignment needs rows ≤ cols (got ${rows} × ${cols})`);
  if (rows === 0) return [];
  const w = cost(0, 0).length;
  // Flat arrays, w numbers per cost: the inner loop runs rows² · cols times and allocates nothing.
  const a = new Float64Array(rows * cols * w);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = cost(i, j);
      if (c.length !== w) throw new RangeError('minCostAssignment: costs of different lengths');
      for (let k = 0; k < w; k++) a[(i * cols + j) * w + k] = c[k]!;
    }
  }
  // 1-indexed as in the classic formulation; row 0 / column 0 are the virtual start of each search.
  const u = new Float64Array((rows + 1) * w); // row potentials
  const v = new Float64Array((cols + 1) * w); // column potentials
  const p = new Int32Array(cols + 1); // p[j]: row matched to column j (0 = none)
  const way = new Int32Array(cols + 1); // previous column on the shortest path to j
  const minv = new Float64Array((cols + 1) * w);
  const hasMinv = new Uint8Array(cols + 1); // 0 = +∞
  const used = new Uint8Array(cols + 1);
  const cur = new Float64Array(w);
  const delta = new Float64Array(w);

  /** Lexicographic x[xo..] < y[yo..] over w numbers. */
  const less = (x: Float64Array, xo: number, y: Float64Array, yo: number): boolean => {
    for (let k = 0; k < w; k++) if (x[xo + k] !== y[yo + k]) return x[xo + k]! < y[yo + k]!;
    return false;
  };

  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    hasMinv.fill(0);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const ao = ((i0 - 1) * cols + (j - 1)) * w;
        for (let k = 0; k < w; k++) cur[k] = a[ao + k]! - u[i0 * w + k]! - v[j * w + k]!;
        if (!hasMinv[j] || less(cur, 0, minv, j * w)) {
          minv.set(cur, j * w);
          hasMinv[j] = 1;
          way[j] = j0;
        }
        if (j1 === 0 || less(minv, j * w, minv, j1 * w)) j1 = j;
      }
      // rows ≤ cols, so an unused column always remains and j1 is set.
      delta.set(minv.subarray(j1 * w, j1 * w + w));
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          for (let k = 0; k < w; k++) {
            u[p[j]! * w + k]! += delta[k]!;
            v[j * w + k]! -= delta[k]!;
          }
        } else {
          for (let k = 0; k < w; k++) minv[j * w + k]! -= delta[k]!;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    // Flip the augmenting path back to the start.
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (p[j]) out[p[j]! - 1] = j - 1;
  return out;
}
