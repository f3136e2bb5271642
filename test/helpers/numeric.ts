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

/**
 * A case of cka.json: two representations with numpy's float64 CKA values (linear, RBF at each
 * threshold, debiased; HSIC and U-centring forms); see make_cka_fixture.py.
 */
export interface CkaCase {
  label: string;
  x: StoredMatrix;
  y: StoredMatrix;
  cka: number;
  rbf: { threshold: number; cka: number }[];
  debiased: number;
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
