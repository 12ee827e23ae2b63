import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCost, compareCost, type Cost, minCostAssignment } from '../../../src/core/rotation/assignment';

const total = (m: Cost[][], cols: number[]): Cost =>
  cols.reduce<Cost>(
    (s, j, i) => addCost(s, m[i]![j]!),
    m[0]![0]!.map(() => 0),
  );

/** The least total over every injective row → column map, by enumeration. */
function bruteForce(m: Cost[][], cols: number): Cost {
  let best: Cost | null = null;
  const taken = new Array<boolean>(cols).fill(false);
  const pick: number[] = [];
  const go = (i: number) => {
    if (i === m.length) {
      const t = total(m, pick);
      if (best === null || compareCost(t, best) < 0) best = t;
      return;
    }
    for (let j = 0; j < cols; j++) {
      if (taken[j]) continue;
      taken[j] = true;
      pick.push(j);
      go(i + 1);
      pick.pop();
      taken[j] = false;
    }
  };
  go(0);
  return best!;
}

/** The least total by dynamic programming over columns and the set of rows already placed (another method). */
function subsetDp(m: Cost[][], cols: number): Cost {
  const rows = m.length;
  const width = m[0]![0]!.length;
  let dp: (Cost | null)[] = new Array(1 << rows).fill(null);
  dp[0] = new Array<number>(width).fill(0);
  for (let j = 0; j < cols; j++) {
    const next = [...dp];
    for (let mask = 0; mask < 1 << rows; mask++) {
      const here = dp[mask];
      if (!here) continue;
      for (let i = 0; i < rows; i++) {
        if (mask & (1 << i)) continue;
        const c = addCost(here, m[i]![j]!);
        const to = mask | (1 << i);
        if (next[to] === null || compareCost(c, next[to]!) < 0) next[to] = c;
      }
    }
    dp = next;
  }
  return dp[(1 << rows) - 1]!;
}

const matrix = (maxRows: number, maxCols: number, maxWidth: number) =>
  fc
    .record({ rows: fc.integer({ min: 1, max: maxRows }), extra: fc.integer({ min: 0, max: maxCols - maxRows }), width: fc.integer({ min: 1, max: maxWidth }) })
    .chain(({ rows, extra, width }) =>
      fc.record({
        cols: fc.constant(rows + extra),
        // Small values, negatives included: many ties, which is where assignment code goes wrong.
        m: fc.array(
          fc.array(fc.array(fc.integer({ min: -3, max: 6 }), { minLength: width, maxLength: width }), { minLength: rows + extra, maxLength: rows + extra }),
          {
            minLength: rows,
            maxLength: rows,
          },
        ),
      }),
    );

function checkValid(m: Cost[][], cols: number, out: number[]) {
  expect(out).toHaveLength(m.length);
  for (const j of out) expect(j >= 0 && j < cols).toBe(true);
  expect(new Set(out).size).toBe(out.length);
}

describe('minCostAssignment', () => {
  it('finds the known optimum of a small matrix', () => {
    const m = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ].map((r) => r.map((x) => [x]));
    const out = minCostAssignment(3, 3, (i, j) => m[i]![j]!);
    expect(total(m, out)).toEqual([5]); // 1 + 2 + 2, e.g. rows → columns 1, 0, 2
    expect(out).toEqual([1, 0, 2]);
  });

  it('compares costs lexicographically: a lower first element wins whatever follows', () => {
    // Row 0 prefers column 0 on the first element even though its second element is huge there.
    const m: Cost[][] = [
      [
        [0, 1000],
        [1, 0],
      ],
      [
        [1, 0],
        [1, 0],
      ],
    ];
    expect(minCostAssignment(2, 2, (i, j) => m[i]![j]!)).toEqual([0, 1]);
  });

  it('handles more columns than rows, and no rows', () => {
    expect(minCostAssignment(1, 4, (_, j) => [[5, 3, 1, 3]![j]!])).toEqual([2]);
    expect(minCostAssignment(0, 3, () => [0])).toEqual([]);
    expect(() => minCostAssignment(3, 2, () => [0])).toThrow(RangeError);
  });

  it('matches brute force on random small matrices (rows ≤ cols ≤ 6, vector costs)', () => {
    fc.assert(
      fc.property(matrix(5, 6, 3), ({ cols, m }) => {
        const out = minCostAssignment(m.length, cols, (i, j) => m[i]![j]!);
        checkValid(m, cols, out);
        expect(total(m, out)).toEqual(bruteForce(m, cols));
      }),
      { numRuns: 400 },
    );
  });

  it('matches a subset dynamic programme at the rotation sizes (up to 10 rows, 24 columns)', () => {
    fc.assert(
      fc.property(matrix(10, 24, 2), ({ cols, m }) => {
        const out = minCostAssignment(m.length, cols, (i, j) => m[i]![j]!);
        checkValid(m, cols, out);
        expect(total(m, out)).toEqual(subsetDp(m, cols));
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic: the same matrix gives the same assignment', () => {
    fc.assert(
      fc.property(matrix(5, 8, 2), ({ cols, m }) => {
        const f = (i: number, j: number) => m[i]![j]!;
        expect(minCostAssignment(m.length, cols, f)).toEqual(minCostAssignment(m.length, cols, f));
      }),
      { numRuns: 50 },
    );
  });
});

describe('minCostAssignment at its edges', () => {
  it('ties keep the first: with equal costs each row takes the earliest free column', () => {
    expect(minCostAssignment(1, 3, () => [2])).toEqual([0]);
    expect(minCostAssignment(3, 3, () => [1, 1])).toEqual([0, 1, 2]);
  });

  it('an empty problem asks for no cost at all (a cost over an empty roster could not be computed)', () => {
    expect(
      minCostAssignment(0, 2, () => {
        throw new Error('asked for a cost');
      }),
    ).toEqual([]);
  });

  it('refuses costs of different lengths, and more rows than columns, saying which', () => {
    expect(() => minCostAssignment(2, 2, (i) => (i === 0 ? [1] : [1, 2]))).toThrow('minCostAssignment: costs of different lengths');
    expect(() => minCostAssignment(3, 2, () => [0])).toThrow('minCostAssignment needs rows ≤ cols (got 3 × 2)');
  });
});
