/**
 * Initial weights from a file (`model.init`): the source tensors are matched by name and shape
 * to the model's checkpoint layout (parameter names, PyTorch layouts), then assigned. Matching
 * is pure and lists every problem, so the caller decides whether they are fatal (`strict`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorData } from '../../shared/checkpoint';
import { type Session, fromStored, toStored } from './session';
import { type VocabularyRows, rowTensor, vocabularyRowNote } from './vocabularyRows';

/** How source tensors meet the model's parameters. */
export interface InitPlan {
  /** Parameter name → the source values in the stored (PyTorch) layout. */
  assign: Map<string, TensorData>;
  /**
   * Parameter name → source values whose first axis is the vocabulary of another task: row r
   * takes source row `from[r]`, or keeps its initial value where that is −1.
   */
  rows: Map<string, { t: TensorData; from: Int32Array }>;
  /** Parameters that will be loaded, in model order. */
  loaded: string[];
  /** Parameters left at their initial values (skipped or not loadable), in model order. */
  skipped: string[];
  /** Every missing, extra or mis-shaped tensor and every unknown `map`/`skip` name. */
  problems: string[];
}

/** The options of `model.init` that matching needs. */
export interface InitMatchOptions {
  /** Source name → Replens name. */
  map?: Readonly<Record<string, string>>;
  /** Replens names left at their initial values. */
  skip?: readonly string[];
  /**
   * The source's and the model's token names, when the source was trained on a task of another
   * vocabulary: tensors whose first axis is the vocabulary are then matched row by token.
   */
  vocabulary?: VocabularyRows;
}

/** The checkpoint layout of a session's model: parameter name → stored shape, in model order. */
export function checkpointLayout(session: Session): Map<string, number[]> {
  const layout = new Map<string, number[]>();
  for (const p of session.model.params) {
    const s = p.variable.shape;
    layout.set(p.name, p.storedTransposed ? [...s].reverse() : [...s]);
  }
  return layout;
}

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Matches source tensors (by name after `map`, and shape) to a checkpoint layout. */
export function planInitialWeights(
  layout: ReadonlyMap<string, number[]>,
  source: ReadonlyMap<string, TensorData>,
  opts: InitMatchOptions = {},
): InitPlan {
  const problems: string[] = [];
  const map = opts.map ?? {};
  const skip = new Set(opts.skip ?? []);
  for (const name of Object.keys(map).filter((n) => !source.has(n))) {
    problems.push(`map: the source has no tensor "${name}"`);
  }
  for (const name of [...skip].filter((n) => !layout.has(n))) {
    problems.push(`skip: the model has no tensor "${name}"`);
  }
  const renamed = new Map<string, { from: string; t: TensorData }>();
  for (const [from, t] of source) {
    const to = Object.hasOwn(map, from) ? map[from] : from;
    if (renamed.has(to)) {
      problems.push(`source tensors "${renamed.get(to)?.from}" and "${from}" both map to "${to}"`);
      continue;
    }
    renamed.set(to, { from, t });
  }
  const assign = new Map<string, TensorData>();
  const rows = new Map<string, { t: TensorData; from: Int32Array }>();
  const skipped: string[] = [];
  for (const [name, shape] of layout) {
    const src = renamed.get(name);
    const vocab = opts.vocabulary;
    const byRow = src && vocab && rowTensor(src.t, shape, vocab);
    if (skip.has(name)) {
      skipped.push(name);
    } else if (src === undefined) {
      problems.push(`missing tensor "${name}" ${fmt(shape)}`);
      skipped.push(name);
    } else if (byRow) {
      problems.push(vocabularyRowNote(name, src.t.shape, shape, vocab));
      rows.set(name, { t: src.t, from: byRow });
    } else if (!sameShape(src.t.shape, shape)) {
      problems.push(
        `mis-shaped tensor "${name}"${src.from === name ? '' : ` (source "${src.from}")`}: ` +
          `${fmt(src.t.shape)} in the source, the model expects ${fmt(shape)}`,
      );
      skipped.push(name);
    } else {
      assign.set(name, src.t);
    }
  }
  for (const [to, { from, t }] of renamed) {
    if (!layout.has(to)) {
      const as = from === to ? '' : ` (mapped to "${to}")`;
      problems.push(`extra tensor "${from}"${as} ${fmt(t.shape)}: the model has no such tensor`);
    }
  }
  const loaded = [...layout.keys()].filter((n) => assign.has(n) || rows.has(n));
  return { assign, rows, loaded, skipped, problems };
}

/**
 * Assigns a plan's tensors to the session's parameters (the optimizer is left untouched); a
 * tensor matched by token rows keeps its initial values in the rows of tokens the source lacks.
 */
export function applyInitialWeights(session: Session, plan: InitPlan): void {
  for (const p of session.model.params) {
    const byRow = plan.rows.get(p.name);
    const t = byRow === undefined ? plan.assign.get(p.name) : mergeRows(p, byRow);
    if (t !== undefined) {
      const shape = p.variable.shape;
      const value = fromStored(t, shape, p.storedTransposed, p.name);
      tf.tidy(() => p.variable.assign(tf.tensor(value, shape)));
    }
  }
}

/** The parameter's initial values (stored layout) with the source's rows put in. */
function mergeRows(
  p: Session['model']['params'][number],
  { t, from }: { t: TensorData; from: Int32Array },
): TensorData {
  const stored = toStored(
    p.variable.dataSync() as Float32Array,
    p.variable.shape,
    p.storedTransposed,
  );
  const width = stored.data.length / stored.shape[0];
  from.forEach((source, row) => {
    if (source >= 0) {
      stored.data.set(t.data.subarray(source * width, (source + 1) * width), row * width);
    }
  });
  return stored;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
