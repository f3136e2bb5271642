/**
 * Initial weights from a file (`model.init`): the source tensors are matched by name and shape
 * to the model's checkpoint layout (parameter names, PyTorch layouts), then assigned. Matching
 * is pure and lists every problem, so the caller decides whether they are fatal (`strict`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorData } from '../../shared/checkpoint';
import { type Session, fromStored } from './session';

/** How source tensors meet the model's parameters. */
export interface InitPlan {
  /** Parameter name → the source values in the stored (PyTorch) layout. */
  assign: Map<string, TensorData>;
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
  const skipped: string[] = [];
  for (const [name, shape] of layout) {
    const src = renamed.get(name);
    if (skip.has(name)) {
      skipped.push(name);
    } else if (src === undefined) {
      problems.push(`missing tensor "${name}" ${fmt(shape)}`);
      skipped.push(name);
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
  return { assign, loaded: [...assign.keys()], skipped, problems };
}

/** Assigns a plan's tensors to the session's parameters (the optimizer is left untouched). */
export function applyInitialWeights(session: Session, plan: InitPlan): void {
  for (const p of session.model.params) {
    const t = plan.assign.get(p.name);
    if (t !== undefined) {
      const shape = p.variable.shape;
      const value = fromStored(t, shape, p.storedTransposed, p.name);
      tf.tidy(() => p.variable.assign(tf.tensor(value, shape)));
    }
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
