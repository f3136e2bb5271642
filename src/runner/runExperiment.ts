/**
 * Runs an experiment into a run directory: the one place that joins the engine (training) and
 * storage (manifest, metrics, checkpoints). Used by the CLI and the worker alike.
 */
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { type BackendInfo, initBackend } from '../engine/backend';
import { type TrainEvent, train } from '../engine/train/loop';
import { type Session, createSession, restoreCheckpoint } from '../engine/train/session';
import type { BackendChoice, ExperimentConfig } from '../shared/experimentConfig';
import { runConfigOf } from '../shared/runConfig';
import { type RunInit, type RunManifest, manifestFormatVersion } from '../shared/runManifest';
import type { RunResult } from '../shared/runResult';
import { readCheckpoint, writeCheckpoint } from '../storage/checkpointStore';
import { checkpointFile, newRunId } from '../storage/runLayout';
import * as store from '../storage/runStore';
import { configHash } from './configHash';
import { type LoadedSplit, SplitFileError, loadGivenSplit } from './givenSplit';
import { resolveConfigPaths } from '../shared/configPaths';
import { defaultConfigFile, loadModelInit } from './modelInit';
import { engineVersion } from './version';

export type { RunResult };

/** What a training run reports as it goes: metrics lines and step progress. */
export type RunEvent = TrainEvent;

export interface RunHooks {
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Called once the run directory and its manifest exist (before training starts). */
  onStart?: (runDir: string, backend: BackendInfo, manifest: RunManifest) => void;
  /** Receives warnings worth showing (e.g. tensors `model.init` left at their initial values). */
  onWarning?: (line: string) => void;
}

export interface StartOptions extends RunHooks {
  config: ExperimentConfig;
  configPath?: string;
  /** Runs root; the run goes to `<root>/<experiment>/<runId>`. */
  outRoot: string;
  /** Put the run directly in `<root>/<runId>` (sweeps keep their runs in the sweep folder). */
  flat?: boolean;
  backend?: BackendChoice;
}

/**
 * Trains a config from scratch into a new run directory, from its `model.init` weights when it
 * has them (a relative `from` is taken from the config file's folder and recorded absolute).
 * Throws an AnalysisInputError, before any folder is made, when those weights do not load.
 */
export async function startRun(opts: StartOptions): Promise<RunResult> {
  const config = resolveConfigPaths(
    opts.config,
    path.resolve(opts.configPath ?? defaultConfigFile),
  );
  const split = loadGivenSplit(config);
  const backend = await initBackend(opts.backend ?? config.backend);
  const runId = newRunId(new Date(), () => randomInt(2 ** 30) / 2 ** 30);
  const experiment = opts.config.name ?? 'experiment';
  const runDir =
    opts.flat === true
      ? path.resolve(opts.outRoot, runId)
      : path.resolve(opts.outRoot, experiment, runId);
  const session = createSession(config, split.inputs);
  let init: RunManifest['init'];
  try {
    init = loadModelInit(session, config);
  } catch (e) {
    session.dispose();
    throw e;
  }
  store.createRunDir(runDir);
  const manifest: RunManifest = {
    formatVersion: manifestFormatVersion,
    runId,
    experiment,
    config,
    configHash: configHash(config),
    configPath: opts.configPath,
    seed: config.train.seed,
    seeds: session.seeds,
    backend: pickBackendFields(backend),
    versions: { replens: engineVersion, ...backend.versions },
    status: 'running',
    startedAt: new Date().toISOString(),
    steps: config.train.steps,
    lastStep: 0,
    checkpoints: [],
    resumes: [],
    wallSeconds: 0,
    init,
    split: split.record,
  };
  store.writeManifest(runDir, manifest);
  store.appendLog(runDir, `start ${runId} on ${backend.name} (${describeBackend(backend)})`);
  if (init !== undefined) {
    logInit(runDir, init, opts.onWarning);
  }
  opts.onStart?.(runDir, backend, manifest);
  return drive(session, runDir, manifest, 0, opts);
}

export interface ResumeOptions extends RunHooks {
  runDir: string;
  backend?: BackendChoice;
}

/**
 * Continues a run from its last checkpoint (parameters and optimizer state). On the same backend
 * the final weights equal those of an uninterrupted run with the same config.
 */
export async function resumeRun(opts: ResumeOptions): Promise<RunResult> {
  const runDir = path.resolve(opts.runDir);
  const manifest = store.readManifest(runDir);
  if (manifest.status === 'running') {
    store.appendLog(runDir, 'resume: manifest said running (process was killed); continuing');
  }
  const config = runConfigOf(manifest);
  const backend = await initBackend(opts.backend ?? (manifest.backend.name as BackendChoice));
  const steps = store.listCheckpoints(runDir);
  if (steps.length === 0) {
    throw new Error(`${runDir}: no checkpoint to resume from`);
  }
  const last = steps[steps.length - 1];
  const session = createSession(config, resumedSplit(config, manifest).inputs);
  restoreCheckpoint(session, readCheckpoint(checkpointFile(runDir, last)));
  store.truncateMetrics(runDir, last);
  manifest.status = 'running';
  manifest.endedAt = undefined;
  manifest.error = undefined;
  manifest.checkpoints = steps;
  manifest.lastStep = last;
  manifest.resumes.push({ at: new Date().toISOString(), fromStep: last });
  if (backend.name !== manifest.backend.name) {
    store.appendLog(
      runDir,
      `resume on ${backend.name}, run started on ${manifest.backend.name}: results may differ in the last bits`,
    );
  }
  store.writeManifest(runDir, manifest);
  store.appendLog(runDir, `resume from step ${last} on ${backend.name}`);
  opts.onStart?.(runDir, backend, manifest);
  return drive(session, runDir, manifest, last, opts);
}

