/**
 * File paths inside a config (`task.split.trainIndices`, `model.init.from`) are relative to the config file's
 * folder. Resolving them to absolute paths where a config is read keeps them valid when the
 * config is copied elsewhere (a sweep writes its job configs into the sweep folder). Pure string
 * handling: POSIX and Windows paths, no file system.
 */
import type { ExperimentConfig } from './experimentConfig';

/** Whether a path is absolute (`/x`, `\\server\x`, `C:\x` or `C:/x`). */
export function isAbsolutePath(p: string): boolean {
  return /^([\\/]|[A-Za-z]:[\\/])/.test(p);
}

/**
 * The config with its relative file paths made absolute against the folder of `configFile`.
 * Returns the config unchanged when `configFile` is not absolute (nothing to resolve against).
 */
export function resolveConfigPaths<C extends ExperimentConfig>(config: C, configFile: string): C {
  if (!isAbsolutePath(configFile)) {
    return config;
  }
  const { task, model } = config;
  const resolved = { ...config };
  if ('split' in task && typeof task.split === 'object') {
    const trainIndices = resolveAgainst(configFile, task.split.trainIndices);
    resolved.task = { ...task, split: { ...task.split, trainIndices } };
  }
  if (model.init !== undefined) {
    resolved.model = {
      ...model,
      init: { ...model.init, from: resolveAgainst(configFile, model.init.from) },
    };
  }
  return resolved;
}

/** `target` made absolute against the folder of the absolute file `base`. */
export function resolveAgainst(base: string, target: string): string {
  if (isAbsolutePath(target)) {
    return target;
  }
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const dir = base.replace(/[\\/][^\\/]*$/, '');
  return normalize(`${dir}${sep}${target}`, sep);
}

/** Drops `.` segments and folds `..` into its parent, keeping the root. */
function normalize(p: string, sep: string): string {
  const parts = p.split(/[\\/]/);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.' || (part === '' && out.length > 0)) {
      continue;
    }
    if (part === '..' && out.length > 1) {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join(sep);
}
