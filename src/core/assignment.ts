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

function sub(a: Cost, b: Cost): number[] {
  return a.map((x, k) => x - b[k]!);
}

/**
 * Gives each row a distinct column so that the sum of the chosen costs is least (lexicographically).
 * Needs rows ≤ cols. Returns, for each row, its column. Deterministic: among equally good
 * assignments the result depends only on the matrix (scans go in index order, ties keep the first).
 */
export function minCostAssignment(rows: number, cols: number, cost: (row: number, col: number) => Cost): number[] {
  if (rows > cols) throw new RangeError(`minCostAssignment needs rows ≤ cols (got ${rows} × ${cols})`);
  if (rows === 0) return [];
  const width = cost(0, 0).length;
  const zero = (): number[] => new Array<number>(width).fill(0);
  const a: Cost[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => cost(i, j)));
  for (const row of a) for (const c of row) if (c.length !== width) throw new RangeError('minCostAssignment: costs of different lengths');

  // 1-indexed as in the classic formulation; row 0 / column 0 are the virtual start of each search.
  const u: number[][] = Array.from({ length: rows + 1 }, zero); // row potentials
  const v: number[][] = Array.from({ length: cols + 1 }, zero); // column potentials
  const p = new Array<number>(cols + 1).fill(0); // p[j]: row matched to column j (0 = none)
  const way = new Array<number>(cols + 1).fill(0); // previous column on the shortest path to j

  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    const minv: (number[] | null)[] = new Array(cols + 1).fill(null); // null = +∞
    const used = new Array<boolean>(cols + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta: number[] | null = null;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = sub(sub(a[i0 - 1]![j - 1]!, u[i0]!), v[j]!);
        if (minv[j] === null || compareCost(cur, minv[j]!) < 0) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (delta === null || compareCost(minv[j]!, delta) < 0) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      // rows ≤ cols, so an unused column always remains and delta is set.
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[p[j]!] = addCost(u[p[j]!]!, delta!);
          v[j] = sub(v[j]!, delta!);
        } else {
          minv[j] = sub(minv[j]!, delta!);
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
