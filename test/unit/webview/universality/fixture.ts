/** Small hand-made universality results for the universality view's tests. */
import type { RunListing } from '../../../../src/shared/protocol/analysisProtocol';
import type { UniversalityViewId } from '../../../../src/shared/protocol/universalityView';
import type {
  CkaMatrix,
  CkaRunsComparison,
  RunCkaLayers,
  StarvationCell,
  StarvationResult,
  StitchScore,
  StitchingCell,
  StitchingResult,
} from '../../../../src/shared/universalityResults';
import { neededRequests, signatureOf } from '../../../../webview/universality/requests';
import {
  type UniversalityAction,
  type UniversalityState,
  initialState,
  reduce,
} from '../../../../webview/universality/state';

export const folder = '/runs/family/sweep-1';
export const layers = ['embedding', 'hidden.0', 'output'];

export function aListing(): { runs: RunListing[]; sweeps: string[] } {
  const run = (i: number, checkpoints: number): RunListing => ({
    runDir: `${folder}/r${i}`,
    runId: `r${i}`,
    experiment: 'family',
    status: i === 3 ? 'running' : 'done',
    label: `width ${8 * 2 ** i}`,
    task: 'family-tree',
    model: 'embed-mlp',
    checkpoints,
  });
  // r0 has no checkpoint yet: the analyses skip it.
  return { runs: [run(0, 0), run(1, 3), run(2, 3), run(3, 1)], sweeps: [folder] };
}

/** A 3 × 3 matrix with p-values 0.0005, 0.005, 0.03 and 0.4 off the diagonal. */
export function aMatrix(names = layers, tested = true): CkaMatrix {
  const values = [
    [1, 0.82, 0.3],
    [0.82, 1, 0.61],
    [0.3, 0.61, 1],
  ];
  const p = [
    [0.0005, 0.005, 0.4],
    [0.005, 0.0005, 0.03],
    [0.4, 0.03, 0.0005],
  ];
  const nulls = p.map((row) =>
    row.map((pValue) => ({ pValue, mean: 0.1, low: 0.05, high: 0.2, permutations: 2000 })),
  );
  return { rows: names, columns: names, values, nulls: tested ? nulls : undefined };
}

export function aRunCkaLayers(estimator: 'linear' | 'rbf' = 'linear'): RunCkaLayers {
  const points = (layer: string, k: number) => ({
    layer,
    x: [0, 1, 2, 3].map((i) => i + k),
    y: [0, 1, 2, 3].map((i) => i * k),
    explained: [0.5, 0.25] as [number, number],
  });
  return {
    runDir: `${folder}/r1`,
    runId: 'r1',
    experiment: 'family',
    settings: { estimator, rbfThreshold: 1, permutations: 2000, seed: 0 },
    inputSet: { split: 'test', n: 4, total: 10 },
    layers,
    steps: [100, 200].map((step) => ({
      step,
      matrix: aMatrix(),
      points: layers.map((l, k) => points(l, k)),
    })),
    acrossCheckpoints: layers.map((layer) => ({ layer, values: [0.5, 1] })),
    examples: ['p0 → p1', 'p1 → p0', 'p2 → p3', 'p3 → p2'],
    labels: [
      { name: 'relation', values: [0, 1, 0, 2], names: ['parent', 'child', 'sibling'] },
      { name: 'generation', values: [0, 1, 2, 3], names: ['g0', 'g1', 'g2', 'g3'] },
    ],
  };
}

export function aRunsComparison(): CkaRunsComparison {
  const runs = [1, 2, 3].map((i) => ({ runDir: `${folder}/r${i}`, runId: `r${i}`, label: 'seed' }));
  return {
    settings: { estimator: 'debiased', rbfThreshold: 1, permutations: 2000, seed: 0 },
    layer: 'embedding',
    layers,
    runs,
    matrix: aMatrix(['seed', 'seed', 'seed']),
    n: 100,
    skipped: [{ runDir: `${folder}/r0`, reason: 'no checkpoints' }],
  };
}

const score = (balancedAccuracy: number, normalized: number): StitchScore => ({
  balancedAccuracy,
  normalized,
});

