/**
 * Keeps the universality view's choices consistent with its data after every action: known runs
 * and sweeps (defaults once the listing arrived), a checkpoint, cell and labelling the data has,
 * valid CKA settings, and an export figure and format the current view offers. Pure.
 */
import {
  analysableRuns,
  formatsOf,
  selectedStitchCell,
  sweepOptions,
  visibleFigures,
} from './selectors';
import { fitExport } from '../common/viewChoices';
import { figuresOfView } from './figureIds';
import { estimatorOr, permutationsOr } from './choices';
import type { UniversalityState } from './state';
import type { CompareChoice, LayersChoice, StarvationChoice, StitchingChoice } from './types';

/** `value` when it is among `options`, else the first option not in `avoid` (else the first). */
function pick(value: string, options: readonly string[], avoid: string[] = []): string {
  if (options.includes(value)) {
    return value;
  }
  return options.find((o) => !avoid.includes(o)) ?? options[0] ?? value;
}

function fitLayers(s: UniversalityState): LayersChoice {
  const c = s.layers;
  const runs = s.loads.runs.data === undefined ? undefined : analysableRuns(s).map((r) => r.runDir);
  const data = s.loads.layers.data;
  const run = runs === undefined ? c.run : pick(c.run, runs);
  const known = (layer: string) => data?.layers.includes(layer) ?? true;
  const cell =
    c.cell !== undefined && known(c.cell.row) && known(c.cell.column) ? c.cell : undefined;
  const step =
    data !== undefined && !data.steps.some((st) => st.step === c.step) ? undefined : c.step;
  const labels = data?.labels.map((l) => l.name);
  return {
    ...c,
    run,
    estimator: estimatorOr(c.estimator, 'linear'),
    permutations: permutationsOr(c.permutations, 0),
    cell,
    step,
    label: labels === undefined ? c.label : pick(c.label, labels),
  };
}

function fitCompare(c: CompareChoice): CompareChoice {
  return {
    ...c,
    estimator: estimatorOr(c.estimator, 'linear'),
    permutations: permutationsOr(c.permutations, 0),
  };
}

function fitStitching(s: UniversalityState): StitchingChoice {
  const c = s.stitching;
  const score = c.score === 'balancedAccuracy' ? 'balancedAccuracy' : 'normalized';
  if (s.loads.runs.data === undefined) {
    return { ...c, score };
  }
  const runs = analysableRuns(s).map((r) => r.runDir);
  const from = pick(c.from, runs);
  const to = pick(c.to, runs, [from]);
  return { ...c, score, from, to };
}

function fitStarvation(s: UniversalityState): StarvationChoice {
  const c = s.starvation;
  const sources = sweepOptions(s).map((o) => o.value);
  const source = s.loads.runs.data === undefined && c.source === '' ? '' : pick(c.source, sources);
  const axes = s.loads.starvation.data?.axes;
  const axis = (value: number | undefined, values: number[] | undefined) =>
    values === undefined || values.length === 0 || (value !== undefined && values.includes(value))
      ? value
      : values[0];
  return {
    source,
    embedDim: axis(c.embedDim, axes?.embedDim),
    trainFraction: axis(c.trainFraction, axes?.trainFraction),
  };
}

/** The export figure and format: a figure the view shows (else its first), a format it has. */
function fitViewExport(s: UniversalityState): UniversalityState {
  return fitExport(s, visibleFigures(s), figuresOfView[s.view][0], formatsOf);
}

/** The state with every choice fitted to the data (the stitching cell is dropped when gone). */
export function fitChoices(s: UniversalityState): UniversalityState {
  const fitted: UniversalityState = {
    ...s,
    layers: fitLayers(s),
    compare: fitCompare(s.compare),
    stitching: fitStitching(s),
    starvation: fitStarvation(s),
  };
  const cell = s.stitching.cell;
  const keepCell =
    cell === undefined ||
    s.loads.stitching.data === undefined ||
    selectedStitchCell(fitted)?.ref === cell;
  return fitViewExport(
    keepCell ? fitted : { ...fitted, stitching: { ...fitted.stitching, cell: undefined } },
  );
}
