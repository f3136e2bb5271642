/**
 * Reading the arguments view commands receive: from the palette (none), from the runs tree (a
 * tree item with `runDir`, plus the multi-selection), from code lenses (`{configUri, index}`),
 * from other commands (a path string or `{runDir}`) or from the explorer (a folder URI); an
 * external folder's tree item (`{kind: 'external', dir}`) names its folder like a run's. Pure.
 */

function field(arg: unknown, name: string): unknown {
  return typeof arg === 'object' && arg !== null
    ? (arg as Record<string, unknown>)[name]
    : undefined;
}

/** A file path from a string, a file URI-like object (`fsPath`) or undefined. */
function pathOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) {
    return value;
  }
  const fsPath = field(value, 'fsPath');
  return typeof fsPath === 'string' && field(value, 'scheme') === 'file' ? fsPath : undefined;
}

/** The folder of an external folder's tree item (`{kind: 'external', dir}`), else undefined. */
export function externalDirOfArg(arg: unknown): string | undefined {
  const dir = field(arg, 'dir');
  return field(arg, 'kind') === 'external' && typeof dir === 'string' && dir.length > 0
    ? dir
    : undefined;
}

/** The run folder an argument names: `"…"`, `{runDir}`, a tree item with `runDir`, a URI. */
export function runDirOfArg(arg: unknown): string | undefined {
  const runDir = field(arg, 'runDir');
  return typeof runDir === 'string' && runDir.length > 0 ? runDir : pathOf(arg);
}

/** Run folders of a list argument (a tree multi-selection, or an array of any of the above). */
export function runDirsOfArg(arg: unknown): string[] {
  if (!Array.isArray(arg)) {
    const one = runDirOfArg(arg);
    return one === undefined ? [] : [one];
  }
  return arg.map(runDirOfArg).filter((d): d is string => d !== undefined);
}

/** The config file of a code-lens argument `{configUri, index}` (URI or path). */
export function configPathOfArg(arg: unknown): string | undefined {
  return pathOf(field(arg, 'configUri'));
}

/**
 * The run folder an argument names: a run tree item, `{runDir}`, a path or a folder URI, or an
 * external folder's tree item (the single-run views show those too). Configs (`*.replens.json`,
 * a lens's `{configUri}`) and sweep tree nodes name none.
 */
export function runFolderOfArg(arg: unknown): string | undefined {
  const external = externalDirOfArg(arg);
  if (external !== undefined) {
    return external;
  }
  if (field(arg, 'kind') === 'sweep') {
    return undefined;
  }
  const dir = runDirOfArg(arg);
  return dir === undefined || /\.replens\.json$/i.test(dir) ? undefined : dir;
}
