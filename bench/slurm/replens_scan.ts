/**
 * Times the readers of a sweep folder in one process: `readSweepState` (what `sweep status` and
 * closing a sweep read), `readSweepStateAsync` (the runs tree) and `sourceRuns` (how the sweep
 * analyses list a sweep's runs) and `planSweepTask` (what every array task reads when it starts:
 * which run folder is its job's), each `--reps` times after one warm-up.
 *
 * usage: node --import tsx bench/slurm/replens_scan.ts SWEEP_DIR [--reps N]
 * Prints one JSON line: `{runs, readers: {name: {medianMs, repMs}}}`.
 */
import { performance } from 'node:perf_hooks';
import { sourceRuns } from '../../src/runner/analysisRuns';
import { planSweepTask } from '../../src/runner/slurm/sweepTask';
import { readSweepState, readSweepStateAsync } from '../../src/storage/sweepStore';

/** Median and every rep of one reader, in milliseconds. */
export interface ReaderTiming {
  medianMs: number;
  repMs: number[];
}

async function time(reps: number, read: () => unknown): Promise<ReaderTiming> {
  await read();
  const repMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await read();
    repMs.push(performance.now() - t0);
  }
  const s = [...repMs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { medianMs: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, repMs };
}

async function main(argv: string[]): Promise<void> {
  const sweepDir = argv[0];
  const i = argv.indexOf('--reps');
  const reps = i >= 0 ? Number(argv[i + 1]) : 3;
  const runs = readSweepState(sweepDir).runs.length;
  const readers = {
    readSweepState: await time(reps, () => readSweepState(sweepDir)),
    readSweepStateAsync: await time(reps, () => readSweepStateAsync(sweepDir)),
    sourceRuns: await time(reps, () => sourceRuns(sweepDir)),
    planSweepTask: await time(reps, () => planSweepTask(sweepDir, runs - 1)),
  };
  process.stdout.write(JSON.stringify({ runs, readers }) + '\n');
}

void main(process.argv.slice(2));
