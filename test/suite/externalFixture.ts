/**
 * A small external activations folder written by the tests: `activations/step-<N>.safetensors`
 * holding three layers of 12 rows each (F32), plus `rows.json`, and the linear CKA numpy would
 * give between its layers, for comparing with what the panels show.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Layer name → row-major [rows, cols] values. */
export type Layers = Record<string, { cols: number; data: number[] }>;

export const fixtureRows = 12;
export const fixtureSteps = [0, 10];

/** Deterministic pseudo-random values in [-1, 1). */
function values(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * 2 - 1;
  });
}

/** The layers at a step: encoder.0 [12, 4], encoder.1 = tanh of a mix of it [12, 3], head [12, 2]. */
export function fixtureLayers(step: number): Layers {
  const a = values(7 + step, fixtureRows * 4).map((v) => Math.fround(v));
  const b = Array.from({ length: fixtureRows * 3 }, (_, k) => {
    const [i, j] = [Math.floor(k / 3), k % 3];
    return Math.fround(Math.tanh(a[i * 4 + j] + 0.5 * a[i * 4 + j + 1] * (1 + step / 10)));
  });
  const noise = values(99 + step, fixtureRows * 2);
  const c = Array.from({ length: fixtureRows * 2 }, (_, k) => {
    const i = Math.floor(k / 2);
    return Math.fround(b[i * 3 + (k % 2)] - b[i * 3 + 2] + 0.3 * noise[k]);
  });
  return {
    'encoder.0': { cols: 4, data: a },
    'encoder.1': { cols: 3, data: b },
    head: { cols: 2, data: c },
  };
}

/** Writes a safetensors file of F32 tensors (header, then the data in order). */
export function writeSafetensors(file: string, layers: Layers): void {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, t] of Object.entries(layers)) {
    const bytes = t.data.length * 4;
    header[name] = {
      dtype: 'F32',
      shape: [t.data.length / t.cols, t.cols],
      data_offsets: [offset, offset + bytes],
    };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(json.length));
  const data = Buffer.concat(
    Object.values(layers).map((t) => Buffer.from(Float32Array.from(t.data).buffer)),
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(json), data]));
}

/** Writes the activations folder at `dir` (replacing what was there). */
export function writeActivationsFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const step of fixtureSteps) {
    writeSafetensors(
      path.join(dir, 'activations', `step-${step}.safetensors`),
      fixtureLayers(step),
    );
  }
  const ids = Array.from({ length: fixtureRows }, (_, i) => `x${i}`);
  const parity = ids.map((_, i) => (i % 2 === 0 ? 'even' : 'odd'));
  fs.writeFileSync(path.join(dir, 'rows.json'), JSON.stringify({ ids, labels: { parity } }));
}

/** Linear CKA between two [rows, cols] layers (columns centred), in float64. */
export function linearCka(x: Layers[string], y: Layers[string]): number {
  const centred = (t: Layers[string]): number[][] => {
    const rows = t.data.length / t.cols;
    const m = Array.from({ length: rows }, (_, i) => t.data.slice(i * t.cols, (i + 1) * t.cols));
    for (let j = 0; j < t.cols; j++) {
      const mean = m.reduce((s, r) => s + r[j], 0) / rows;
      m.forEach((r) => (r[j] -= mean));
    }
    return m;
  };
  const [a, b] = [centred(x), centred(y)];
  const cross = (p: number[][], q: number[][]): number => {
    let sum = 0;
    for (let i = 0; i < p[0].length; i++) {
      for (let j = 0; j < q[0].length; j++) {
        const dot = p.reduce((s, r, k) => s + r[i] * q[k][j], 0);
        sum += dot * dot;
      }
    }
    return sum;
  };
  return cross(a, b) / Math.sqrt(cross(a, a) * cross(b, b));
}
