/** The numpy references of test/fixtures/numeric/hdbscan.json (make_hdbscan_fixture.py). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OutlierHandling } from '../../../../../src/engine/analysis/clustering';

/** One dataset with the reference HDBSCAN labels (−1 = outlier) and the generating labels. */
export interface HdbscanCase {
  label: string;
  minClusterSize: number;
  minSamples: number;
  points: number[][];
  truth: number[];
  labels: number[];
  clusters: number;
  outliers: number;
}

/** Two labelings and their ARI / NMI under each outlier handling (n = points scored). */
export interface MetricCase {
  label: string;
  a: number[];
  b: number[];
  scores: Record<OutlierHandling, { ari: number; nmi: number; n: number }>;
}

export const fixture = JSON.parse(
  readFileSync(path.join(__dirname, '../../../../fixtures/numeric/hdbscan.json'), 'utf8'),
) as { generator: string; hdbscan: HdbscanCase[]; metrics: MetricCase[] };
