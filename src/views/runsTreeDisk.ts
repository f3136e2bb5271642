/**
 * Reads the runs tree from disk, one level at a time and asynchronously: experiments of a root,
 * runs and sweeps of an experiment, runs of a sweep, checkpoints and analyses of a run. Every JSON
 * file goes through its zod schema; a damaged or foreign folder becomes a node with an error.
 */
import * as path from 'node:path';
import type { RunInfo } from '../runs/runManager';
import {
  type RunManifest,
  type SweepIndex,
  runManifestSchema,
  sweepIndexSchema,
} from '../shared/runManifest';
import { type SlurmSweepInfo, slurmInfoOf } from '../runs/sweepCliSchemas';
import { jobIndexOfConfig } from '../shared/sweepPlan';
import { runFiles, stepOfCheckpoint } from '../storage/runLayout';
import { readSweepStateAsync } from '../storage/sweepStore';
import { countFiles, newestMtime, readEntries, readJson, subdirs } from './runsTreeFiles';
import { slurmFolder, taskNodes } from './slurmTreeNodes';
import type {
  AnalysisNode,
  CheckpointNode,
  ExperimentNode,
  MessageNode,
  PendingNode,
  RootNode,
  RunNode,
  RunsNode,
  SweepJobEntry,
  SweepNode,
} from './runsTreeNodes';

/** Live runs of this window by resolved run folder. */
export type LiveByDir = ReadonlyMap<string, RunInfo>;

function message(parent: RunsNode | undefined, dir: string, detail: string): MessageNode {
  return { kind: 'message', id: `msg:${dir}`, label: path.basename(dir), detail, parent };
}

const isAnalysisFile = (name: string): boolean => name.endsWith('.json');
const isCheckpointFile = (name: string): boolean => stepOfCheckpoint(name) !== undefined;

/** Reads one run folder (never throws: a damaged folder gives a node with `error`). */
export async function readRun(
  runDir: string,
  parent: RunNode['parent'],
  live: LiveByDir,
  job?: SweepJobEntry,
): Promise<RunNode> {
  const [manifest, checkpoints, analyses] = await Promise.all([
    readJson<RunManifest>(path.join(runDir, runFiles.manifest), (raw) =>
      runManifestSchema.safeParse(raw),
    ),
    countFiles(path.join(runDir, runFiles.checkpoints), isCheckpointFile),
    countFiles(path.join(runDir, runFiles.analyses), isAnalysisFile),
  ]);
  const node: RunNode = {
    kind: 'run',
    id: `run:${runDir}`,
    runDir,
    name: path.basename(runDir),
    manifest: manifest.value,
    error: manifest.error,
    checkpointCount: checkpoints.length,
    analysisCount: analyses.length,
    job,
    live: live.get(path.resolve(runDir)),
    parent,
  };
  if (manifest.value?.status === 'running') {
    node.lastActivityMs = await newestMtime(runDir, [
      runFiles.manifest,
      runFiles.metrics,
      runFiles.log,
    ]);
  }
  return node;
}

/**
 * Reads a sweep folder's index, its jobs' state derived from the run folders (a missing index is
 * not an error: the sweep is starting).
 */
export async function readSweep(dir: string, parent: ExperimentNode): Promise<SweepNode> {
  const read = await readJson<{ index: SweepIndex; slurm?: SlurmSweepInfo }>(
    path.join(dir, runFiles.sweepIndex),
    (raw) => {
      const r = sweepIndexSchema.safeParse(raw);
      return r.success ? { success: true, data: { index: r.data, slurm: slurmInfoOf(r.data) } } : r;
    },
  );
  const index = read.value?.index;
  const derived =
    index === undefined ? undefined : await readSweepStateAsync(dir).catch(() => index);
  const node: SweepNode = {
    kind: 'sweep',
    id: `sweep:${dir}`,
    dir,
    name: path.basename(dir),
    index: derived ?? index,
    error: read.missing === true ? undefined : read.error,
    parent,
  };
  if (read.value?.slurm !== undefined) {
    node.slurm = read.value.slurm;
  }
  return node;
}

/** Experiment folders of a runs root, by name (none when the root does not exist yet). */
export async function listExperimentDirs(
  rootPath: string,
  parent: RootNode | undefined,
): Promise<(ExperimentNode | MessageNode)[]> {
  const r = await subdirs(rootPath);
  if (!r.ok) {
    return r.missing ? [] : [message(parent, rootPath, r.message)];
  }
  return r.entries
    .map((e) => path.join(rootPath, e.name))
    .sort()
    .map((dir) => ({
      kind: 'experiment',
      id: `exp:${dir}`,
      dir,
      name: path.basename(dir),
      virtual: false,
      parent,
    }));
}

