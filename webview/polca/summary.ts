/**
 * Pure text of the POLCA view: the status badge, the progress line, the one-line comparison of
 * POLCA with the baseline and controls, and the summary list of each view (what the figures
 * show, for screen readers and a quick read).
 */
import type { PolcaResult } from '../../src/shared/polcaResults';
import { clusterLabel } from './clusterFigure';
import { fixed, isNum, num, pct, progressText } from './format';
import { methodNames } from './methods';
import { methodScores } from './scoresFigure';
import {
  hasDominant,
  selectedCluster,
  shownGroup,
  shownMethod,
  shownSpectrum,
  viewError,
  viewSlot,
} from './selectors';
import { rankSeries } from './spectrumFigure';
import type { PolcaState } from './state';
import type { Spectrum } from './types';

/** The status badge of the current view. */
export function statusText(s: PolcaState): string {
  if (viewError(s) !== undefined) {
    return 'error';
  }
  if (s.key === '' && s.fatal === undefined) {
    return 'loading';
  }
  const load = s.loads[viewSlot(s)];
  switch (load.status) {
    case 'loading':
      return load.data === undefined ? 'computing' : 'refreshing';
    case 'cancelled':
      return 'cancelled';
    case 'idle':
      return 'loading';
    case 'error':
    case 'ready':
      return s.stale !== undefined ? 'outdated' : 'ready';
  }
}

/** The progress line of the current view's running job, or undefined when none runs. */
export function progressLine(
  s: PolcaState,
): { text: string; done?: number; total?: number } | undefined {
  const load = s.loads[viewSlot(s)];
  if (load.status !== 'loading') {
    return undefined;
  }
  const p = load.progress;
  const what = s.view === 'clusters' ? 'POLCA' : 'Hessian';
  return p === undefined
    ? { text: `${what}: starting the worker…` }
    : { text: `${what}: ${progressText(p)}`, done: p.done, total: p.total };
}

/**
 * "POLCA ARI 0.62 vs loss baseline 0.31 (random basis 0.12, …) against carryIn; dominant vector
 * 0.30 vs 0.31; residual 0.41".
 */
export function headline(data: PolcaResult): string {
  const scores = methodScores(data);
  const ari = (id: string, pick: 'ari' | 'ariDominant' = 'ari') =>
    fixed(scores.find((sc) => sc.method === id)?.[pick]);
  const controls = scores
    .filter((sc) => sc.method === 'randomBasis' || sc.method === 'singleCheckpoint')
    .map((sc) => `${sc.name} ${fixed(sc.ari)}`);
  const extra = controls.length === 0 ? '' : ` (${controls.join(', ')})`;
  return (
    `POLCA ARI ${ari('polca')} vs loss baseline ${ari('lossBaseline')}${extra} ` +
    `against ${data.skill}; dominant vector ${ari('polca', 'ariDominant')} vs ` +
    `${ari('lossBaseline', 'ariDominant')}; residual ${fixed(data.residual)}`
  );
}

/** How the analysis was run. */
export function setupLine(data: PolcaResult): string {
  const steps = data.steps;
  const span = steps.length === 0 ? '' : ` (steps ${steps[0]}–${steps[steps.length - 1]})`;
  const h = data.hessian;
  const basis = data.methods.find((m) => m.method === 'polca')?.basisSize;
  return (
    `${data.runId}: ${steps.length} checkpoints${span}, ${data.tokens} analysed tokens; ` +
    `${h.method} Hessian on ${h.examples} examples (k = ${h.k}, ${h.iterations} Lanczos steps); ` +
    `${data.allocation.method} allocation` +
    (basis === undefined ? '.' : `; POLCA basis of ${basis} vectors.`)
  );
}

function clustersLines(s: PolcaState): string[] {
  const data = s.loads.polca.data;
  const method = shownMethod(s);
  const group = shownGroup(s);
  if (data === undefined || method === undefined) {
    return [];
  }
  const lines = [`${headline(data)}.`, setupLine(data)];
  if (group === undefined) {
    return [...lines, `${methodNames[method.method]} clustered no output-token group.`];
  }
  const along = s.clusters.vector === 'dominant' && hasDominant(s) ? 'dominant' : 'best-agreeing';
  const vector = group.family < 0 ? 'the raw loss' : `${along} basis vector ${group.family}`;
  lines.push(
    `Output token "${group.token}" (${methodNames[method.method]}): ${group.size} tokens, ` +
      `${pct(group.skillFraction)} ${data.skill}, ${group.clusters.length} clusters, ` +
      `${pct(group.outlierFraction)} outliers; along ${vector} ` +
      `(ARI ${fixed(group.ari)}, NMI ${fixed(group.nmi)}).`,
  );
  const selected = selectedCluster(s);
  if (selected === undefined) {
    lines.push('Click a cluster (its curve or legend entry) to list its members.');
  } else {
    const c = selected.group.clusters[selected.index];
    const at = isNum(c.breakthrough) ? `breakthrough at step ${c.breakthrough}` : 'no breakthrough';
    lines.push(
      `Selected ${clusterLabel(c, selected.index, data.skill)}, ${at}; ` +
        `${c.members.length} of its members listed below.`,
    );
  }
  return lines;
}

/** Whether the Ritz pairs converged: the largest residual norm relative to its eigenvalue. */
export function convergenceLine(sp: Spectrum): string {
  const relative = sp.checkpoints.flatMap((c) =>
    c.eigenvalues.flatMap((v, i) => {
      const r = c.residuals[i];
      return isNum(v) && isNum(r) ? [Math.abs(r) / Math.max(Math.abs(v), 1e-12)] : [];
    }),
  );
  if (relative.length === 0) {
    return 'No residual norms to judge convergence by.';
  }
  const worst = Math.max(...relative);
  return worst <= 0.01
    ? `Converged: every residual norm is at most ${num(100 * worst, 2)}% of its eigenvalue.`
    : `Not all eigenpairs converged: a residual norm reaches ${num(100 * worst, 2)}% of its ` +
        'eigenvalue (more Lanczos steps help).';
}

function spectrumLines(s: PolcaState): string[] {
  const sp = shownSpectrum(s);
  const top = sp === undefined ? undefined : rankSeries(sp)[0];
  if (sp === undefined || top === undefined || top.steps.length === 0) {
    return [];
  }
  const n = top.steps.length - 1;
  const lines = [
    `${sp.runId}: largest eigenvalue ${num(top.values[0])} at step ${top.steps[0]}, ` +
      `${num(top.values[n])} at step ${top.steps[n]} (${sp.checkpoints.length} checkpoints).`,
    convergenceLine(sp),
  ];
  if (sp.source === 'polca') {
    lines.push('From the POLCA basis: eigenvalues of the Hessian restricted to new directions.');
  }
  return lines;
}

/** Sentences describing what the current view shows. */
export function summaryLines(s: PolcaState): string[] {
  const error = viewError(s);
  if (error !== undefined) {
    return [`The analysis failed: ${error}`];
  }
  const lines = s.view === 'clusters' ? clustersLines(s) : spectrumLines(s);
  const status = statusText(s);
  if (lines.length === 0 && status === 'cancelled') {
    lines.push('Cancelled; press Refresh to compute again.');
  } else if (lines.length === 0 && status !== 'ready') {
    lines.push('Computing…');
  }
  if (s.stale !== undefined) {
    lines.push(`Changed since computed (${s.stale}); refresh to recompute.`);
  }
  return lines;
}
