/**
 * Pure reads of the POLCA view's state: the methods and groups of the result, the group and
 * cluster shown, where the spectrum comes from, which slot the current view waits for, its error,
 * and the figures that apply.
 */
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import type { PolcaGroup, PolcaMethod, PolcaResult } from '../../src/shared/polcaResults';
import { type FigureId } from './figureIds';
import { isNum } from './format';
import { methodIds } from './methods';
import type { PolcaState } from './state';
import type { SlotId, Spectrum, SpectrumSource } from './types';

/** The methods of a result, in the order POLCA, loss baseline, random basis, single checkpoint. */
export function presentMethods(data: PolcaResult): PolcaMethod[] {
  return methodIds.flatMap((id) => data.methods.filter((m) => m.method === id));
}

/** The method shown: the chosen one, else POLCA, else the first. */
export function shownMethod(s: PolcaState): PolcaMethod | undefined {
  const data = s.loads.polca.data;
  if (data === undefined) {
    return undefined;
  }
  const methods = presentMethods(data);
  return methods.find((m) => m.method === s.clusters.method) ?? methods[0];
}

/** The token of the group POLCA separates best (highest ARI), else the first group's. */
export function bestGroupToken(data: PolcaResult): string | undefined {
  const methods = presentMethods(data);
  const polca = methods.find((m) => m.method === 'polca') ?? methods[0];
  const groups = polca?.groups ?? [];
  const best = groups
    .filter((g) => isNum(g.ari))
    .reduce<PolcaGroup | undefined>(
      (a, g) => (a === undefined || g.ari > a.ari ? g : a),
      undefined,
    );
  return (best ?? groups[0])?.token;
}

/**
 * The groups of the shown method as seen along the chosen vector: a group's dominant clustering
 * replaces its best-agreeing one when `dominant` is chosen and the group has one.
 */
export function shownGroups(s: PolcaState): PolcaGroup[] {
  const groups = shownMethod(s)?.groups ?? [];
  return s.clusters.vector === 'dominant'
    ? groups.map((g) => (g.dominant === undefined ? g : { ...g, ...g.dominant }))
    : groups;
}

/** Whether the shown method offers a dominant vector (every method but the loss baseline). */
export function hasDominant(s: PolcaState): boolean {
  return shownMethod(s)?.groups.some((g) => g.dominant !== undefined) ?? false;
}

/** The group shown: the chosen token in the shown method, else the best POLCA group, else the first. */
export function shownGroup(s: PolcaState): PolcaGroup | undefined {
  const data = s.loads.polca.data;
  const groups = shownGroups(s);
  if (data === undefined || groups.length === 0) {
    return undefined;
  }
  const find = (token: string | undefined) => groups.find((g) => g.token === token);
  return find(s.clusters.group) ?? find(bestGroupToken(data)) ?? groups[0];
}

/** The cluster whose members are listed, if one is selected and exists. */
export function selectedCluster(s: PolcaState): { index: number; group: PolcaGroup } | undefined {
  const group = shownGroup(s);
  const index = s.clusters.cluster;
  return group !== undefined && index !== undefined && index >= 0 && index < group.clusters.length
    ? { index, group }
    : undefined;
}

/** The skill labels a result's members carry, the scored one first. */
export function skillOptions(s: PolcaState): string[] {
  const data = s.loads.polca.data;
  if (data === undefined) {
    return s.clusters.skill === '' ? [] : [s.clusters.skill];
  }
  const names = new Set<string>([data.skill]);
  for (const m of data.methods) {
    for (const g of m.groups) {
      for (const c of g.clusters) {
        c.members.forEach((member) => Object.keys(member.labels).forEach((k) => names.add(k)));
      }
    }
  }
  if (s.clusters.skill !== '') {
    names.add(s.clusters.skill);
  }
  return [...names];
}

/** Whether the POLCA result holds a spectrum (the Hessian of its basis at each checkpoint). */
export function polcaHasSpectrum(s: PolcaState): boolean {
  return (s.loads.polca.data?.hessian.checkpoints.length ?? 0) > 0;
}

/**
 * Where the spectrum comes from: the Hessian when chosen, or (by default) once it was asked for;
 * else POLCA's when its result holds one.
 */
export function spectrumSource(s: PolcaState): SpectrumSource {
  const { source } = s.spectrum;
  const hessianAsked = s.loads.hessian.status !== 'idle' || s.loads.hessian.data !== undefined;
  const polca = source === 'polca' || (source === 'auto' && !hessianAsked);
  return polca && polcaHasSpectrum(s) ? 'polca' : 'hessian';
}

/** The spectrum drawn, from its source. */
export function shownSpectrum(s: PolcaState): Spectrum | undefined {
  if (spectrumSource(s) === 'polca') {
    const data = s.loads.polca.data;
    if (data === undefined) {
      return undefined;
    }
    const { checkpoints, ...settings } = data.hessian;
    return { source: 'polca', runId: data.runId, settings, checkpoints };
  }
  const h = s.loads.hessian.data;
  return h === undefined
    ? undefined
    : { source: 'hessian', runId: h.runId, settings: h.settings, checkpoints: h.checkpoints };
}

/** The slot the current view shows. */
export function viewSlot(s: PolcaState): SlotId {
  return s.view === 'clusters' ? 'polca' : spectrumSource(s);
}

/** The error the current view shows: a failed handshake, else its slot's failure. */
export function viewError(s: PolcaState): string | undefined {
  if (s.fatal !== undefined) {
    return s.fatal;
  }
  const load = s.loads[viewSlot(s)];
  return load.status === 'error' ? load.error : undefined;
}

/** The figures of the current view that have data (the others' sections are hidden). */
export function visibleFigures(s: PolcaState): FigureId[] {
  if (viewError(s) !== undefined) {
    return [];
  }
  if (s.view === 'spectrum') {
    return (shownSpectrum(s)?.checkpoints.length ?? 0) > 0 ? ['spectrum'] : [];
  }
  if (s.loads.polca.data === undefined) {
    return [];
  }
  const curves = (shownGroup(s)?.clusters.length ?? 0) > 0;
  return [
    ...(curves ? (['clusterCurves'] as const) : []),
    'methodScores',
    ...(selectedCluster(s) === undefined ? [] : (['members'] as const)),
  ];
}

/** The formats a figure exports to: the member table has no image. */
export function formatsOf(figure: FigureId): readonly ExportFormat[] {
  return figure === 'members' ? ['csv', 'json'] : exportFormats;
}
