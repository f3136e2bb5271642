/**
 * Percentile rank of one candidate among all candidates.
 */

/**
 * Mid-rank percentile of values[index] among the other N − 1 values:
 *   (#{j ≠ i: v_j < v_i} + ½·#{j ≠ i: v_j = v_i}) / (N − 1),  and 0.5 when N = 1.
 * 0 for the unique minimum, 1 for the unique maximum. Convention chosen so that a candidate drawn
 * uniformly at random has expectation exactly 0.5 (every unordered pair {i, j} contributes 1 in
 * total to the two numerators, so the N ranks sum to N(N − 1)/2), ties included.
 * NaN values compare as neither less nor equal.
 */
export function percentileRank(values: ArrayLike<number>, index: number): number {
  const n = values.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`index ${index} outside 0..${n - 1}`);
  }
  if (n === 1) {
    return 0.5;
  }
  const v = values[index];
  let below = 0;
  let ties = 0;
  for (let j = 0; j < n; j++) {
    if (j === index) {
      continue;
    }
    if (values[j] < v) {
      below++;
    } else if (values[j] === v) {
      ties++;
    }
  }
  return (below + 0.5 * ties) / (n - 1);
}
