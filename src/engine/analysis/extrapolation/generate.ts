/**
 * Completion of prompts by a sequence model: greedy (argmax) by default, or sampled from the
 * softmax at a temperature with a seeded Rng. All prompts of a call share one length; they are
 * extended together, one token per model call, until every completion has produced EOS or
 * `maxNewTokens` tokens were added. Completions keep growing after their own EOS while others
 * are unfinished (as in the reference); callers cut them at the first EOS.
 */
import type { Model } from '../../model/types';
import { nextTokenLogits } from '../../model/sequence';
import type { Rng } from '../../rng';

export interface CompletionOptions {
  maxNewTokens: number;
  eos: number;
  /** Sample at this temperature instead of taking the argmax. */
  sample?: { temperature: number; rng: Rng };
}

/** Completes same-length prompts; returns the generated tokens of each (without the prompt). */
export function completePrompts(
  model: Model,
  prompts: readonly Int32Array[],
  opts: CompletionOptions,
): Int32Array[] {
  const n = prompts.length;
  if (n === 0) {
    return [];
  }
  const start = prompts[0].length;
  if (prompts.some((p) => p.length !== start)) {
    throw new Error('completePrompts needs prompts of one length');
  }
  let width = start;
  let tokens: Int32Array = new Int32Array(n * width);
  prompts.forEach((p, i) => tokens.set(p, i * width));
  const done = new Uint8Array(n);
  for (let step = 0; step < opts.maxNewTokens && done.some((d) => d === 0); step++) {
    const logits = nextTokenLogits(model, tokens, n, width);
    const vocab = logits.length / n;
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const row = logits.subarray(i * vocab, (i + 1) * vocab);
      next[i] = opts.sample === undefined ? argmax(row) : sample(row, opts.sample);
      if (next[i] === opts.eos) {
        done[i] = 1;
      }
    }
    tokens = appendColumn(tokens, n, width, next);
    width += 1;
  }
  return Array.from({ length: n }, (_, i) => tokens.slice(i * width + start, (i + 1) * width));
}

function appendColumn(tokens: Int32Array, n: number, width: number, col: Int32Array): Int32Array {
  const out = new Int32Array(n * (width + 1));
  for (let i = 0; i < n; i++) {
    out.set(tokens.subarray(i * width, (i + 1) * width), i * (width + 1));
    out[i * (width + 1) + width] = col[i];
  }
  return out;
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) {
    if (row[j] > row[best]) {
      best = j;
    }
  }
  return best;
}

/** Draws from softmax(row / temperature). */
function sample(
  row: Float32Array,
  { temperature, rng }: { temperature: number; rng: Rng },
): number {
  const max = row.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
  const weights = Array.from(row, (v) => Math.exp((v - max) / temperature));
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < weights.length; j++) {
    u -= weights[j];
    if (u <= 0) {
      return j;
    }
  }
  return weights.length - 1;
}