function logInit(runDir: string, init: RunInit, onWarning?: (line: string) => void): void {
  store.appendLog(
    runDir,
    `initial weights from ${init.from} (sha256 ${init.sha256}): ${init.loaded.length} loaded, ${init.skipped.length} left at their initial values`,
  );
  if (init.parent !== undefined) {
    const { runId, experiment, step } = init.parent;
    store.appendLog(runDir, `fine-tune of ${experiment}/${runId} from its step ${step}`);
  }
  for (const w of init.warnings) {
    const line = `warning: model.init: ${w}`;
    store.appendLog(runDir, line);
    onWarning?.(line);
  }
}

async function drive(
  session: Session,
  runDir: string,
  manifest: RunManifest,
  fromStep: number,
  hooks: RunHooks,
): Promise<RunResult> {
  const t0 = Date.now();
  const priorSeconds = manifest.wallSeconds;
  const finish = (status: RunManifest['status'], error?: string): RunResult => {
    manifest.status = status;
    manifest.error = error;
    manifest.endedAt = new Date().toISOString();
    manifest.wallSeconds = priorSeconds + (Date.now() - t0) / 1000;
    store.writeManifest(runDir, manifest);
    store.appendLog(runDir, `${status} at step ${manifest.lastStep}${error ? `: ${error}` : ''}`);
    return toResult(manifest, runDir);
  };
  try {
    const history = fromStep > 0 ? store.readMetrics(runDir) : [];
    for await (const event of train(session, { fromStep, signal: hooks.signal, history })) {
      record(event, runDir, manifest);
      hooks.onEvent?.(event);
      if (event.type === 'end') {
        return finish(event.status);
      }
    }
    return finish('failed', 'training ended without a final event');
  } catch (e) {
    return finish('failed', e instanceof Error ? e.message : String(e));
  } finally {
    session.dispose();
  }
}

/** The given split of a resumed run; its file must be the one the run started with. */
function resumedSplit(config: ExperimentConfig, manifest: RunManifest): LoadedSplit {
  const split = loadGivenSplit(config);
  const before = manifest.split?.sha256;
  if (split.record !== undefined && before !== undefined && split.record.sha256 !== before) {
    throw new SplitFileError(
      `task.split.trainIndices ${split.record.trainIndices}: changed since the run started (SHA-256 ${before}, now ${split.record.sha256})`,
    );
  }
  return split;
}

function record(event: TrainEvent, runDir: string, manifest: RunManifest): void {
  switch (event.type) {
    case 'metrics':
      store.appendMetrics(runDir, event.metrics);
      return;
    case 'checkpoint': {
      const { step } = event.checkpoint;
      writeCheckpoint(checkpointFile(runDir, step), event.checkpoint, {
        configHash: manifest.configHash,
        runId: manifest.runId,
      });
      manifest.checkpoints = [...new Set([...manifest.checkpoints, step])].sort((a, b) => a - b);
      manifest.lastStep = step;
      store.writeManifest(runDir, manifest);
      return;
    }
    case 'progress':
      return;
    case 'end': {
      const { step, trainLoss, trainAcc, testLoss, testAcc } = event.final;
      manifest.final = { step, trainLoss, trainAcc, testLoss, testAcc };
      manifest.lastStep = step;
      if (event.earlyStop !== undefined) {
        const { bestStep, bestTestLoss } = event.earlyStop;
        manifest.earlyStop = { step, bestStep, bestTestLoss };
        store.appendLog(
          runDir,
          `early stop at step ${step}: best validation loss ${bestTestLoss} at step ${bestStep}`,
        );
      }
      return;
    }
  }
}

function toResult(m: RunManifest, runDir: string): RunResult {
  const final = m.final && {
    trainLoss: m.final.trainLoss,
    trainAcc: m.final.trainAcc,
    testLoss: m.final.testLoss,
    testAcc: m.final.testAcc,
  };
  return {
    runId: m.runId,
    runDir,
    backend: m.backend.name,
    status: m.status,
    steps: m.lastStep,
    final,
    wallSeconds: Math.round(m.wallSeconds * 100) / 100,
    error: m.error,
  };
}

function pickBackendFields(b: BackendInfo): RunManifest['backend'] {
  return {
    name: b.name,
    requested: b.requested,
    tfBackend: b.tfBackend,
    simd: b.simd,
    threads: b.threads,
    fallbacks: b.fallbacks,
  };
}

/** Human-readable backend summary, e.g. "wasm, SIMD, 1 thread". */
export function describeBackend(b: BackendInfo): string {
  const parts: string[] = [b.tfBackend];
  if (b.simd !== undefined) {
    parts.push(b.simd ? 'SIMD' : 'no SIMD');
  }
  if (b.threads !== undefined) {
    parts.push(`${b.threads} thread${b.threads === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}
