/** Reading the committed numpy fixtures of test/fixtures/numeric/. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Float64Matrix } from '../../src/engine/analysis/cka';

/** A matrix as the fixture scripts store it: row-major values in a JSON list. */
export interface StoredMatrix {
  rows: number;
  cols: number;
  data: number[];
}

/** The `cases` list of a fixture file, e.g. `numericCases<Case>('cka.json')`. */
export function numericCases<T>(file: string): T[] {
  const p = path.join(__dirname, '..', 'fixtures', 'numeric', file);
  return (JSON.parse(readFileSync(p, 'utf8')) as { cases: T[] }).cases;
}

/** A stored matrix as a Float64Matrix. */
export const toMatrix = (m: StoredMatrix): Float64Matrix => ({
  rows: m.rows,
  cols: m.cols,
  data: Float64Array.from(m.data),
});
