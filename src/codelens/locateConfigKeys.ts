/**
 * Finds where the parts of a `*.replens.json` text are: every top-level key and every entry of the
 * `analyses` array, as offsets. Pure (jsonc-parser only), so it is unit-tested without VS Code;
 * the lens provider turns offsets into ranges. Tolerates broken JSON while the user types: what
 * the error-tolerant `parseTree` recovers is reported, the rest is skipped.
 */
import { type Node as JsonNode, parseTree } from 'jsonc-parser';

/** A located part of a config. */
export interface LocatedKey {
  /** The top-level key this belongs to (`task`, `train`, …; `analyses` for analysis entries). */
  key: string;
  /** JSON path: `["task"]` for a top-level key, `["analyses", 2]` for an analysis entry. */
  path: (string | number)[];
  /** Start of the key (quotes included), or of the array element for an analysis entry. */
  offset: number;
  length: number;
  /** For analysis entries: the entry's `kind` string, when it has one. */
  kind?: string;
}

/** Top-level keys in document order, each followed by its analysis entries when it is `analyses`. */
export function locateConfigKeys(text: string): LocatedKey[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') {
    return [];
  }
  const found: LocatedKey[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.type !== 'string' || typeof keyNode.value !== 'string') {
      continue;
    }
    const key = keyNode.value;
    found.push({ key, path: [key], offset: keyNode.offset, length: keyNode.length });
    if (key === 'analyses' && valueNode?.type === 'array') {
      found.push(...analysisEntries(valueNode));
    }
  }
  return found;
}

/** The first located entry with exactly this path. */
export function findKey(keys: LocatedKey[], path: (string | number)[]): LocatedKey | undefined {
  return keys.find((k) => k.path.length === path.length && k.path.every((p, i) => p === path[i]));
}

function analysisEntries(array: JsonNode): LocatedKey[] {
  return (array.children ?? []).map((entry, index) => ({
    key: 'analyses',
    path: ['analyses', index],
    offset: entry.offset,
    length: entry.length,
    kind: kindOf(entry),
  }));
}

function kindOf(entry: JsonNode): string | undefined {
  if (entry.type !== 'object') {
    return undefined;
  }
  for (const property of entry.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === 'kind' && valueNode?.type === 'string') {
      return typeof valueNode.value === 'string' ? valueNode.value : undefined;
    }
  }
  return undefined;
}
