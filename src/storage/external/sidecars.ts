/**
 * The small files beside an external folder's tensors: `rows.json` (row ids and label columns),
 * `metrics.jsonl` (one JSON object per line) and a Hugging Face `trainer_state.json` (whose
 * `log_history` gives the curves). Each error names the file, and the line where there is one.
 */
import * as fs from 'node:fs';
import { ExternalFolderError } from './externalFolderError';

/** One metrics record: the step and the numbers logged at it. */
export type ExternalMetric = { step: number } & Record<string, number>;

/** Row ids and label columns of `rows.json`, checked for shape and duplicates. */
export interface RowsFile {
  file: string;
  ids?: string[];
  labels: Record<string, (string | number)[]>;
  /** Rows described: the ids' count, or the labels' when there are no ids. */
  count?: number;
}

/** Reads `rows.json`: `{"ids"?: [...], "labels"?: {"name": [...]}}`. */
export function readRowsFile(file: string): RowsFile {
  const doc = readJson(file);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ExternalFolderError(file, 'expected a JSON object {"ids": [...], "labels": {...}}');
  }
  const { ids: rawIds, labels: rawLabels } = doc as { ids?: unknown; labels?: unknown };
  let ids: string[] | undefined;
  if (rawIds !== undefined) {
    if (!Array.isArray(rawIds) || !rawIds.every(isScalar)) {
      throw new ExternalFolderError(file, '"ids" must be a list of strings or numbers');
    }
    ids = rawIds.map(String);
    const seen = new Set<string>();
    for (const [i, id] of ids.entries()) {
      if (seen.has(id)) {
        throw new ExternalFolderError(file, `"ids" repeats ${JSON.stringify(id)} (at index ${i})`);
      }
      seen.add(id);
    }
  }
  const labels = readLabels(file, rawLabels);
  let count = ids?.length;
  for (const [name, values] of Object.entries(labels)) {
    if (count !== undefined && values.length !== count) {
      throw new ExternalFolderError(
        file,
        `label "${name}" has ${values.length} values but there are ${count} rows`,
      );
    }
    count = values.length;
  }
  return { file, ids, labels, count };
}

function readLabels(file: string, raw: unknown): Record<string, (string | number)[]> {
  if (raw === undefined) {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ExternalFolderError(file, '"labels" must be an object of label columns');
  }
  const out: Record<string, (string | number)[]> = {};
  for (const [name, values] of Object.entries(raw)) {
    if (!Array.isArray(values) || !values.every(isScalar)) {
      throw new ExternalFolderError(file, `label "${name}" must be a list of strings or numbers`);
    }
    out[name] = values;
  }
  return out;
}

/** Reads `metrics.jsonl`: every non-empty line a JSON object with a numeric `step`. */
export function readMetricsFile(file: string): ExternalMetric[] {
  const text = readText(file);
  const out: ExternalMetric[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') {
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw new ExternalFolderError(file, `line ${i + 1} is not JSON (${(e as Error).message})`);
    }
    const m = numbersOf(doc);
    if (m === undefined) {
      throw new ExternalFolderError(file, `line ${i + 1} has no numeric "step"`);
    }
    out.push(m);
  }
  return out;
}

/** The `log_history` of a Hugging Face `trainer_state.json` as metrics records. */
export function readTrainerState(file: string): ExternalMetric[] {
  const doc = readJson(file) as { log_history?: unknown } | null;
  const history = doc?.log_history;
  if (!Array.isArray(history)) {
    throw new ExternalFolderError(file, 'has no "log_history" list');
  }
  return history.map((entry, i) => {
    const m = numbersOf(entry);
    if (m === undefined) {
      throw new ExternalFolderError(file, `log_history[${i}] has no numeric "step"`);
    }
    return m;
  });
}

/** The finite numbers of a JSON object with a numeric `step` (other fields are dropped). */
function numbersOf(doc: unknown): ExternalMetric | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return undefined;
  }
  const entries = Object.entries(doc).filter(
    (kv): kv is [string, number] => typeof kv[1] === 'number' && Number.isFinite(kv[1]),
  );
  const m = Object.fromEntries(entries) as Record<string, number>;
  return typeof m.step === 'number' ? (m as ExternalMetric) : undefined;
}

function isScalar(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ExternalFolderError(file, `cannot be read (${(e as Error).message})`);
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ExternalFolderError(file, `is not valid JSON (${jsonWhere(text, e as Error)})`);
  }
}

/** The JSON error with the line and column of its position, when the message has one. */
function jsonWhere(text: string, e: Error): string {
  const pos = /position (\d+)/.exec(e.message)?.[1];
  if (pos === undefined) {
    return e.message;
  }
  const before = text.slice(0, Number(pos)).split('\n');
  return `${e.message}; line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
