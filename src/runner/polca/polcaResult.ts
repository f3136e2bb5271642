/** Converts the engine's POLCA run into the JSON result the CLI prints and the view draws. */
import type { GroupClustering, GroupResult } from '../../engine/analysis/polca/clusterTrajectories';
import type { MethodResult, PolcaRun } from '../../engine/analysis/polca/pipeline';
import type {
  HessianSettings,
  PolcaGroup,
  PolcaGroupClustering,
  PolcaMethod,
  PolcaResult,
} from '../../shared/polcaResults';
import type { RunModel } from '../universality/runModel';
import type { AnalysedTokens } from './tokens';

/** Members listed per cluster. */
const listedMembers = 40;

/** What the result records besides the engine's run. */
export interface PolcaContext {
  run: RunModel;
  steps: number[];
  tokens: AnalysedTokens;
  tokenCount: number;
  hessian: HessianSettings;
  allocation: PolcaResult['allocation'];
  features: PolcaResult['features'];
  skill: string;
  names: string[];
}

/** The JSON result of a POLCA run. */
export function polcaResult(r: PolcaRun, c: PolcaContext): PolcaResult {
  const times = c.steps.slice(1);
  const summary = (
    method: PolcaMethod['method'],
    m: MethodResult | PolcaRun['lossBaseline'],
    t: number[],
  ) => methodSummary(method, m, t, c.tokens, c.names);
  const methods: PolcaMethod[] = [
    summary('polca', r.polca, times),
    summary('lossBaseline', r.lossBaseline, c.steps),
    ...(r.randomBasis ? [summary('randomBasis', r.randomBasis, times)] : []),
    ...(r.singleCheckpoint ? [summary('singleCheckpoint', r.singleCheckpoint, times)] : []),
  ];
  const score = (pick: 'ari' | 'nmi' | 'ariDominant' | 'nmiDominant') => ({
    polca: r.polca[pick],
    lossBaseline: r.lossBaseline[pick],
    ...(r.randomBasis ? { randomBasis: r.randomBasis[pick] } : {}),
    ...(r.singleCheckpoint ? { singleCheckpoint: r.singleCheckpoint[pick] } : {}),
  });
  return {
    runDir: c.run.runDir,
    runId: c.run.manifest.runId,
    experiment: c.run.manifest.experiment,
    steps: c.steps,
    skill: c.skill,
    tokens: c.tokenCount,
    hessian: { ...c.hessian, checkpoints: r.basis.steps.map((s) => ({ ...s })) },
    allocation: c.allocation,
    features: c.features,
    ari: score('ari'),
    nmi: score('nmi'),
    ariDominant: score('ariDominant'),
    nmiDominant: score('nmiDominant'),
    residual: r.polca.residual,
    methods,
    lossCurve: r.losses.map((l, t) => ({
      step: c.steps[t],
      loss: l.reduce((sum, x) => sum + x, 0) / Math.max(1, l.length),
    })),
  };
}

/** One method's JSON summary; `times` is the x axis of its trajectories. */
export function methodSummary(
  method: PolcaMethod['method'],
  m: MethodResult | PolcaRun['lossBaseline'],
  times: number[],
  tokens: AnalysedTokens,
  names: string[],
): PolcaMethod {
  const own = 'basisSize' in m ? m : undefined;
  return {
    method,
    ari: m.ari,
    nmi: m.nmi,
    ariDominant: m.ariDominant,
    nmiDominant: m.nmiDominant,
    ...(own === undefined
      ? {}
      : { basisSize: own.basisSize, residual: own.residual, residuals: own.residuals }),
    times,
    groups: m.groups.map((g) => groupSummary(g, times, tokens, names, own === undefined)),
  };
}

function groupSummary(
  g: GroupResult,
  times: number[],
  tokens: AnalysedTokens,
  names: string[],
  baseline: boolean,
): PolcaGroup {
  const skillOf = (v: number): number => (tokens.skill[v] > 0 ? 1 : 0);
  const fraction = (vs: ArrayLike<number>): number =>
    vs.length === 0 ? 0 : Array.from(vs).reduce((s, v) => s + skillOf(v), 0) / vs.length;
  const clustering = (c: GroupClustering): PolcaGroupClustering => ({
    family: baseline ? -1 : c.family,
    ari: c.ari,
    nmi: c.nmi,
    outlierFraction: c.summary.outlierFraction,
    clusters: c.summary.clusters.map((k) => {
      const members = Array.from(k.members, (row) => g.tokens[row]);
      return {
        size: k.size,
        mean: Array.from(k.mean),
        sd: Array.from(k.std),
        breakthrough: k.breakthrough === null ? null : times[k.breakthrough],
        skillFraction: fraction(members),
        members: members.slice(0, listedMembers).map((v) => tokens.member(v)),
      };
    }),
  });
  return {
    token: names[g.group] ?? String(g.group),
    size: g.tokens.length,
    skillFraction: fraction(g.tokens),
    ...clustering(g.best),
    ...(baseline ? {} : { dominant: clustering(g.dominant) }),
  };
}
