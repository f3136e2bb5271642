/** Converts the engine's POLCA run into the JSON result the CLI prints and the view draws. */
import type { GroupResult } from '../../engine/analysis/polca/clusterTrajectories';
import type { MethodResult, PolcaRun } from '../../engine/analysis/polca/pipeline';
import type { PolcaCluster, PolcaGroup, PolcaMethod } from '../../shared/polcaResults';
import type { AnalysedTokens } from './tokens';

/** Members listed per cluster. */
const listedMembers = 40;

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
  const clusters: PolcaCluster[] = g.best.summary.clusters.map((c) => {
    const members = Array.from(c.members, (row) => g.tokens[row]);
    return {
      size: c.size,
      mean: Array.from(c.mean),
      sd: Array.from(c.std),
      breakthrough: c.breakthrough === null ? null : times[c.breakthrough],
      skillFraction: fraction(members),
      members: members.slice(0, listedMembers).map((v) => tokens.member(v)),
    };
  });
  return {
    token: names[g.group] ?? String(g.group),
    size: g.tokens.length,
    skillFraction: fraction(g.tokens),
    family: baseline ? -1 : g.best.family,
    ari: g.best.ari,
    nmi: g.best.nmi,
    outlierFraction: g.best.summary.outlierFraction,
    clusters,
  };
}