/** Task score `task`; controls 0.1 (random), `shuffled`, 0.2 (person held-out), normalised. */
export function aCell(from: string, to: string, task: number, shuffled = 0.15): StitchingCell {
  return {
    fromLayer: from,
    toLayer: to,
    task: score(0.5 + task / 2, task),
    regression: score(0.5 + task / 4, task / 2),
    controls: {
      random: score(0.55, 0.1),
      shuffled: score(0.5 + shuffled / 2, shuffled),
      personHeldOut: score(0.6, 0.2),
    },
  };
}

export function aStitching(): StitchingResult {
  const a = { runDir: `${folder}/r1`, runId: 'r1', label: 'width 16', balancedAccuracy: 0.99 };
  const b = { runDir: `${folder}/r2`, runId: 'r2', label: 'width 32', balancedAccuracy: 0.97 };
  const cells = (shift: number) => [
    aCell('embedding', 'embedding', 0.9 - shift),
    aCell('embedding', 'output', 0.5 - shift),
    aCell('output', 'embedding', 0.3 - shift, 0.4),
    aCell('output', 'output', 0.8 - shift),
  ];
  return {
    epsilon: 0,
    steps: 200,
    chance: 0.5,
    forward: { from: a, to: b, cells: cells(0) },
    backward: { from: b, to: a, cells: cells(0.1) },
    symmetric: 0.85,
  };
}

const ms = (mean: number, sd = 0.01, runs = 3) => ({ mean, sd, runs });

export function aStarvationCell(
  width: number,
  depth: number,
  embedDim: number,
  acc: number,
  converged = 3,
): StarvationCell {
  return {
    params: { 'model.hidden': width },
    width,
    depth,
    embedDim,
    trainFraction: 0.8,
    parameters: width * depth * 10,
    testAccuracy: ms(acc),
    testAccuracyAtConvergence: ms(acc - 0.05),
    stepsTo100: converged > 0 ? ms(1000 / width, 5, converged) : ms(Number.NaN, Number.NaN, 0),
    converged,
    crossSeedCka: { linear: ms(acc - 0.1), debiased: ms(acc - 0.2) },
    crossSeedStitching: ms(acc - 0.15),
  };
}

export function aStarvation(): StarvationResult {
  return {
    sweepDir: folder,
    budget: 1000,
    axes: { width: [8, 16, 32], depth: [1, 2], embedDim: [4, 8], trainFraction: [0.8] },
    cells: [
      aStarvationCell(32, 1, 8, 0.9),
      aStarvationCell(8, 1, 8, 0.6, 0),
      aStarvationCell(16, 1, 8, 0.9),
      aStarvationCell(8, 2, 8, 0.7, 1),
      aStarvationCell(16, 2, 8, 0.85),
      aStarvationCell(8, 1, 4, 0.5),
    ],
    skipped: [],
  };
}

/** Applies actions in order. */
export function run(s: UniversalityState, ...actions: UniversalityAction[]): UniversalityState {
  return actions.reduce(reduce, s);
}

/** Answers every needed request as the host would (with the fixtures), until none is needed. */
export function settle(s: UniversalityState): UniversalityState {
  let state = s;
  for (let round = 0; round < 5; round++) {
    const wanted = neededRequests(state);
    if (wanted.length === 0) {
      return state;
    }
    for (const r of wanted) {
      const signature = signatureOf(r);
      state = reduce(state, { type: 'request', slot: r.slot, signature });
      const data =
        r.slot === 'runs'
          ? aListing()
          : r.slot === 'layers'
            ? aRunCkaLayers()
            : r.slot === 'compare'
              ? aRunsComparison()
              : r.slot === 'stitching'
                ? aStitching()
                : aStarvation();
      state = reduce(state, { type: 'loaded', slot: r.slot, signature, data });
    }
  }
  throw new Error('requests did not settle');
}

/** A panel on `view` with everything that view needs loaded. */
export function loaded(view: UniversalityViewId = 'layers'): UniversalityState {
  const s = reduce(initialState(), {
    type: 'snapshot',
    key: folder,
    title: 'Universality: sweep-1',
    sources: [folder],
    view,
  });
  return settle(s);
}
