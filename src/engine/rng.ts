/**
 * Seeded random numbers. Every random choice in the engine takes an `Rng` argument; nothing reads
 * `Math.random`, so a seed recorded in the manifest reproduces a run.
 */

/** A stream of uniform numbers in [0, 1) plus the derived draws the engine needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
}

/**
 * Creates a seeded generator (mulberry32: 32-bit state, period 2^32, fast and well mixed; enough
 * for initialisation and shuffling, not for cryptography).
 * @param seed any integer; different `stream` values give independent streams of the same seed.
 */
export function createRng(seed: number, stream = 0): Rng {
  let state = mix(seed, stream);
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - next(); // (0, 1]: log is finite
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal, int: (n) => Math.floor(next() * n) };
}

/** Named streams so that, e.g., the embedding init does not shift when the MLP changes shape. */
export const streams = { data: 1, embedding: 2, mlp: 3, batches: 4, sweep: 5 } as const;

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i;
  }
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** Fills an array with N(0, std²) draws. */
export function normalArray(n: number, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.normal() * std;
  }
  return out;
}

/** Fills an array with U(-bound, bound) draws. */
export function uniformArray(n: number, bound: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = (2 * rng.next() - 1) * bound;
  }
  return out;
}

// splitmix32-style finaliser of (seed, stream) so nearby seeds give unrelated states.
function mix(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