/** Sort key putting the newest run or sweep first (both names start with a UTC timestamp). */
const recency = (name: string): string => name.replace(/^sweep-/, '');

/** Runs and sweeps of an experiment, newest first. */
export async function listExperiment(
  exp: ExperimentNode,
  live: LiveByDir,
): Promise<(SweepNode | RunNode | MessageNode)[]> {
  const r = await subdirs(exp.dir);
  if (!r.ok) {
    return r.missing ? [] : [message(exp, exp.dir, r.message)];
  }
  const names = r.entries.map((e) => e.name).sort((a, b) => recency(b).localeCompare(recency(a)));
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(exp.dir, name);
      return (await isSweepDir(dir, name)) ? readSweep(dir, exp) : readRun(dir, exp, live);
    }),
  );
}

async function isSweepDir(dir: string, name: string): Promise<boolean> {
  const r = await readEntries(dir);
  const has = (f: string): boolean => r.ok && r.entries.some((e) => e.name === f);
  return has(runFiles.sweepIndex) || (name.startsWith('sweep-') && !has(runFiles.manifest));
}

/** Job index of a run made by a sweep, from its config path `configs/job-NNN.replens.json`. */
function jobIndexOf(manifest: RunManifest | undefined): number | undefined {
  return jobIndexOfConfig(manifest?.configPath);
}

/** A sweep's run folders (with their jobs), then jobs that have no folder (queued or failed). */
export async function listSweep(
  sweep: SweepNode,
  live: LiveByDir,
): Promise<(RunNode | PendingNode | MessageNode)[]> {
  const r = await subdirs(sweep.dir);
  if (!r.ok) {
    return r.missing ? [] : [message(sweep, sweep.dir, r.message)];
  }
  const jobs = sweep.index?.runs ?? [];
  const byDir = new Map(jobs.flatMap((j) => (j.runDir ? [[path.resolve(j.runDir), j]] : [])));
  const runs = await Promise.all(
    r.entries
      .filter((e) => e.name !== 'configs' && e.name !== slurmFolder)
      .map(async (e) => {
        const dir = path.join(sweep.dir, e.name);
        const run = await readRun(dir, sweep, live, byDir.get(path.resolve(dir)));
        const index = jobIndexOf(run.manifest);
        run.job ??= jobs.find((j) => j.index === index);
        return run;
      }),
  );
  runs.sort((a, b) => (a.job?.index ?? Infinity) - (b.job?.index ?? Infinity) || cmp(a, b));
  const started = new Set(runs.flatMap((run) => (run.job ? [run.job.index] : [])));
  const pending = jobs
    .filter((j) => !started.has(j.index) && j.runDir === undefined)
    .flatMap((j) => pendingJob(sweep, j) ?? []);
  return taskNodes(sweep, runs, pending);
}

const cmp = (a: RunNode, b: RunNode): number => a.name.localeCompare(b.name);

function pendingJob(sweep: SweepNode, j: SweepJobEntry): PendingNode | undefined {
  if (j.status === 'running' || j.status === 'done') {
    // A running job's folder is listed once its process creates it.
    return undefined;
  }
  return {
    kind: 'pending',
    id: `job:${sweep.dir}#${j.index}`,
    label: `job ${j.index}`,
    jobIndex: j.index,
    status: j.status === 'pending' ? 'queued' : j.status,
    detail: j.error,
    parent: sweep,
  };
}

/** Checkpoints of a run by step, then its analysis files by name. */
export async function listRunFiles(
  run: RunNode,
): Promise<(CheckpointNode | AnalysisNode | MessageNode)[]> {
  const ckptDir = path.join(run.runDir, runFiles.checkpoints);
  const analysisDir = path.join(run.runDir, runFiles.analyses);
  const [ckpts, analyses] = await Promise.all([
    countFiles(ckptDir, isCheckpointFile),
    countFiles(analysisDir, isAnalysisFile),
  ]);
  const checkpointNodes = ckpts
    .map((name) => ({ name, step: stepOfCheckpoint(name) ?? 0 }))
    .sort((a, b) => a.step - b.step)
    .map(({ name, step }): CheckpointNode => {
      const file = path.join(ckptDir, name);
      return {
        kind: 'checkpoint',
        id: `ckpt:${file}`,
        file,
        step,
        runDir: run.runDir,
        parent: run,
      };
    });
  const analysisNodes = analyses.sort().map((name): AnalysisNode => {
    const file = path.join(analysisDir, name);
    const stem = name.replace(/\.json$/, '');
    const dash = stem.lastIndexOf('-');
    const analysisKind = dash > 0 ? stem.slice(0, dash) : stem;
    return {
      kind: 'analysis',
      id: `analysis:${file}`,
      file,
      analysisKind,
      runDir: run.runDir,
      parent: run,
    };
  });
  return [...checkpointNodes, ...analysisNodes];
}
