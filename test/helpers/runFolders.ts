/**
 * Builders of run and sweep folders on disk for tests of code that reads them:
 * `aRun(root).withStatus('done').withCheckpoints(10, 20).write()`. They write through the real
 * storage functions, so the folders look exactly like ones a run leaves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunInfo } from '../../src/runs/runManager';
import {
  type RunManifest,
  type RunStatus,
  type SweepIndex,
  manifestFormatVersion,
} from '../../src/shared/runManifest';
import { checkpointFile, runFiles } from '../../src/storage/runLayout';
import { createRunDir, writeManifest } from '../../src/storage/runStore';

let counter = 0;

/** A run id like the real ones, unique within the test process and ordered by creation. */
export function nextRunId(): string {
  counter += 1;
  return `20260101T0000${String(counter).padStart(2, '0')}Z-t${String(counter).padStart(3, '0')}`;
}

/** A complete, valid manifest of a finished run. */
export function aManifest(runId: string, experiment: string): RunManifest {
  return {
    formatVersion: manifestFormatVersion,
    runId,
    experiment,
    config: { name: experiment },
    configHash: 'c0ffee12',
    seed: 3,
    seeds: { init: 3, data: 4 },
    backend: { name: 'cpu', requested: 'auto', tfBackend: 'cpu', fallbacks: [] },
    versions: { replens: '0.0.0-test' },
    status: 'done',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:05.000Z',
    steps: 500,
    lastStep: 500,
    checkpoints: [],
    final: { step: 500, trainLoss: 0.01, trainAcc: 1, testLoss: 0.02, testAcc: 1 },
    resumes: [],
    wallSeconds: 5,
  };
}

/** The manifest fields of a fine-tune of the run in `parentDir` from its checkpoint at `step`. */
export function fineTuneOf(
  parentDir: string,
  step: number,
  loaded: string[] = [],
): Pick<RunManifest, 'init'> {
  return {
    init: {
      from: path.join(parentDir, 'checkpoints', `step-${step}.safetensors`),
      sha256: '0',
      loaded,
      skipped: [],
      warnings: [],
      parent: {
        runId: path.basename(parentDir),
        runDir: parentDir,
        experiment: path.basename(path.dirname(parentDir)),
        step,
      },
    },
  };
}

/** Builds one run folder under `<parentDir>/<runId>`. */
export class RunFolderBuilder {
  private readonly manifest: RunManifest;
  private checkpoints: number[] = [];
  private analyses: string[] = [];

  constructor(
    private readonly parentDir: string,
    experiment: string,
    runId = nextRunId(),
  ) {
    this.manifest = aManifest(runId, experiment);
  }

  withStatus(status: RunStatus, lastStep = status === 'done' ? 500 : 120): this {
    Object.assign(this.manifest, { status, lastStep });
    if (status !== 'done') {
      delete this.manifest.final;
    }
    if (status === 'running') {
      delete this.manifest.endedAt;
    }
    return this;
  }

  withManifest(fields: Partial<RunManifest>): this {
    Object.assign(this.manifest, fields);
    return this;
  }

  withCheckpoints(...steps: number[]): this {
    this.checkpoints = steps;
    return this;
  }

  withAnalyses(...fileNames: string[]): this {
    this.analyses = fileNames;
    return this;
  }

  /** Writes the folder and returns its path. */
  write(): string {
    const runDir = path.join(this.parentDir, this.manifest.runId);
    createRunDir(runDir);
    this.manifest.checkpoints = [...this.checkpoints];
    writeManifest(runDir, this.manifest);
    for (const step of this.checkpoints) {
      fs.writeFileSync(checkpointFile(runDir, step), new Uint8Array(8));
    }
    for (const name of this.analyses) {
      fs.writeFileSync(path.join(runDir, runFiles.analyses, name), '{}\n');
    }
    return runDir;
  }
}

/** A run of `experiment` under a runs root. */
export function aRun(root: string, experiment = 'exp', runId?: string): RunFolderBuilder {
  return new RunFolderBuilder(path.join(root, experiment), experiment, runId);
}

/** A run inside a sweep folder, made from the sweep's job config `job-NNN`. */
export function aSweepRun(sweepDir: string, experiment: string, job: number): RunFolderBuilder {
  const configPath = path.join(
    sweepDir,
    'configs',
    `job-${String(job).padStart(3, '0')}.replens.json`,
  );
  return new RunFolderBuilder(sweepDir, experiment).withManifest({ configPath });
}

/** Writes `<root>/<experiment>/<sweepId>/sweep.json` with the given jobs; returns the folder. */
export function writeSweep(
  root: string,
  experiment: string,
  sweepId: string,
  runs: SweepIndex['runs'],
): string {
  const dir = path.join(root, experiment, sweepId);
  fs.mkdirSync(path.join(dir, 'configs'), { recursive: true });
  const index: SweepIndex = {
    formatVersion: manifestFormatVersion,
    sweepId,
    experiment,
    createdAt: '2026-01-01T00:00:00.000Z',
    parallel: 2,
    runs,
  };
  fs.writeFileSync(path.join(dir, runFiles.sweepIndex), JSON.stringify(index, null, 2));
  return dir;
}

/** A RunManager run record, as the live state of a run this window drives. */
export function aLiveRun(fields: Partial<RunInfo>): RunInfo {
  return {
    key: 'run-1',
    kind: 'start',
    state: 'running',
    step: 0,
    total: 0,
    metrics: [],
    ...fields,
  };
}
