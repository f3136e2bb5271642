/**
 * The initial token embedding of `embed-mlp`, as a pure function of the config and the embedding
 * seed: E0 ~ N(0, σ²) drawn row-major from the embedding stream, then the optional spectrum
 * perturbation. The model builds its variable from it, and the step-0 completeness preview reads
 * it without building a model, so both always see the same E0.
 */
import type { ModelConfig } from '../../shared/experimentConfig';
import { type Rng, normalArray } from '../rng';

type EmbedMlpConfig = Extract<ModelConfig, { kind: 'embed-mlp' }>;

/** E0 as a row-major [vocab, embedDim] array. */
export function initialEmbedding(config: EmbedMlpConfig, vocab: number, rng: Rng): Float32Array {
  const e = normalArray(vocab * config.embedDim, config.embedInitStd, rng);
  const perturbation = config.embedPerturbation;
  if (perturbation === undefined || perturbation.scale === 1) {
    return e;
  }
  return scaleSpectrum(e, vocab, config.embedDim, perturbation.frequencies, perturbation.scale);
}

/**
 * Multiplies the DFT along the token axis by α at each frequency k and its conjugate p−k, i.e.
 * E' = E + (α − 1)·Σ_k P_k E with P_k the orthogonal projection onto span(cos 2πkx/p, sin 2πkx/p):
 * (P_k E)_x = (2/p) Σ_x' cos(2πk(x − x')/p) E_x'. Valid for 0 < k < p/2 (distinct k).
 */
export function scaleSpectrum(
  e: Float32Array,
  p: number,
  d: number,
  frequencies: readonly number[],
  alpha: number,
): Float32Array {
  const src = Float64Array.from(e);
  const delta = new Float64Array(p * d);
  for (const k of new Set(frequencies)) {
    if (!(k > 0 && 2 * k < p)) {
      throw new RangeError(`frequency ${k} is outside 1..${Math.floor((p - 1) / 2)} for p = ${p}`);
    }
    const kernel = Float64Array.from(
      { length: p },
      (_, j) => (2 / p) * Math.cos((2 * Math.PI * k * j) / p),
    );
    for (let x = 0; x < p; x++) {
      const row = x * d;
      for (let x2 = 0; x2 < p; x2++) {
        const w = (alpha - 1) * kernel[(((x - x2) % p) + p) % p];
        const row2 = x2 * d;
        for (let c = 0; c < d; c++) {
          delta[row + c] += w * src[row2 + c];
        }
      }
    }
  }
  return Float32Array.from(src, (v, i) => v + delta[i]);
}
