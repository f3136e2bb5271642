/** A run's stored config, read back the one way every reader uses. */
import { type ExperimentConfig, experimentConfigSchema } from './experimentConfig';
import { formatPath } from './parseConfig';
import type { RunManifest } from './runManifest';

/**
 * The config a run trains, read back through today's schema with its defaults: a field added
 * after the run was written gets its default (a run.json from before `train.earlyStopping`
 * resumes and is analysed exactly as a config without that field would run today). Every reader
 * of a run's config goes through here. Throws an Error naming the first problem when the stored
 * config no longer validates.
 */
export function runConfigOf(manifest: Pick<RunManifest, 'config'>): ExperimentConfig {
  const parsed = experimentConfigSchema.safeParse(manifest.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const where = at.length > 0 ? ` at ${formatPath(at)}` : '';
    throw new Error(`run.json holds a config this version cannot read${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** `runConfigOf`, or undefined when the stored config no longer validates. */
export function tryRunConfigOf(
  manifest: Pick<RunManifest, 'config'>,
): ExperimentConfig | undefined {
  try {
    return runConfigOf(manifest);
  } catch {
    return undefined;
  }
}
