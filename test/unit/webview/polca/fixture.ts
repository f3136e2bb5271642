/** Small hand-made POLCA and Hessian results for the POLCA view's tests. */
import type {
  HessianResult,
  PolcaCluster,
  PolcaGroup,
  PolcaMember,
  PolcaMethod,
  PolcaResult,
} from '../../../../src/shared/polcaResults';
import { neededRequests, signatureOf } from '../../../../webview/polca/requests';
import {
  type PolcaAction,
  type PolcaState,
  initialState,
  reduce,
} from '../../../../webview/polca/state';

export const runDir = '/runs/addition/20260101T000000Z-ab12';
export const steps = [100, 200, 400, 800, 1600, 3200];
const times = steps.slice(1);

export function aMember(i: number, carry: boolean): PolcaMember {
  return {
    text: `12${i}+87${i}=0${i}01`,
    position: 9,
    target: String(i),
    labels: { carryIn: carry ? 1 : 0, cascadingCarry: i % 2, leadingOne: 0 },
  };
}

function aCluster(i: number, n: number, carry: number, at: number[]): PolcaCluster {
  return {
    size: n,
    mean: at.map((_, t) => -0.1 * (i + 1) * t),
    sd: at.map(() => 0.05),
    breakthrough: i === 1 ? null : at[2],
    skillFraction: carry,
    members: Array.from({ length: Math.min(n, 4) }, (_, m) => aMember(m, m < carry * 4)),
  };
}

/** A group with `k` clusters; its ARI grows with `quality`. Not the baseline (family −1): also
 * along a dominant vector (family + 3) with one cluster fewer and half the ARI. */
function aGroup(token: string, quality: number, k: number, at: number[], family = 2): PolcaGroup {
  const clusters = (n: number) =>
    Array.from({ length: n }, (_, i) => aCluster(i, 20 - i, i === 0 ? 0.9 : 0.1, at));
  return {
    token,
    size: 40,
    skillFraction: 0.5,
    family,
    ari: quality,
    nmi: quality * 0.8,
    outlierFraction: 0.05,
    clusters: clusters(k),
    ...(family < 0
      ? {}
      : {
          dominant: {
            family: family + 3,
            ari: quality * 0.5,
            nmi: quality * 0.4,
            outlierFraction: 0.1,
            clusters: clusters(k - 1),
          },
        }),
  };
}

function aMethod(method: PolcaMethod['method'], ari: number, at: number[]): PolcaMethod {
  const family = method === 'lossBaseline' ? -1 : 2;
  return {
    method,
    ari,
    nmi: ari * 0.8,
    ariDominant: ari * 0.5,
    nmiDominant: ari * 0.4,
    ...(method === 'lossBaseline' ? {} : { basisSize: 6, residual: 0.41, residuals: [0.4] }),
    times: at,
    groups: [aGroup('1', ari * 0.5, 3, at, family), aGroup('7', ari, 2, at, family)],
  };
}

export function aPolcaResult(): PolcaResult {
  return {
    runDir,
    runId: '20260101T000000Z-ab12',
    experiment: 'addition',
    steps,
    skill: 'carryIn',
    tokens: 512,
    hessian: {
      method: 'exact',
      examples: 128,
      k: 2,
      iterations: 24,
      checkpoints: steps.map((step, i) => ({
        step,
        eigenvalues: [4 + i, 1 + i / 2],
        residuals: [1e-4, 2e-3],
        hvps: 24,
        added: i === 0 ? 2 : 1,
      })),
    },
    allocation: { method: 'taylor', h: 0.01 },
    features: 'increments',
    ariDominant: { polca: 0.3, lossBaseline: 0.31, randomBasis: 0.05 },
    nmiDominant: { polca: 0.25, lossBaseline: 0.25, randomBasis: 0.04 },
    ari: { polca: 0.62, lossBaseline: 0.31, randomBasis: 0.12, singleCheckpoint: 0.2 },
    nmi: {
      polca: 0.5,
      lossBaseline: 0.25,
      randomBasis: 0.1,
      singleCheckpoint: null as unknown as number,
    },
    residual: 0.41,
    methods: [
      aMethod('polca', 0.62, times),
      aMethod('lossBaseline', 0.31, steps),
      aMethod('randomBasis', 0.12, times),
      aMethod('singleCheckpoint', 0.2, times),
    ],
    lossCurve: steps.map((step, i) => ({ step, loss: 2 / (i + 1) })),
  };
}

export function aHessianResult(): HessianResult {
  return {
    runDir,
    runId: '20260101T000000Z-ab12',
    experiment: 'addition',
    settings: { method: 'exact', examples: 256, k: 3, iterations: 30 },
    checkpoints: [0, 500, 1000].map((step, i) => ({
      step,
      eigenvalues: [10 * (i + 1), 5, i === 2 ? (null as unknown as number) : 1],
      residuals: [1e-5, 1e-4, 3e-3],
      hvps: 30,
    })),
  };
}

export function snapshot(view: 'clusters' | 'spectrum' = 'clusters'): PolcaAction {
  return { type: 'snapshot', key: runDir, title: 'POLCA: addition', runDir, view };
}

/** The state after the handshake with every needed request answered from the fixtures. */
export function loaded(
  view: 'clusters' | 'spectrum' = 'clusters',
  s: PolcaState = reduce(initialState(), snapshot(view)),
): PolcaState {
  let state = s;
  for (const r of neededRequests(state)) {
    const signature = signatureOf(r);
    const data = r.slot === 'polca' ? aPolcaResult() : aHessianResult();
    state = reduce(state, { type: 'request', slot: r.slot, signature });
    state = reduce(state, { type: 'loaded', slot: r.slot, signature, data });
  }
  return state;
}
