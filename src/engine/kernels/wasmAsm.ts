/**
 * A minimal WebAssembly assembler for loop kernels that run on the tfjs wasm heap (they import
 * the backend's memory; pointers are byte offsets into it), and the instantiation of such modules
 * per backend memory. Only the opcodes the kernels in this folder use are defined. See ./simd.ts,
 * ./batchMatMul.ts and ./softmaxGrad.ts.
 */

/** The part of the WebAssembly JS API used here (the project's TS lib does not declare it). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

interface WasmBackendLike {
  wasm?: { asm?: { memory?: unknown } };
}

export type WasmFn = (...args: number[]) => void;

/** A function of the module: its name, parameters (a count of i32s, or their types), locals, body. */
export interface FunctionDef {
  name: string;
  params: number | number[];
  /** Extra locals as [count, type] runs (after the parameters). */
  locals: [number, number][];
  body: number[];
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * Instantiates `functions` (once per module key and backend memory) on the heap of a wasm
 * backend; undefined when that heap is not reachable or the module does not compile.
 */
export function heapFunctions(
  backend: unknown,
  cache: WeakMap<object, Record<string, WasmFn>>,
  functions: () => FunctionDef[],
): Record<string, WasmFn> | undefined {
  const memory = (backend as WasmBackendLike).wasm?.asm?.memory;
  if (wasmApi === undefined || !(memory instanceof wasmApi.Memory)) {
    return undefined;
  }
  let fns = cache.get(memory);
  if (fns === undefined) {
    try {
      const defs = functions();
      const module = new wasmApi.Module(new Uint8Array(moduleBytes(defs)));
      const instance = new wasmApi.Instance(module, { env: { memory } });
      fns = Object.fromEntries(defs.map((d) => [d.name, instance.exports[d.name] as WasmFn]));
    } catch {
      return undefined;
    }
    cache.set(memory, fns);
  }
  return fns;
}

export const [I32, F32, V128] = [0x7f, 0x7d, 0x7b];

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
/** Signed LEB128, as `i32.const` immediates are encoded. */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
/** i32.const for small non-negative constants. */
export const i32 = (n: number): number[] => [0x41, ...sleb(n)];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
export const [add, sub, mul, and] = [[0x6a], [0x6b], [0x6c], [0x71]];
export const [geU, gtU, ltU, eqz] = [[0x4f], [0x4b], [0x49], [0x45]];
export const i32Load = [0x28, 2, 0];
export const [block, loop, end] = [[0x02, 0x40], [0x03, 0x40], [0x0b]];
export const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];
export const br = (depth: number): number[] => [0x0c, ...uleb(depth)];
export const f32Zero = [0x43, 0, 0, 0, 0];
export const f32Load = (offset = 0): number[] => [0x2a, 2, ...uleb(offset)];
export const f32Store = (offset = 0): number[] => [0x38, 2, ...uleb(offset)];
export const [f32Add, f32Sub, f32Mul] = [[0x92], [0x93], [0x94]];
export const v128Load = (offset = 0): number[] => [...simd(0x00), 0, ...uleb(offset)];
export const v128Store = (offset = 0): number[] => [...simd(0x0b), 0, ...uleb(offset)];
export const [fxAdd, fxSub, fxMul, fxSplat] = [simd(0xe4), simd(0xe5), simd(0xe6), simd(0x13)];
export const [fxDiv, fxSqrt] = [simd(0xe7), simd(0xe3)];
export const fxLane = (lane: number): number[] => [...simd(0x1f), lane];
export const memoryFill = [0xfc, ...uleb(11), 0];

/** v += by (an i32 local). */
export const inc = (v: number, by: number[]): number[] => [...get(v), ...by, ...add, ...set(v)];
/** Byte address base + 4·index on the stack. */
export const at = (base: number, index: number[]): number[] => [
  ...get(base),
  ...index,
  ...i32(4),
  ...mul,
  ...add,
];

/** `for (v = from; v < limit; v += step) body` (v, limit: i32 locals). */
export function forLoop(
  v: number,
  limit: number,
  body: number[],
  from: number[] = i32(0),
  step = 1,
): number[] {
  // prettier-ignore
  return [
    ...from, ...set(v),
    ...block, ...loop,
    ...get(v), ...get(limit), ...geU, ...brIf(1),
    ...body,
    ...inc(v, i32(step)), ...br(0),
    ...end, ...end,
  ];
}

/** `while (!(cond)) body`: cond leaves an i32 on the stack; the loop stops when it is non-zero. */
export function until(cond: number[], body: number[]): number[] {
  return [...block, ...loop, ...cond, ...brIf(1), ...body, ...br(0), ...end, ...end];
}

function moduleBytes(defs: FunctionDef[]): number[] {
  const name = (text: string): number[] => vec([...text].map((c) => [c.charCodeAt(0)]));
  const funcType = (params: number | number[]): number[] => {
    const types = typeof params === 'number' ? new Array<number>(params).fill(I32) : params;
    return [0x60, ...vec(types.map((t) => [t])), 0];
  };
  const types = section(1, vec(defs.map((d) => funcType(d.params))));
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]));
  const funcs = section(3, vec(defs.map((_, i) => [i])));
  const exports = section(7, vec(defs.map((d, i) => [...name(d.name), 0x00, i])));
  const bodies = defs.map((d) => {
    const b = [...vec(d.locals.map(([n, t]) => [...uleb(n), t])), ...d.body, ...end];
    return [...uleb(b.length), ...b];
  });
  const code = section(10, [...uleb(defs.length), ...bodies.flat()]);
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  return [...header, ...types, ...imports, ...funcs, ...exports, ...code];
}
