/**
 * The extrapolation analysis of several sources (run folders and sweep folders) side by side,
 * with mean and standard deviation per training variant (normal, oracle, adversarial) at each
 * run's best-validation checkpoint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtrapolationComparison, RunExtrapolation } from '../../shared/extrapolationResults';
import { sweepIndexSchema } from '../../shared/runManifest';
import { runFiles } from '../../storage/runLayout';
import { AnalysisInputError } from '../completeness/runCompleteness';
import { analyzeRunExtrapolation, readExtrapolationRun } from './runExtrapolation';

interface Candidate {
  runDir: string;
  pending?: string;
}

/** Analyses every run of the sources; runs that cannot be analysed yet are listed as skipped. */
export async function compareExtrapolation(
  sources: readonly string[],
  onProgress?: (message: string) => void,
): Promise<ExtrapolationComparison> {
  const candidates = sources.flatMap((s) => runsOf(path.resolve(s)));
  const runs: RunExtrapolation[] = [];
  const skipped: ExtrapolationComparison['skipped'] = [];
  for (const [i, c] of candidates.entries()) {
    if (c.pending !== undefined) {
      skipped.push({ runDir: c.runDir, reason: c.pending });
      continue;
    }
    try {
      if (candidates.length > 1 && readExtrapolationRun(c.runDir).manifest.status === 'running') {
        skipped.push({ runDir: c.runDir, reason: 'still running' });
        continue;
      }
      runs.push(
        await analyzeRunExtrapolation(c.runDir, (done, total) =>
          onProgress?.(`run ${i + 1}/${candidates.length}: checkpoint ${done}/${total}`),
        ),
      );
    } catch (e) {
      if (candidates.length === 1) {
        throw e;
      }
      skipped.push({ runDir: c.runDir, reason: (e as Error).message });
    }
  }
  if (runs.length === 0) {
    const why = skipped.map((s) => `${path.basename(s.runDir)}: ${s.reason}`).join('; ');
    throw new AnalysisInputError(`no run could be analysed${why ? ` (${why})` : ''}`);
  }
  return { runs, byTraining: byTraining(runs), skipped, partial: skipped.length > 0 };
}

/** A run folder itself, or the runs a sweep folder's index lists. */
function runsOf(dir: string): Candidate[] {
  if (fs.existsSync(path.join(dir, runFiles.manifest))) {
    return [{ runDir: dir }];
  }
  const indexFile = path.join(dir, runFiles.sweepIndex);
  if (!fs.existsSync(indexFile)) {
    throw new AnalysisInputError(
      `${dir}: not a run folder (no ${runFiles.manifest}) or a sweep folder (no ${runFiles.sweepIndex})`,
    );
  }
  let index;
  try {
    index = sweepIndexSchema.parse(JSON.parse(fs.readFileSync(indexFile, 'utf8')));
  } catch (e) {
    throw new AnalysisInputError(`${indexFile}: unreadable sweep index (${(e as Error).message})`);
  }
  return index.runs.map((r) => ({
    runDir: r.runDir ?? path.join(dir, `job-${r.index}`),
    pending:
      r.status === 'pending' || r.status === 'running'
        ? r.status === 'pending'
          ? 'not started'
          : 'still running'
        : r.runDir === undefined
          ? `${r.status} before it started`
          : undefined,
  }));
}

function byTraining(runs: RunExtrapolation[]): ExtrapolationComparison['byTraining'] {
  const variants = [...new Set(runs.map((r) => r.training))];
  return variants.map((training) => {
    const group = runs.filter((r) => r.training === training);
    const stat = (f: (r: RunExtrapolation) => number) => meanSd(group.map(f));
    return {
      training,
      runs: group.length,
      valLoss: stat((r) => r.best.valLoss),
      oodR1Accuracy: stat((r) => r.best.oodR1Accuracy),
      idGrammaticalAccuracy: stat((r) => r.best.idGrammaticalAccuracy),
    };
  });
}

/** Mean and sample standard deviation (0 for a single value). */
function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0 };
}
