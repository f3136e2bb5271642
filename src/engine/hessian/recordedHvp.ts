/**
 * Exact Hessian-vector products at one point for many vectors (Lanczos): the forward pass and the
 * gradient g = ∇θL are recorded once, with the backward pass on tape, as `exactHvp` records them
 * for every product; each product is then only the backward pass of that recording seeded with v
 * at g, which is H·v = ∇θ⟨g, v⟩. That skips a forward and a backward pass per product (a third of
 * the work for an MLP), and nodes that v does not reach are skipped.
 *
 * The recording is made again when a variable has been assigned since (its data changed); any
 * other input of the loss (the batch) must stay as it was. It holds the tensors tfjs keeps for
 * the backward pass (activations and intermediates) until `dispose`.
 *
 * tfjs has no public API to keep a tape: this uses the engine's tape state (`state.activeTape`,
 * `startTape`, `endTape`, the tape nodes' `gradient` closures) as tfjs-core 4.22 defines it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkLength, flatten, shapesOf, sizeOf, toTensors } from './flatParams';
import type { HvpOperator } from './hvp';
import { type RecordedOp, assertSecondOrderSafe, enableSecondOrderGradients } from './secondOrder';

/** An exact operator holding a recording; `dispose` frees it (it is made again on demand). */
export interface RecordedHvpOperator extends HvpOperator {
  /** Recordings made so far (1 unless the variables changed between products). */
  readonly recordings: number;
  dispose(): void;
}

/** A tape node as the engine records it (the fields used here). */
interface TapeNode extends RecordedOp {
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  startTape(): void;
  endTape(): void;
}

interface Recording {
  /** The nodes from θ to g, inputs pruned to those that depend on θ. */
  path: TapeNode[];
  /** Every recorded node (their saved tensors are freed with the recording). */
  all: TapeNode[];
  grads: tf.Tensor[];
  /** The variables' data when recorded. */
  dataIds: object[];
}

/** Exact H·v like `exactHvp`, reusing one recording of the forward pass and the gradient. */
export function recordedHvp(lossFn: () => tf.Scalar, params: tf.Variable[]): RecordedHvpOperator {
  enableSecondOrderGradients();
  const shapes = shapesOf(params);
  const dim = sizeOf(shapes);
  let recording: Recording | undefined;
  let recordings = 0;
  const release = (): void => {
    if (recording !== undefined) {
      releaseNodes(recording.all);
      tf.dispose(recording.grads);
      recording = undefined;
    }
  };
  const current = (): Recording => {
    if (recording === undefined || params.some((p, i) => p.dataId !== recording?.dataIds[i])) {
      release();
      recording = record(lossFn, params);
      recordings += 1;
    }
    return recording;
  };
  const apply = (v: Float64Array): Float64Array => {
    checkLength(v, dim);
    const rec = current();
    const hv = tf.tidy(() => {
      const seeds = new Map<number, tf.Tensor>();
      toTensors(v, shapes).forEach((t, i) => seeds.set(rec.grads[i].id, t));
      backpropagate(rec.path, seeds);
      return params.map((p) => seeds.get(p.id) ?? tf.zeros(p.shape));
    });
    return flatten(hv, dim);
  };
  return {
    dim,
    method: 'exact',
    apply,
    dispose: release,
    get recordings() {
      return recordings;
    },
  };
}

/** Records the loss and its gradient with the backward pass on tape; refuses unsafe ops. */
function record(lossFn: () => tf.Scalar, params: tf.Variable[]): Recording {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.state.gradientDepth !== 0) {
    throw new Error('recordedHvp cannot record inside another gradient computation');
  }
  let grads: tf.Tensor[] = [];
  let all: TapeNode[] = [];
  engine.startTape();
  try {
    grads = tf.tidy(() => tf.grads(() => lossFn())(params)).map((g) => tf.keep(g));
    all = engine.state.activeTape ?? [];
    assertSecondOrderSafe(all);
  } catch (e) {
    releaseNodes(engine.state.activeTape ?? []);
    tf.dispose(grads);
    throw e;
  } finally {
    engine.endTape();
    engine.state.activeTape = null;
  }
  const path = pathFrom(all, params, grads);
  return { path, all, grads, dataIds: params.map((p) => p.dataId) };
}

/** The nodes that depend on `xs` and lead to `ys`, keeping only inputs that depend on `xs`. */
function pathFrom(tape: TapeNode[], xs: tf.Tensor[], ys: tf.Tensor[]): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const reached = tape.map((node) => {
    const hit = Object.values(node.inputs).some((t) => fromX.has(t.id));
    if (hit) {
      node.outputs.forEach((o) => fromX.add(o.id));
    }
    return hit;
  });
  const toY = new Set(ys.map((y) => y.id));
  const leads = new Array<boolean>(tape.length).fill(false);
  for (let i = tape.length - 1; i >= 0; i--) {
    if (tape[i].outputs.some((o) => toY.has(o.id))) {
      leads[i] = true;
      Object.values(tape[i].inputs).forEach((t) => toY.add(t.id));
    }
  }
  return tape
    .filter((_, i) => reached[i] && leads[i])
    .map((node) => ({
      ...node,
      inputs: Object.fromEntries(Object.entries(node.inputs).filter(([, t]) => fromX.has(t.id))),
    }));
}

/**
 * Reverse pass over `nodes` (in recording order): `grads` maps tensor ids to their gradient,
 * starting from the seeds; gradients reaching an input are summed. Nodes none of whose outputs
 * has a gradient are skipped (their contribution is zero).
 */
function backpropagate(nodes: TapeNode[], grads: Map<number, tf.Tensor>): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (dys.every((dy) => dy === null)) {
      continue;
    }
    if (node.gradient === undefined) {
      throw new Error(`no gradient is registered for ${node.kernelName}`);
    }
    const inputGrads = node.gradient(dys);
    for (const [name, x] of Object.entries(node.inputs)) {
      const dx = tf.tidy(() => inputGrads[name]());
      const before = grads.get(x.id);
      grads.set(x.id, before === undefined ? dx : tf.add(before, dx));
    }
  }
}

function releaseNodes(nodes: TapeNode[]): void {
  nodes.forEach((node) => tf.dispose(node.saved ?? []));
}
